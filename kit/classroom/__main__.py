"""``python -m kit.classroom``: see :mod:`kit.classroom.command`."""

import sys

from .command import main

sys.exit(main())

"""``python -m kit``: see :mod:`kit.cli`."""

from .cli import main

raise SystemExit(main())

"""``python -m kit.classroom`` (also ``python -m kit classroom``): accounts and the class's hub.

    python -m kit.classroom add roster.csv       # accounts, homes, passwords (root)
    python -m kit.classroom remove roster.csv    # delete those accounts and their homes (root)
    python -m kit.classroom hub start [--ip 127.0.0.1] [--port 8000]
    python -m kit.classroom hub stop
    python -m kit.classroom hub config           # only write classroom/hub/jupyterhub_config.py

``KIT_CLASSROOM_DIR`` moves the state folder (default ``classroom/`` in the project).

    >>> build_parser().parse_args(["hub", "start", "--port", "8001"]).port
    8001
"""

from __future__ import annotations

import argparse
import os
import sys

from ..errors import KitError

__all__ = ["main", "build_parser", "add_arguments"]


def _add(args) -> int:
    from .roster import add_students

    add_students(args.roster)
    return 0


def _remove(args) -> int:
    from .roster import remove_students

    remove_students(args.roster)
    return 0


def _hub(args) -> int:
    from . import hubconfig
    from .paths import ClassroomPaths

    paths = ClassroomPaths()
    if args.action == "start":
        hubconfig.start(paths, ip=args.ip, port=args.port)
    elif args.action == "stop":
        hubconfig.stop(paths)
    else:
        print(f"wrote {hubconfig.write_config(paths, ip=args.ip, port=args.port)}")
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The classroom's subcommands on ``parser`` (used by ``python -m kit classroom`` too)."""
    sub = parser.add_subparsers(dest="classroom_command", required=True)
    p = sub.add_parser("add", help="create an account, a home and a password per roster line (root)")
    p.add_argument("roster", help="CSV with a 'username' column (optional: name, role)")
    p.set_defaults(classroom_func=_add)
    p = sub.add_parser("remove", help="delete the roster's accounts and their homes (root)")
    p.add_argument("roster")
    p.set_defaults(classroom_func=_remove)
    p = sub.add_parser("hub", help="start or stop the class's JupyterHub")
    p.add_argument("action", choices=["start", "stop", "config"])
    p.add_argument("--ip", default=os.environ.get("HUB_IP", "127.0.0.1"),
                   help="address to serve on (default 127.0.0.1; 0.0.0.0 for a classroom network, with TLS)")
    p.add_argument("--port", type=int, default=int(os.environ.get("HUB_PORT", "8000")))
    p.set_defaults(classroom_func=_hub)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kit.classroom", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return parser


def run(args) -> int:
    """Run parsed arguments; a KitError becomes a message and exit status 1."""
    try:
        return args.classroom_func(args)
    except KitError as err:
        print(err, file=sys.stderr)
        return 1


def main(argv: list[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))

"""A classroom on JupyterHub: one server, one login per student, answers checked where students
cannot read the key, every attempt collected for the instructor.

Optional (``pip install -e '.[hub]'``); nothing here is imported by the rest of the kit, and
nothing imports tornado or jupyterhub until the service or the hub is started.

Modules, each with one job:

* :mod:`~kit.classroom.store`: the attempts database (SQLite, WAL);
* :mod:`~kit.classroom.service`: the checking service (a tornado app run by the hub);
* :mod:`~kit.classroom.page`: the instructor's page and its chart;
* :mod:`~kit.classroom.hubapi`: asking the hub whether a user is an instructor;
* :mod:`~kit.classroom.client`: the quiz's side, used from a student's kernel;
* :mod:`~kit.classroom.roster`: Unix accounts, homes and passwords from a roster CSV;
* :mod:`~kit.classroom.hubconfig`: the hub's config, start and stop;
* :mod:`~kit.classroom.command`: ``python -m kit.classroom`` (and ``python -m kit classroom``).

    >>> remote_checker(environ={}) is None      # outside a hub: the quiz checks locally
    True
"""

from __future__ import annotations

from .client import RemoteChecker, hub_user, in_hub, remote_checker

__all__ = ["remote_checker", "RemoteChecker", "in_hub", "hub_user"]

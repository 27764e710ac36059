"""The roster's checks, the hub's generated config and the state folder's modes (no root needed)."""

from __future__ import annotations

import stat

import pytest

from kit.classroom.hubconfig import HTTP_TIMEOUT_S, START_TIMEOUT_S, config_text
from kit.classroom.paths import ClassroomPaths, sync_keys
from kit.classroom.roster import read_roster_text
from kit.errors import KitError

from .conftest import DATA


def test_a_roster_is_read_with_roles():
    rows = read_roster_text("\ufeffUsername,Name,Role\nliwei,Li Wei,\n\nwangfang,Wang Fang,Instructor\n")
    assert [(r.username, r.name, r.role) for r in rows] == [
        ("liwei", "Li Wei", "student"), ("wangfang", "Wang Fang", "instructor")]


@pytest.mark.parametrize("text, message", [
    ("name\nLi Wei\n", "line 1: the first line must name the columns"),
    ("username\nLi Wei\n", "line 2: 'Li Wei' cannot be an account name"),
    ("username\nroot;rm\n", "cannot be an account name"),
    ("username,role\nliwei,teacher\n", "line 2: role 'teacher' is unknown"),
    ("username\nliwei\nliwei\n", "line 3: 'liwei' is on the roster twice"),
])
def test_a_bad_roster_names_the_line(text, message):
    with pytest.raises(KitError, match=message):
        read_roster_text(text, "roster.csv")


def test_the_config_binds_loopback_raises_timeouts_and_declares_the_service(tmp_path):
    text = config_text(ClassroomPaths(tmp_path), ip="127.0.0.1", port=8123)
    assert "c.JupyterHub.ip = '127.0.0.1'" in text and "c.JupyterHub.port = 8123" in text
    assert f"c.Spawner.http_timeout = {HTTP_TIMEOUT_S}" in text and HTTP_TIMEOUT_S > 30
    assert f"c.Spawner.start_timeout = {START_TIMEOUT_S}" in text and START_TIMEOUT_S > 60
    assert 'authenticator_class = "pam"' in text and "admin_groups = {'instructors'}" in text
    assert "'kit.classroom.service'" in text and str(tmp_path / "keys") in text
    assert "access:services!service=kit" in text
    compile(text, "jupyterhub_config.py", "exec")      # valid Python


def test_state_folders_are_private_and_keys_are_copied(tmp_path, keys_dir):
    paths = ClassroomPaths(tmp_path / "class")
    released = keys_dir / "copy.yaml"
    released.write_text("released: true\ntitle: x\nquestions: []\n", encoding="utf-8")
    copied = sync_keys(paths, keys_dir)
    assert [p.name for p in copied] == ["c1_practice.yaml"]           # a student copy is no key
    for private in (paths.hub, paths.keys, paths.service, paths.release):
        assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.root.stat().st_mode) == 0o755
    assert stat.S_IMODE(copied[0].stat().st_mode) == 0o600
    assert (DATA / "keys" / "c1_practice.yaml").read_bytes() == copied[0].read_bytes()

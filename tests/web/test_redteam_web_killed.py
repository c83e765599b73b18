"""Red team r14: an upload the service was submitting when it was killed outright stayed
in the system temporary folder for good (the package: the requested people's names, dates
of birth and TINs). The service now names its scratch folders by process id and, when it
starts, removes those of processes that are gone. This test failed before: the folder of
the killed `dgate serve` was still there after the next start."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest
from tests.e2e.handmade import AS_OF
from tests.web.builders import make_world

from dgate import faults
from dgate.web.app import create_app


def _serve(home: Path, tmpdir: Path, crash_at: str) -> tuple[subprocess.Popen[bytes], str]:
    """`dgate serve` in its own process, its temporary folder `tmpdir`, set to die
    (SIGKILL, no clean-up) at the named crash point."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "TMPDIR": str(tmpdir), faults.ENV: crash_at}
    proc = subprocess.Popen([sys.executable, "-m", "dgate", "serve", "--home", str(home),
                             "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/healthz").status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            raise RuntimeError("dgate serve did not start")
        time.sleep(0.05)


def test_an_upload_killed_midway_is_removed_at_the_next_start(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    world = make_world(tmp_path)
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    proc, url = _serve(world.home, tmpdir, "submit.decisions_written")
    try:
        with pytest.raises(httpx.TransportError):
            httpx.post(f"{url}/api/v1/batches",
                       headers={"Authorization": f"Bearer {world.tokens['clerk']}"},
                       files={"package": ("pkg.zip", world.zip_bytes, "application/zip")},
                       data={"as_of": AS_OF}, timeout=60)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
    left = [p for p in tmpdir.rglob("*") if p.is_file()]
    assert [p.name for p in left] == ["package.zip"]   # what the kill left
    # A folder of a live process (this one) is not touched by the sweep.
    monkeypatch.setattr(tempfile, "tempdir", str(tmpdir))
    mine = tmpdir / f"dgate-web-{os.getpid()}-live"
    mine.mkdir()
    (mine / "package.zip").write_bytes(b"in use")
    create_app(world.home)
    assert [p for p in tmpdir.rglob("*") if p.is_file()] == [mine / "package.zip"]

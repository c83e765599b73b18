"""`batch release --out` naming a place that cannot take the response file is refused before
anything is recorded: no release, no accounting disclosure, no ledger event (cli.md: one
line, a non-zero exit, nothing half-written). Before the fix, a folder given as --out had
its disclosures recorded, then the write failed: the accounting said "disclosed" for a
response that never left, and the next release only "rewrote" it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.e2e.handmade import EXPECTED_DISCLOSURES, approved_batch, dgate, state


@pytest.fixture(scope="module")
def approved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    tmp = tmp_path_factory.mktemp("release_target")
    return (*approved_batch(tmp), tmp)


def test_a_folder_as_out_is_refused_before_anything_is_recorded(approved) -> None:
    home, batch, tmp = approved
    folder = tmp / "responses"
    folder.mkdir()
    r = dgate(home, "batch", "release", batch, "--out", str(folder), user="off1")
    assert r.code == 2, (r.code, r.err)
    assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
    assert str(folder) in r.err
    assert state(home) == (0, 0, 0)
    assert list(folder.iterdir()) == []
    assert not [p for p in tmp.iterdir() if p.name.endswith(".probe")]

    # The same release to a file then does it all, once.
    out = tmp / "response.csv"
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 0, r.err
    assert "already released" not in r.out
    assert state(home) == (1, EXPECTED_DISCLOSURES, EXPECTED_DISCLOSURES)
    assert out.read_text(encoding="utf-8").count(",DISCLOSED,") == EXPECTED_DISCLOSURES
    assert dgate(home, "ledger", "verify", user="aud").code == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_folder_refusing_new_files_is_refused_before_anything_is_recorded(
        tmp_path: Path) -> None:
    home, batch = approved_batch(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        r = dgate(home, "batch", "release", batch, "--out", str(locked / "r.csv"), user="off1")
    finally:
        locked.chmod(0o755)
    assert r.code == 2, (r.code, r.err)
    assert state(home) == (0, 0, 0)


def test_a_device_target_needs_no_writable_folder(tmp_path: Path, monkeypatch) -> None:
    """A character device or a pipe is written in place: the probe creates nothing beside
    it (/dev/stdout must not need a writable /dev)."""
    from dgate import csvout

    made: list[str] = []
    real = csvout.tempfile.mkstemp

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(str(kwargs.get("dir")))
        return real(*args, **kwargs)

    monkeypatch.setattr(csvout.tempfile, "mkstemp", spy)
    csvout.check_writable(Path("/dev/null"))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    csvout.check_writable(fifo)
    if Path("/proc/self/fd/1").exists():
        link = tmp_path / "stdout-link"   # as /dev/stdout is, whatever stdout leads to
        link.symlink_to("/proc/self/fd/1")
        csvout.check_writable(link)
    assert made == []
    csvout.check_writable(tmp_path / "response.csv")
    assert made == [str(tmp_path)]

"""Artefacts of the home (model files, pointers, exports) are replaced atomically even when
the service's threads write the same file at once (CI once caught two uploads saving the
same model file: one rename found the other's shared temporary file already gone)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from tests.e2e.handmade import setup_home

from dgate.fsio import replace_atomic
from dgate.service.home import Home


def _hammer(n: int, work) -> list[BaseException]:   # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    barrier = threading.Barrier(n)

    def run(i: int) -> None:
        barrier.wait()
        try:
            work(i)
        except BaseException as exc:   # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_concurrent_replacements_of_one_file_all_succeed_and_leave_one_whole(
        tmp_path: Path) -> None:
    target = tmp_path / "artefact.json"
    bodies = [(f"{i:03d}" * 20_000).encode() for i in range(16)]
    for _round in range(5):
        assert _hammer(16, lambda i: replace_atomic(target, bodies[i])) == []
        assert target.read_bytes() in bodies
    # No temporary file is left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["artefact.json"]


def test_a_failed_replacement_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "artefact"
    replace_atomic(target, b"old")
    with pytest.raises(OSError):
        replace_atomic(tmp_path / "missing-folder" / "x", b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["artefact"]


def test_threads_saving_the_model_at_once_all_succeed(tmp_path: Path) -> None:
    home_path, _key = setup_home(tmp_path)
    with Home(home_path) as home:
        digests: list[str] = []
        errors = _hammer(12, lambda _i: digests.append(home.save_model()))
        assert errors == []
        assert len(set(digests)) == 1
        saved = home_path / "models" / f"{digests[0]}.json"
        assert saved.is_file() and saved.read_text().strip().startswith("{")
        assert [p.name for p in saved.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_pipe_or_device_is_written_in_place_not_renamed_over(tmp_path: Path) -> None:
    """`--out /dev/null` or a FIFO: the bytes go into the stream and the device stays one
    (a rename over /dev/null, run as root, left a regular file in its place)."""
    import os
    import stat

    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    replace_atomic(fifo, b"request_id,disposition\n")
    reader.join(timeout=10)
    assert got == [b"request_id,disposition\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.fifo"]  # no temporary file left


_STDOUT_LINK_SCRIPT = """
import sys
from pathlib import Path
from dgate.fsio import replace_atomic
print("before", flush=True)
replace_atomic(Path(sys.argv[1]), b"request_id,disposition\\n")
print("after")
"""


@pytest.mark.skipif(not Path("/proc/self/fd/1").exists(), reason="needs /proc/self/fd")
def test_a_link_to_stdout_redirected_to_a_file_is_written_through(tmp_path: Path) -> None:
    """`--out /dev/stdout > report.csv`: /dev/stdout is a link to /proc/self/fd/1, which
    leads to a regular file. The report must reach that file, after what was printed before
    and before what is printed after, and the link must stay a link (renamed over, as root,
    /dev/stdout became a regular file holding the report). A link of our own to
    /proc/self/fd/1 stands in for /dev/stdout, so the old code cannot harm the machine."""
    import os
    import subprocess
    import sys

    link = tmp_path / "stdout-link"
    link.symlink_to("/proc/self/fd/1")
    captured = tmp_path / "captured.txt"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    with captured.open("wb") as fh:
        proc = subprocess.run([sys.executable, "-c", _STDOUT_LINK_SCRIPT, str(link)],
                              stdout=fh, stderr=subprocess.PIPE, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert captured.read_text() == "before\nrequest_id,disposition\nafter\n"
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["captured.txt", "stdout-link"]


def test_a_link_to_a_file_has_its_target_replaced_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_bytes(b"old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    replace_atomic(link, b"new")
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]

"""`batch release` reads the batch's decisions, and accounts and records its disclosures, a
chunk at a time (issue 9: it held every row and every disclosure of the batch at once, 270
MB above its start for the 1M x 100K batch's 90K disclosures). Still one transaction: a
crash after the first chunk's accounting rows and ledger events leaves none of them and no
response file, and the release run again writes what a release in one piece writes."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.e2e.handmade import EXPECTED_DISCLOSURES, approved_batch, dgate, state

from dgate.service import release

# The CLI with the release's chunk made one decision long, so that a batch of a few records
# is released in several chunks.
_ONE_BY_ONE = ("import sys; import dgate.service.release as r; r.RELEASE_CHUNK = 1; "
               "from dgate.cli import main; main(sys.argv[1:])")


@pytest.fixture(scope="module")
def approved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return approved_batch(tmp_path_factory.mktemp("chunks"))


def _copy(approved: tuple[Path, str], to: Path) -> Path:
    shutil.copytree(approved[0], to)
    return to


def _ledger_types(home: Path) -> list[str]:
    with sqlite3.connect(home / "case.sqlite") as conn:
        return [json.loads(bytes(raw))["type"]
                for (raw,) in conn.execute("SELECT entry FROM ledger_entries ORDER BY idx")]


def _export_without_time(home: Path, out: Path) -> list[list[str]]:
    """The accounting export, less the column of when each row was recorded."""
    assert dgate(home, "accounting", "export", "--out", str(out), user="aud").code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    at = rows[0].index("at")
    return [r[:at] + r[at + 1:] for r in rows]


def test_a_crash_after_the_first_chunk_leaves_nothing_and_the_rerun_completes(
        approved: tuple[Path, str], tmp_path: Path) -> None:
    home = _copy(approved, tmp_path / "home")
    twin = _copy(approved, tmp_path / "twin")
    batch = approved[1]
    out = tmp_path / "out"
    out.mkdir()
    before = _ledger_types(home)
    env = dict(os.environ, DGATE_CRASH_AT="release.chunk_recorded",
               PYTHONPATH=os.pathsep.join(filter(None, (str(Path(release.__file__).parents[2]),
                                                        os.environ.get("PYTHONPATH")))))
    proc = subprocess.run(
        [sys.executable, "-c", _ONE_BY_ONE, "batch", "release", batch, "--out",
         str(out / "response.csv"), "--as", "off1", "--home", str(home)],
        env=env, capture_output=True, timeout=120)
    # killed once the first disclosure was accounted and recorded, before the others
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode(errors="replace")[-2000:]
    assert state(home) == (0, 0, 0)
    assert _ledger_types(home) == before
    assert list(out.iterdir()) == []
    assert dgate(home, "ledger", "verify", user="aud").code == 0

    assert dgate(home, "batch", "release", batch, "--out", str(out / "response.csv"),
                 user="off1").code == 0
    assert dgate(twin, "batch", "release", batch, "--out", str(tmp_path / "twin.csv"),
                 user="off1").code == 0
    assert state(home) == (1, EXPECTED_DISCLOSURES, EXPECTED_DISCLOSURES)
    assert (out / "response.csv").read_bytes() == (tmp_path / "twin.csv").read_bytes()
    assert dgate(home, "ledger", "verify", user="aud").code == 0


@pytest.mark.parametrize("chunk", [1, 2])
def test_a_release_in_chunks_is_the_release_in_one(
        approved: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        chunk: int) -> None:
    """Chunks of one decision (every chunk holds a disclosure or none) and of two (one may
    hold none): the same response bytes, the same accounting, the release event before its
    disclosures' events, the ledger verified; released again, the same bytes and no second
    disclosure."""
    whole = _copy(approved, tmp_path / "whole")
    chunked = _copy(approved, tmp_path / "chunked")
    batch = approved[1]
    assert dgate(whole, "batch", "release", batch, "--out", str(tmp_path / "whole.csv"),
                 user="off1").code == 0
    monkeypatch.setattr(release, "RELEASE_CHUNK", chunk, raising=True)
    r = dgate(chunked, "batch", "release", batch, "--out", str(tmp_path / "chunked.csv"),
              user="off1")
    assert r.code == 0, r.err
    data = (tmp_path / "chunked.csv").read_bytes()
    assert data == (tmp_path / "whole.csv").read_bytes()
    assert data.count(b",DISCLOSED,") == EXPECTED_DISCLOSURES
    assert state(chunked) == state(whole) == (1, EXPECTED_DISCLOSURES, EXPECTED_DISCLOSURES)
    assert _export_without_time(chunked, tmp_path / "a.csv") == _export_without_time(
        whole, tmp_path / "b.csv")
    types = _ledger_types(chunked)
    assert types == _ledger_types(whole)
    first = types.index("release")
    assert types[first + 1:first + 1 + EXPECTED_DISCLOSURES] == \
        ["disclosure"] * EXPECTED_DISCLOSURES
    assert dgate(chunked, "ledger", "verify", user="aud").code == 0
    again = dgate(chunked, "batch", "release", batch, "--out", str(tmp_path / "again.csv"),
                  user="off1")
    assert again.code == 0, again.err
    assert (tmp_path / "again.csv").read_bytes() == data
    assert state(chunked) == (1, EXPECTED_DISCLOSURES, EXPECTED_DISCLOSURES)


def test_a_disclosure_changed_between_the_passes_releases_nothing(
        approved: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The response is built in a first pass and the disclosures accounted in a second: were
    a disclosure's sealed details to read otherwise in the second (nothing in dgate changes
    them under the batch's lock), the release is refused whole rather than account an
    address the response does not hold."""
    home = _copy(approved, tmp_path / "home")
    batch = approved[1]
    opened = release.details
    calls = [0]

    def drifting(h: object, row: object) -> dict[str, str]:
        d = opened(h, row)  # type: ignore[arg-type]
        calls[0] += 1
        if calls[0] > EXPECTED_DISCLOSURES and d.get("street"):
            d = {**d, "street": d["street"] + " X"}
        return d

    monkeypatch.setattr(release, "details", drifting)
    r = dgate(home, "batch", "release", batch, "--out", str(tmp_path / "r.csv"), user="off1")
    assert r.code != 0 and "changed while it was released" in r.err
    assert state(home) == (0, 0, 0)
    assert not (tmp_path / "r.csv").exists()


def test_a_master_loaded_again_is_compared_a_chunk_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disclosures compared with a master loaded again since the decision are read a
    chunk at a time too: a disclosure whose address is no longer the last known one is
    found in a later chunk than the first (here the second of two, chunks of one)."""
    from tests.e2e.handmade import home_with, load_rows
    from tests.e2e.test_redteam_last_known import (
        _BEFORE,
        _LEOFRIC,
        _MOVED,
        _MOVER,
        _approve,
        _submit,
    )

    home, key = home_with(tmp_path, _MOVER, _BEFORE)
    morwenna = dict(first_name="MORWENNA", last_name="BICKERSTAFF", street="20 BIRCH ST",
                    date_of_birth="1981-05-05")
    batch = _submit(home, key, tmp_path, [dict(request_id="S1", **_LEOFRIC),
                                          dict(request_id="S2", **morwenna)],
                    "ICE-2026-032001")
    _approve(home, batch)
    # only the second's address moved (an NCOA row)
    code, err = load_rows(home, tmp_path, "moved", _MOVER, _BEFORE + _MOVED[1:])
    assert code == 0, err
    monkeypatch.setattr(release, "LAST_KNOWN_CHUNK", 1, raising=True)
    out = tmp_path / "response.csv"
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 4, (r.code, r.err)
    assert "1 of its disclosures no longer name" in r.err and f"{batch}:2" in r.err, r.err
    assert not out.exists() and state(home) == (0, 0, 0)
    # the master as decided, loaded once more: both released
    code, err = load_rows(home, tmp_path, "as-decided", _MOVER, _BEFORE)
    assert code == 0, err
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 0, r.err
    assert out.read_bytes().count(b",DISCLOSED,") == 2

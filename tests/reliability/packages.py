"""Hand-made (and hand-broken) packages for driving `dgate batch submit` with bad input,
and the two verdicts every submission must end in: refused whole, or accepted whole."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import sqlite3
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import AS_OF, BASE, CASES, RECORD_HEADER, Result, dgate

# Words of the synthetic taxpayers in CASES: an error message must never echo them.
PERSONAL = ("Maria", "Garcia", "Smith", "Johnson", "Nobody", "Ramirez", "Torres", "Congress",
            "Main St", "Oak Ave", "Elm St")
# request_id -> (disposition, code, tin) as handmade.CASES states them.
EXPECTED = {c[0]["request_id"]: c[1] for c in CASES}


def rows(*overrides: dict[str, str], agent: str = "AGENT-7") -> list[dict[str, str]]:
    """The CASES requests, complete, with per-request overrides by position. Tests that
    share a home pass a fresh `agent` per batch so that R_CASELOAD never builds up."""
    out = [{**BASE, **c[0], "case_agent_id": agent} for c in CASES]
    for i, extra in enumerate(overrides):
        out[i] = {**out[i], **extra}
    return out


def csv_of(records: Sequence[dict[str, str]], header: Sequence[str] = RECORD_HEADER,
           terminator: str = "\r\n") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=terminator)
    w.writerow(header)
    for r in records:
        w.writerow([r.get(c, "") for c in header])
    return buf.getvalue()


def manifest(data: bytes, records_name: str, count: int, batch_id: str,
             **overrides: Any) -> dict[str, Any]:
    m: dict[str, Any] = {
        "batch_id": batch_id, "requesting_agency": "ICE",
        "signed_by": {"official_id": "ICE-DIR-01", "name": "Pat Example", "title": "Director"},
        "signed_at": "2026-11-20", "statutory_authority": ["8 U.S.C. 1253(a)(1)"],
        "reason": "Each listed person is the subject of an open criminal investigation under "
                  "8 U.S.C. 1253(a)(1) for willful failure to depart.",
        "certifications": {"subjects_under_criminal_investigation": True,
                           "use_solely_for_proceeding": True,
                           "recipients_personally_and_directly_engaged": True,
                           "publication_1075_safeguards": True},
        "records_file": records_name, "records_sha256": hashlib.sha256(data).hexdigest(),
        "record_count": count,
    }
    m.update(overrides)
    return m


def package(folder: Path, key: Ed25519PrivateKey, data: bytes, *, count: int,
            batch_id: str, records_name: str = "records.csv",
            manifest_bytes: bytes | None = None, **overrides: Any) -> Path:
    """A signed package folder around records bytes given exactly (any encoding, any
    garbage). The manifest's hash and count describe those bytes, so the batch rules pass
    and only intake can object."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / records_name).write_bytes(data)
    raw = manifest_bytes if manifest_bytes is not None else json.dumps(
        manifest(data, records_name, count, batch_id, **overrides), indent=1).encode("utf-8")
    (folder / "batch.json").write_bytes(raw)
    (folder / "batch.json.sig").write_bytes(base64.b64encode(key.sign(raw)))
    return folder


def zipped(folder: Path, target: Path, extra: Sequence[tuple[zipfile.ZipInfo | str, bytes]] = (),
           prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a repeated entry name is one of the attacks
        for f in sorted(folder.iterdir()):
            zf.writestr(prefix + f.name, f.read_bytes())
        for info, payload in extra:
            zf.writestr(info, payload)
    return target


# --- verdicts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    batches: int
    records: int
    decisions: int
    refused: int
    ledger: int


def snapshot(home: Path) -> Snapshot:
    with sqlite3.connect(home / "case.sqlite") as conn:
        def n(sql: str) -> int:
            return int(conn.execute(sql).fetchone()[0])
        return Snapshot(n("SELECT count(*) FROM batches"), n("SELECT count(*) FROM records"),
                        n("SELECT count(*) FROM decisions"),
                        n("SELECT count(*) FROM accounting WHERE kind = 'refused_package'"),
                        n("SELECT count(*) FROM ledger_entries"))


def submit(home: Path, target: Path) -> Result:
    return dgate(home, "batch", "submit", str(target), "--as-of", AS_OF, user="clerk")


def one_clean_line(r: Result) -> str:
    """stderr is one line, prefixed, with no traceback and no taxpayer data."""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert lines[0].startswith("dgate: ") and "Traceback" not in r.err
    assert not any(word.lower() in lines[0].lower() for word in PERSONAL), lines[0]
    return lines[0]


def refused_with(r: Result, code: int, *words: str) -> str:
    """Exit `code`, one clean line on stderr (`one_clean_line`), never an internal error,
    holding each of `words`."""
    assert r.code == code, (r.code, r.err, r.out)
    line = one_clean_line(r)
    assert "internal error" not in line, line
    for word in words:
        assert word in line, line
    return line


def assert_refused(home: Path, before: Snapshot, r: Result) -> str:
    """Exit 3, one line, nothing imported, one refused_package accounting row."""
    assert r.code == 3, (r.code, r.err, r.out)
    line = one_clean_line(r)
    after = snapshot(home)
    assert (after.batches, after.records, after.decisions) == \
        (before.batches, before.records, before.decisions)
    assert after.refused == before.refused + 1
    return line


def decided(home: Path, batch: str) -> dict[str, tuple[str, str, str]]:
    """request_id -> (disposition, reason codes, matched tin) as stored for the batch."""
    from dgate.service.home import Home
    from dgate.service.release import details

    # The matched TIN is sealed in the case store: open it through the home's vault.
    with Home(home) as h:
        return {r["request_id"]: (r["disposition"], r["reason_codes"],
                                  details(h, r)["match_tin"])
                for r in h.conn.execute("SELECT * FROM decisions WHERE batch_id = ? "
                                        "ORDER BY seq", (batch,))}


def assert_accepted(home: Path, before: Snapshot, r: Result, count: int) -> str:
    """Exit 0, the whole batch stored (every record decided), nothing refused."""
    assert r.code == 0, (r.code, r.err)
    after = snapshot(home)
    assert after.batches == before.batches + 1
    assert after.records - before.records == count
    assert after.decisions - before.decisions == count
    assert after.refused == before.refused
    return r.last_line


def assert_expected_codes(got: dict[str, tuple[str, str, str]],
                          ids: Sequence[str] = tuple(EXPECTED)) -> None:
    """Each named CASES request came out as handmade.CASES says the law requires."""
    for rid in ids:
        disposition, codes, tin = got[rid]
        want_disp, want_code, want_tin = EXPECTED[rid]
        assert disposition == want_disp, (rid, got[rid])
        assert set(want_code.split(";")) <= set(codes.split(";")), (rid, got[rid])
        assert tin == want_tin, (rid, got[rid])

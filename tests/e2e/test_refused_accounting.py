"""The accounting entry of a package refused unread (request-format.md, "What a malformed
package gets"; 26 U.S.C. §6103(p)(3)(A)): it says who asked, when and under which batch
whenever the package's batch.json could be read, only in well-formed values, and a
corrected package resubmitted under the same batch id is accepted beside it. Driven through
the CLI on hand-written packages."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.e2e.handmade import AS_OF, CASES, SIGNED_AT, dgate, setup_home, write_package

BATCH = "ICE-2026-000123"
ROWS = [c[0] for c in CASES[:3]]
# (the statute as the agency's register names it: handmade.setup_home registers ICE's as
# "8 USC 1253(a)(1)", the manifests cite "8 U.S.C. 1253(a)(1)")
NAMED = {"batch_id": BATCH, "agency": "ICE", "official_id": "ICE-DIR-01",
         "request_date": SIGNED_AT, "statute": "8 USC 1253(a)(1)"}
EMPTY = dict.fromkeys(NAMED, "")
# What the accounting row of a refused package and its ledger event must never carry.
PERSONAL = ("Maria", "Garcia", "Smith", "Main St", "Oak Ave")


@pytest.fixture()
def env(tmp_path: Path) -> tuple[Path, Any, Path]:
    home, key = setup_home(tmp_path)
    return home, key, tmp_path


def submit(home: Path, target: Path, as_of: str = AS_OF) -> Any:
    return dgate(home, "batch", "submit", str(target), "--as-of", as_of, user="clerk")


def export(home: Path, out: Path, *period: str) -> list[dict[str, str]]:
    r = dgate(home, "accounting", "export", "--out", str(out), *period, user="aud")
    assert r.code == 0, r.err
    with out.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def refused_rows(home: Path, out: Path) -> list[dict[str, str]]:
    return [r for r in export(home, out) if r["kind"] == "refused_package"]


def refusal_events(home: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(home / "case.sqlite") as conn:
        raws = [bytes(r[0]) for r in conn.execute(
            "SELECT entry FROM ledger_entries ORDER BY idx")]
    return [e for e in map(json.loads, raws) if e["type"] == "package_refused"]


def verified(home: Path) -> None:
    r = dgate(home, "ledger", "verify", user="aud")
    assert r.code == 0, r.err


def broken_records(pkg: Path) -> Path:
    """The records file made not UTF-8: the package cannot be read; batch.json still can."""
    data = (pkg / "records.csv").read_bytes()
    (pkg / "records.csv").write_bytes(data.replace(b"Maria", b"Mar\xeda"))
    return pkg


def identity(row: dict[str, Any]) -> dict[str, str]:
    return {k: row.get(k, "") for k in NAMED}


def test_a_readable_manifest_names_the_refused_request(env) -> None:
    home, key, tmp = env
    r = submit(home, broken_records(write_package(tmp / "pkg", key, ROWS, batch_id=BATCH)))
    assert r.code == 3, (r.code, r.err)
    [row] = refused_rows(home, tmp / "acc.csv")
    assert identity(row) == NAMED
    assert "not valid UTF-8" in row["note"] and row["at"] and not row["request_id"]
    assert not row["taxpayer_tin"] and not row["street"] and not row["reason"]
    [event] = refusal_events(home)
    assert identity(event) == NAMED and event["error"] == row["note"]
    assert set(event["digests"]) == {"accounting"}
    text = json.dumps(event) + json.dumps(row)
    assert not [w for w in PERSONAL if w.lower() in text.lower()]
    # the same in the JSON export, and found by the agency and by the request's date
    r = dgate(home, "accounting", "export", "--out", str(tmp / "acc.json"), user="aud")
    assert r.code == 0, r.err
    [row] = [x for x in json.loads((tmp / "acc.json").read_text(encoding="utf-8"))
             if x["kind"] == "refused_package"]
    assert identity(row) == NAMED
    assert len(export(home, tmp / "d.csv", "--from", SIGNED_AT, "--to", SIGNED_AT)) == 1
    verified(home)


@pytest.mark.parametrize("breakage", ["no_manifest", "not_json", "a_list", "zip_escape"])
def test_no_readable_manifest_still_gets_a_row_naming_nothing(env, breakage: str) -> None:
    home, key, tmp = env
    pkg = write_package(tmp / "pkg", key, ROWS, batch_id=BATCH)
    target = pkg
    if breakage == "no_manifest":
        (pkg / "batch.json").unlink()
    elif breakage == "not_json":
        (pkg / "batch.json").write_text('{"batch_id": "ICE-2026-000123",', encoding="utf-8")
    elif breakage == "a_list":
        (pkg / "batch.json").write_text(json.dumps([{"batch_id": BATCH}]), encoding="utf-8")
    else:  # the zip is refused before its batch.json is read
        target = tmp / "evil.zip"
        with zipfile.ZipFile(target, "w") as zf:
            for f in pkg.iterdir():
                zf.write(f, f.name)
            zf.writestr("../escape.txt", "x")
    r = submit(home, target)
    assert r.code == 3, (r.code, r.err)
    [row] = refused_rows(home, tmp / "acc.csv")
    assert identity(row) == EMPTY and row["note"]
    [event] = refusal_events(home)
    assert identity(event) == EMPTY
    verified(home)


TOO_LONG = "ICE-" + "9" * 61  # 65 characters: no batch is named so (submit._SAFE_ID)


@pytest.mark.parametrize("overrides, kept", [
    ({"batch_id": TOO_LONG}, {**NAMED, "batch_id": ""}),
    ({"batch_id": "ICE 2026\n000123"}, {**NAMED, "batch_id": ""}),
    ({"batch_id": "../ICE-2026"}, {**NAMED, "batch_id": ""}),
    ({"batch_id": "ICE-2026-ÄÖ"}, {**NAMED, "batch_id": ""}),
    ({"batch_id": 123}, {**NAMED, "batch_id": ""}),  # refused for that alone
    # (an agency not registered has no designated statute to record either)
    ({"requesting_agency": "ICE\u202e"}, {**NAMED, "agency": "", "statute": ""}),
    ({"requesting_agency": "X" * 200}, {**NAMED, "agency": "", "statute": ""}),
    ({"signed_by": {"official_id": "Maria Garcia, 123 N Main St"}},
     {**NAMED, "official_id": ""}),
    ({"signed_by": "ICE-DIR-01"}, {**NAMED, "official_id": ""}),
    ({"signed_at": "2026-02-30"}, {**NAMED, "request_date": ""}),
    ({"signed_at": "20 November 2026"}, {**NAMED, "request_date": ""}),
    ({"statutory_authority": ["8 U.S.C. 1253(a)(1)", "Maria Garcia lives at 123 Main St"]},
     {**NAMED, "statute": ""}),
    ({"statutory_authority": "8 U.S.C. 1253(a)(1)"}, {**NAMED, "statute": ""}),
    ({"statutory_authority": ["8 U.S.C. 1253(a)(1)\n8 USC 1"]}, {**NAMED, "statute": ""}),
    ({"statutory_authority": ["8 U.S.C. 1253(a)(1)"] * 9}, {**NAMED, "statute": ""}),
    # a citation the agency was not designated: nothing of the list is recorded
    ({"statutory_authority": [" 8 USC 1253(a)(1)", "18 U.S.C. § 1001"]},
     {**NAMED, "statute": ""}),
    # what is recorded is the register's text, not the manifest's: a paragraph is free
    # text a citation parser accepts, and the ledger keeps it for good (helper-51)
    ({"statutory_authority": [" 8 USC 1253(a)(1)"]}, NAMED),
    ({"statutory_authority": ["8 U.S.C. 1253(a)(1)(SMITHJOHN19700101)"]}, NAMED),
    ({"statutory_authority": ["8 U.S.C. 1253(a)(1)", "8 USC 1253(a)(1)"]}, NAMED),
    ({"requesting_agency": "CBP"}, {**NAMED, "agency": "CBP", "statute": ""}),
    ({"requesting_agency": None, "signed_by": None, "signed_at": None,
      "statutory_authority": None}, {**EMPTY, "batch_id": BATCH}),
])
def test_a_malformed_value_is_left_empty_not_stored(env, overrides: dict[str, Any],
                                                    kept: dict[str, str]) -> None:
    home, key, tmp = env
    batch_id = overrides.pop("batch_id", BATCH)
    pkg = broken_records(write_package(tmp / "pkg", key, ROWS, batch_id=batch_id,
                                       **overrides))
    r = submit(home, pkg)
    assert r.code == 3, (r.code, r.err)
    [row] = refused_rows(home, tmp / "acc.csv")
    assert identity(row) == kept
    [event] = refusal_events(home)
    assert identity(event) == kept
    text = json.dumps(event) + json.dumps(row)
    assert not [w for w in PERSONAL if w.lower() in text.lower()]
    verified(home)


def test_a_corrected_package_under_the_same_batch_id_is_accepted_beside_it(env) -> None:
    home, key, tmp = env
    refused = broken_records(write_package(tmp / "bad", key, ROWS, batch_id=BATCH))
    assert submit(home, refused).code == 3
    processed = "2026-11-24"  # the corrected one's processing date, not the refused one's
    r = submit(home, write_package(tmp / "good", key, ROWS, batch_id=BATCH), processed)
    assert r.code == 0 and r.last_line == BATCH, (r.code, r.err)
    rows = export(home, tmp / "acc.csv")
    kinds = [(x["kind"], x["batch_id"]) for x in rows]
    assert kinds == [("refused_package", BATCH)] + [("request", BATCH)] * len(ROWS)
    assert [x["request_id"] for x in rows[1:]] == [c["request_id"] for c in ROWS]
    # The batch's own processing date finds its request rows, not the refused row (recorded
    # today, for a request dated SIGNED_AT).
    if date.today().isoformat() != processed:
        found = export(home, tmp / "p.csv", "--from", processed, "--to", processed)
        assert [x["kind"] for x in found] == ["request"] * len(ROWS)
    # Its counts, its decisions and its release are the batch's alone.
    out = tmp / "decisions.csv"
    assert dgate(home, "batch", "decisions", BATCH, "--out", str(out), user="aud").code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        assert [d["request_id"] for d in csv.DictReader(fh)] == [c["request_id"] for c in ROWS]
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", BATCH, user=officer).code == 0
    r = dgate(home, "batch", "release", BATCH, "--out", str(tmp / "resp.csv"), user="off1")
    assert r.code == 0, r.err
    rows = export(home, tmp / "acc2.csv")
    assert [x["kind"] for x in rows].count("refused_package") == 1
    assert {x["kind"] for x in rows} == {"refused_package", "request", "disclosure"}
    verified(home)
    # the same package again returns the batch, and the same broken one is refused again
    again = submit(home, write_package(tmp / "good", key, ROWS, batch_id=BATCH), processed)
    assert again.code == 0 and again.last_line == BATCH
    assert submit(home, refused).code == 3
    assert len(refused_rows(home, tmp / "acc3.csv")) == 2
    verified(home)


def test_a_refused_row_deleted_or_altered_is_caught(env) -> None:
    home, key, tmp = env
    assert submit(home, broken_records(write_package(tmp / "a", key, ROWS,
                                                     batch_id=BATCH))).code == 3
    (tmp / "no-manifest").mkdir()
    assert submit(home, tmp / "no-manifest").code == 3  # a row naming nothing
    verified(home)
    copy = tmp / "copy"

    def failure(*statements: str) -> str:
        if copy.exists():
            shutil.rmtree(copy)
        shutil.copytree(home, copy)
        with sqlite3.connect(copy / "case.sqlite") as conn:
            for s in statements:
                conn.execute(s)
        r = dgate(copy, "ledger", "verify", user="aud")
        assert r.code == 1, (r.code, r.out, r.err)
        assert len(r.err.strip().splitlines()) == 1
        return r.err

    where = f"kind = 'refused_package' AND batch_id = '{BATCH}'"
    assert "refused_package row of ledger entry" in failure(f"DELETE FROM accounting WHERE {where}")
    assert "refused_package row of ledger entry" in failure(
        "DELETE FROM accounting WHERE kind = 'refused_package' AND batch_id = ''")
    line = failure(f"UPDATE accounting SET batch_id = 'ICE-2026-999999' WHERE {where}")
    assert "(refused_package) differs from ledger entry" in line and "batch_id" in line
    line = failure(f"UPDATE accounting SET agency = '', request_date = '' WHERE {where}")
    assert "in agency, request_date" in line
    line = failure(f"UPDATE accounting SET at = '2026-01-01T00:00:00.000000Z' WHERE {where}")
    assert "(refused_package) differs from ledger entry" in line and "row digest" in line
    line = failure("UPDATE accounting SET batch_id = 'ICE-2026-000999' WHERE "
                   "kind = 'refused_package' AND batch_id = ''")
    assert "batch_id" in line
    line = failure("INSERT INTO accounting (kind, at, batch_id, note) SELECT kind, at, "
                   f"batch_id, note FROM accounting WHERE {where}")
    assert "(refused_package) has no ledger package_refused event" in line

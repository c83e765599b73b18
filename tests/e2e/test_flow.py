"""The whole flow of cli.md on hand-written files, and each refusal the contract names."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, CASES, dgate, setup_home, write_package

DECISION_HEADER = ["request_id", "disposition", "reason_codes", "match_tin",
                   "match_probability", "candidate_count", "street", "unit", "city", "state",
                   "zip", "address_source", "address_effective_date"]
RESPONSE_HEADER = ["request_id", "outcome", "reason_codes", "street", "unit", "city", "state",
                   "zip"]


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def flow(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("flow")
    home, key = setup_home(tmp)
    pkg = write_package(tmp / "pkg", key, [c[0] for c in CASES])
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    batch_id = sub.last_line
    rep = dgate(home, "batch", "decisions", batch_id, "--out", str(tmp / "dec.csv"), user="off1")
    assert rep.code == 0, rep.err
    header, rows = read_csv(tmp / "dec.csv")
    return {"tmp": tmp, "home": home, "key": key, "pkg": pkg, "batch": batch_id,
            "header": header, "rows": rows}


def test_batch_id_is_last_line_and_from_manifest(flow: dict) -> None:
    assert flow["batch"] == "ICE-2026-000123"


def test_decision_report_columns_and_order(flow: dict) -> None:
    assert flow["header"] == DECISION_HEADER
    assert [r["request_id"] for r in flow["rows"]] == [c[0]["request_id"] for c in CASES]


@pytest.mark.parametrize("case", CASES, ids=[c[0]["request_id"] for c in CASES])
def test_each_record_gets_the_required_disposition(flow: dict, case: tuple) -> None:
    req, (disposition, code, tin) = case
    row = next(r for r in flow["rows"] if r["request_id"] == req["request_id"])
    assert row["disposition"] == disposition, row
    assert set(code.split(";")) <= set(row["reason_codes"].split(";")), row
    assert row["match_tin"] == tin
    if disposition == "REJECTED":
        assert row["match_probability"] == "" and row["candidate_count"] == ""
    if disposition not in ("DISCLOSE", "REVIEW"):
        assert row["street"] == row["city"] == row["zip"] == ""


def test_disclosed_address_is_the_last_known_one(flow: dict) -> None:
    rows = {r["request_id"]: r for r in flow["rows"]}
    # R1 asked with the 2022 return's address; the later Form 8822 address is disclosed.
    assert (rows["R1"]["street"], rows["R1"]["address_source"]) == ("500 E 7th St", "FORM_8822")
    assert rows["R1"]["address_effective_date"] == "2024-06-10"
    # R9: the return and the NCOA update share a date; the return wins the tie.
    assert (rows["R9"]["unit"], rows["R9"]["address_source"]) == ("Unit 12", "RETURN")


def test_release_refused_until_two_distinct_officers_approve(flow: dict) -> None:
    home, batch, tmp = flow["home"], flow["batch"], flow["tmp"]
    out = tmp / "resp-early.csv"
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 4 and not out.exists()
    assert dgate(home, "batch", "approve", batch, user="rev").code == 4   # wrong role
    assert dgate(home, "batch", "approve", batch, user="clerk").code == 4  # wrong role
    assert dgate(home, "batch", "approve", batch).code == 4               # admin may not
    assert dgate(home, "batch", "approve", batch, user="off1").code == 0
    again = dgate(home, "batch", "approve", batch, user="off1")
    assert again.code == 4 and "already approved" in again.err
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 4 and not out.exists()
    assert len(r.err.strip().splitlines()) == 1


def test_release_response_and_exactly_once(flow: dict) -> None:
    home, batch, tmp = flow["home"], flow["batch"], flow["tmp"]
    if dgate(home, "batch", "approve", batch, user="off2").code not in (0, 4):
        pytest.fail("second approval failed")
    dgate(home, "batch", "approve", batch, user="off1")
    assert dgate(home, "batch", "release", batch, "--out", str(tmp / "x.csv"),
                 user="admin").code == 4
    r = dgate(home, "batch", "release", batch, "--out", str(tmp / "resp.csv"), user="off2")
    assert r.code == 0, r.err
    header, rows = read_csv(tmp / "resp.csv")
    assert header == RESPONSE_HEADER
    by_id = {r["request_id"]: r for r in rows}
    for req, (disposition, code, _tin) in CASES:
        row = by_id[req["request_id"]]
        expected = {"DISCLOSE": "DISCLOSED", "NOT_DISCLOSED": "NOT_DISCLOSED",
                    "REJECTED": "REJECTED"}[disposition]
        assert row["outcome"] == expected
        if expected == "NOT_DISCLOSED":
            # Nothing that would tell the requester the person is a taxpayer.
            assert row["reason_codes"] == "" and row["street"] == "" and row["zip"] == ""
        if expected == "REJECTED":
            assert code in row["reason_codes"].split(";")
    assert by_id["R1"]["street"] == "500 E 7th St" and by_id["R1"]["zip"] == "78701"
    raw = (tmp / "resp.csv").read_text(encoding="utf-8")
    for secret in ("401223344", "FORM_8822", "1980-04-12", "2024-06-10"):
        assert secret not in raw

    acc = tmp / "acc.csv"
    assert dgate(home, "accounting", "export", "--out", str(acc), user="aud").code == 0
    _, before = read_csv(acc)
    disclosures = [r for r in before if r["kind"] == "disclosure"]
    assert sorted(r["request_id"] for r in disclosures) == ["R1", "R3", "R9"]
    assert {r["approved_by"] for r in disclosures} == {"off1;off2"}

    r2 = dgate(home, "batch", "release", batch, "--out", str(tmp / "resp2.csv"), user="off1")
    assert r2.code == 0, r2.err
    assert (tmp / "resp2.csv").read_bytes() == (tmp / "resp.csv").read_bytes()
    assert dgate(home, "accounting", "export", "--out", str(acc), user="aud").code == 0
    _, after = read_csv(acc)
    assert len([r for r in after if r["kind"] == "disclosure"]) == len(disclosures)
    v = dgate(home, "ledger", "verify", user="aud")
    assert v.code == 0, v.err


def test_resubmit_same_manifest_returns_same_batch(flow: dict) -> None:
    home = flow["home"]
    before = sqlite3.connect(home / "case.sqlite").execute(
        "SELECT count(*) FROM decisions").fetchone()[0]
    r = dgate(home, "batch", "submit", str(flow["pkg"]), "--as-of", AS_OF, user="clerk")
    assert r.code == 0 and r.last_line == flow["batch"]
    after = sqlite3.connect(home / "case.sqlite").execute(
        "SELECT count(*) FROM decisions").fetchone()[0]
    assert after == before


def test_ledger_tampering_is_detected(flow: dict, tmp_path: Path) -> None:
    import shutil

    home = tmp_path / "copy"
    shutil.copytree(flow["home"], home)
    conn = sqlite3.connect(home / "case.sqlite")
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'ledger_%'")]
    entries = next(t for t in tables if "entr" in t)
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info({entries})")]
    blob_col = next(c for c in cols if c in ("entry", "data", "body", "payload"))
    idx_col = cols[0]
    row = conn.execute(f"SELECT {idx_col}, {blob_col} FROM {entries} "
                       f"ORDER BY {idx_col} LIMIT 1 OFFSET 5").fetchone()
    ev = json.loads(bytes(row[1]))
    ev["outcome"] = "tampered"
    conn.execute(f"UPDATE {entries} SET {blob_col} = ? WHERE {idx_col} = ?",
                 (json.dumps(ev).encode(), row[0]))
    conn.commit()
    conn.close()
    r = dgate(home, "ledger", "verify", user="aud")
    assert r.code == 1
    assert "5" in r.err


def test_ledger_proof_round_trip_and_forgery(flow: dict, tmp_path: Path) -> None:
    home = flow["home"]
    r = dgate(home, "ledger", "checkpoint", "--new", user="aud")
    assert r.code == 0 and r.out.splitlines()[1].isdigit()
    p = dgate(home, "ledger", "prove", "3", user="aud")
    assert p.code == 0, p.err
    (tmp_path / "proof.json").write_text(p.out, encoding="utf-8")
    ok = dgate(home, "ledger", "verify-proof", str(tmp_path / "proof.json"))
    assert ok.code == 0, ok.err
    bundle = json.loads(p.out)
    import base64
    forged = json.loads(base64.b64decode(bundle["entry"]))
    forged["outcome"] = "forged"
    bundle["entry"] = base64.b64encode(json.dumps(forged).encode()).decode()
    (tmp_path / "forged.json").write_text(json.dumps(bundle), encoding="utf-8")
    bad = dgate(home, "ledger", "verify-proof", str(tmp_path / "forged.json"))
    assert bad.code == 1


def test_model_artefact_matches_the_hash_on_every_decision(flow: dict) -> None:
    import hashlib

    home = flow["home"]
    with sqlite3.connect(home / "case.sqlite") as conn:
        hashes = {r[0] for r in conn.execute("SELECT model_hash FROM decisions")}
    assert len(hashes) == 1
    (digest,) = hashes
    artefact = json.loads((home / "models" / f"{digest}.json").read_text(encoding="utf-8"))
    canonical = json.dumps(artefact, sort_keys=True, separators=(",", ":")).encode()
    assert hashlib.sha256(canonical).hexdigest() == digest

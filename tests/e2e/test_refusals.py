"""Each refusal of the contract, driven through the CLI on hand-written files."""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, CASES, dgate, new_key, setup_home, write_package


@pytest.fixture()
def env(tmp_path: Path) -> tuple[Path, object, Path]:
    home, key = setup_home(tmp_path)
    return home, key, tmp_path


def decisions(home: Path, batch: str, out: Path) -> list[dict[str, str]]:
    r = dgate(home, "batch", "decisions", batch, "--out", str(out), user="aud")
    assert r.code == 0, r.err
    with out.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def count(home: Path, table: str) -> int:
    with sqlite3.connect(home / "case.sqlite") as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_signature_by_another_key_rejects_every_record(env) -> None:
    home, _key, tmp = env
    stranger, _ = new_key(tmp / "stranger")
    pkg = write_package(tmp / "pkg", stranger, [c[0] for c in CASES[:3]])
    r = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert r.code == 0, r.err
    rows = decisions(home, r.last_line, tmp / "d.csv")
    assert {row["disposition"] for row in rows} == {"REJECTED"}
    assert all("B_SIGNATURE" in row["reason_codes"].split(";") for row in rows)
    # Nothing was looked up in the master for a legally insufficient batch.
    assert all(row["candidate_count"] == "" for row in rows)


def test_missing_signature_file(env) -> None:
    home, key, tmp = env
    pkg = write_package(tmp / "pkg", key, [c[0] for c in CASES[:2]], sign=False)
    r = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert r.code == 0
    rows = decisions(home, r.last_line, tmp / "d.csv")
    assert all("B_SIGNATURE" in row["reason_codes"] for row in rows)


def test_suspended_agency_rejects_with_b_agency_and_blocks_release(env) -> None:
    home, key, tmp = env
    pkg = write_package(tmp / "pkg", key, [CASES[0][0]])
    first = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert first.code == 0
    assert dgate(home, "agency", "suspend", "ICE", "--reason", "court order").code == 0
    pkg2 = write_package(tmp / "pkg2", key, [CASES[0][0]], batch_id="ICE-2026-000124")
    r = dgate(home, "batch", "submit", str(pkg2), "--as-of", AS_OF, user="clerk")
    rows = decisions(home, r.last_line, tmp / "d.csv")
    assert rows[0]["disposition"] == "REJECTED" and "B_AGENCY" in rows[0]["reason_codes"]
    assert dgate(home, "accounting", "export", "--out", str(tmp / "acc.csv"), user="aud").code == 0
    with (tmp / "acc.csv").open(encoding="utf-8", newline="") as fh:
        acc = [a for a in csv.DictReader(fh) if a["batch_id"] == r.last_line]
    assert acc and all(a["note"] == "agency suspended: court order" for a in acc)
    # The batch decided before the suspension cannot be released while it lasts.
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", first.last_line, user=officer).code == 0
    rel = dgate(home, "batch", "release", first.last_line, "--out", str(tmp / "r.csv"),
                user="off1")
    assert rel.code == 4 and not (tmp / "r.csv").exists()
    assert dgate(home, "agency", "resume", "ICE").code == 0
    rel = dgate(home, "batch", "release", first.last_line, "--out", str(tmp / "r.csv"),
                user="off1")
    assert rel.code == 0, rel.err
    # Suspended again: the response already released is not written out again either.
    assert dgate(home, "agency", "suspend", "ICE", "--reason", "court order").code == 0
    again = dgate(home, "batch", "release", first.last_line, "--out", str(tmp / "r2.csv"),
                  user="off2")
    assert again.code == 4 and "suspended" in again.err and not (tmp / "r2.csv").exists()


@pytest.mark.parametrize("breakage", ["no_manifest", "not_json", "missing_column",
                                      "not_utf8", "zip_escape"])
def test_unreadable_package_is_refused_whole(env, breakage: str) -> None:
    home, key, tmp = env
    pkg = write_package(tmp / "pkg", key, [c[0] for c in CASES[:3]])
    target: Path = pkg
    if breakage == "no_manifest":
        (pkg / "batch.json").unlink()
    elif breakage == "not_json":
        (pkg / "batch.json").write_text("{not json", encoding="utf-8")
    elif breakage == "missing_column":
        text = (pkg / "records.csv").read_text(encoding="utf-8")
        (pkg / "records.csv").write_text(text.replace("final_order_date", "final_order"),
                                         encoding="utf-8")
    elif breakage == "not_utf8":
        (pkg / "records.csv").write_bytes((pkg / "records.csv").read_bytes()
                                          .replace(b"Maria", b"Mar\xeda"))
    elif breakage == "zip_escape":
        target = tmp / "evil.zip"
        with zipfile.ZipFile(target, "w") as zf:
            for f in pkg.iterdir():
                zf.write(f, f.name)
            zf.writestr("../escape.txt", "x")
    before = count(home, "records")
    r = dgate(home, "batch", "submit", str(target), "--as-of", AS_OF, user="clerk")
    assert r.code == 3, (r.code, r.err)
    assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
    assert "Maria" not in r.err and "Garcia" not in r.err
    assert count(home, "records") == before and count(home, "batches") == 0
    with sqlite3.connect(home / "case.sqlite") as conn:
        refused = conn.execute(
            "SELECT count(*) FROM accounting WHERE kind = 'refused_package'").fetchone()[0]
    assert refused == 1


def test_zipped_package_goes_through(env) -> None:
    home, key, tmp = env
    pkg = write_package(tmp / "pkg", key, [c[0] for c in CASES])
    z = tmp / "ICE-2026-000123.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for f in pkg.iterdir():
            zf.write(f, f"ICE-2026-000123/{f.name}")
    r = dgate(home, "batch", "submit", str(z), "--as-of", AS_OF, user="clerk")
    assert r.code == 0 and r.last_line == "ICE-2026-000123"


def test_wrong_roles_are_refused_with_exit_4(env) -> None:
    home, key, tmp = env
    pkg = write_package(tmp / "pkg", key, [c[0] for c in CASES])
    assert dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="rev").code == 4
    assert dgate(home, "user", "add", "mallory", "--role", "admin", user="off1").code == 4
    r = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    batch = r.last_line
    assert dgate(home, "batch", "approve", batch, user="clerk").code == 4
    assert dgate(home, "review", "decide", f"{batch}:1", "--disclose", user="off1").code == 4
    assert dgate(home, "batch", "approve", batch, user="nobody").code == 4


def test_submitter_may_not_approve(env) -> None:
    home, key, tmp = env
    assert dgate(home, "user", "add", "both", "--role", "disclosure_officer").code == 0
    pkg = write_package(tmp / "pkg", key, [CASES[0][0]])
    # Only intake or admin may submit, so make the conflict through admin's default role:
    r = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF)
    assert r.code == 0
    with sqlite3.connect(home / "case.sqlite") as conn:
        conn.execute("UPDATE batches SET submitted_by = 'both'")
    a = dgate(home, "batch", "approve", r.last_line, user="both")
    assert a.code == 4 and "may not approve" in a.err


def test_review_item_flow(env) -> None:
    home, key, tmp = env
    # Name and address agree, but the date of birth is one digit off: a person decides.
    req = dict(request_id="Q1", first_name="Maria", last_name="Garcia", street="123 N Main St",
               unit="4B", city="Austin", state="TX", zip="78701", date_of_birth="1980-04-13")
    pkg = write_package(tmp / "pkg", key, [req])
    batch = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk").last_line
    rows = decisions(home, batch, tmp / "d.csv")
    assert rows[0]["disposition"] == "REVIEW", rows[0]
    lst = dgate(home, "review", "list", batch, user="rev")
    lines = lst.out.strip().splitlines()
    assert len(lines) == 2 and lines[1].split()[0] == f"{batch}:1"
    for o in ("off1", "off2"):
        dgate(home, "batch", "approve", batch, user=o)
    rel = dgate(home, "batch", "release", batch, "--out", str(tmp / "r.csv"), user="off1")
    assert rel.code == 4 and "pending" in rel.err
    assert dgate(home, "review", "decide", f"{batch}:1", "--no-disclose", user="rev").code == 0
    assert dgate(home, "review", "decide", f"{batch}:1", "--disclose", user="rev").code == 4
    rel = dgate(home, "batch", "release", batch, "--out", str(tmp / "r.csv"), user="off1")
    assert rel.code == 0
    assert "NOT_DISCLOSED" in (tmp / "r.csv").read_text(encoding="utf-8")


def test_master_load_names_the_bad_column(env) -> None:
    home, _key, tmp = env
    bad = tmp / "bad"
    bad.mkdir()
    (bad / "taxpayers.csv").write_text(
        "tin,tin_type,first_name,middle_name,last_name,name_suffix,date_of_birth\n"
        "401223344,SSN,A,,B,,1980-01-01\n", encoding="utf-8")
    (bad / "addresses.csv").write_text(
        "tin,street,unit,city,state,zip,source,tax_year,effective_date\n"
        "401223344,1 A St,,Austin,TX,78701,RETURN,2024,2025-01-01\n", encoding="utf-8")
    r = dgate(home, "master", "load", str(bad))
    assert r.code == 3 and "date_of_death" in r.err
    (bad / "taxpayers.csv").write_text(
        "tin,tin_type,first_name,middle_name,last_name,name_suffix,date_of_birth,date_of_death\n"
        "40122334,SSN,A,,B,,1980-01-01,\n", encoding="utf-8")
    r = dgate(home, "master", "load", str(bad))
    assert r.code == 3 and "tin" in r.err and "40122334" not in r.err
    # headers only: it would replace the master in force with nothing
    (bad / "taxpayers.csv").write_text(
        "tin,tin_type,first_name,middle_name,last_name,name_suffix,date_of_birth,date_of_death\n",
        encoding="utf-8")
    (bad / "addresses.csv").write_text(
        "tin,street,unit,city,state,zip,source,tax_year,effective_date\n", encoding="utf-8")
    r = dgate(home, "master", "load", str(bad))
    assert r.code == 3 and "no taxpayer rows" in r.err and len(r.err.strip().splitlines()) == 1
    # The previous master is still the one in use.
    ok = dgate(home, "batch", "submit",
               str(write_package(tmp / "pkg", env[1], [CASES[0][0]])), "--as-of", AS_OF,
               user="clerk")
    rows = decisions(home, ok.last_line, tmp / "d.csv")
    assert rows[0]["disposition"] == "DISCLOSE"


def test_usage_errors_exit_2_in_one_line(env) -> None:
    home, _key, tmp = env
    r = dgate(home, "batch", "submit")
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1
    r = dgate(home, "batch", "decisions", "NO-SUCH", "--out", str(tmp / "x.csv"))
    assert r.code == 2 and "NO-SUCH" in r.err
    r = dgate(home, "review", "decide", "X:1", user="rev")
    assert r.code == 2
    r = dgate(home, "batch", "submit", str(tmp), "--as-of", "25/11/2026")
    assert r.code == 2
    r = dgate(tmp / "nohome", "ledger", "verify")
    assert r.code == 2 and "dgate init" in r.err


def test_requester_sign_then_check_then_submit(env) -> None:
    """Both sides apply one catalogue: what `package check` flags is what `submit` rejects."""
    from cryptography.hazmat.primitives import serialization

    home, key, tmp = env
    pem = tmp / "official.pem"
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    pkg = write_package(tmp / "pkg", key, [c[0] for c in CASES], sign=False,
                        records_sha256="", record_count=0)
    assert dgate(home, "package", "sign", str(pkg), "--key", str(pem)).code == 0
    chk = dgate(home, "package", "check", str(pkg), "--as-of", AS_OF, "--statute",
                "8 U.S.C. 1253(a)(1)", "--public-key", str(tmp / "keys" / "official.pub.pem"))
    assert chk.code == 1
    flagged = {line.split(":")[0] for line in chk.out.splitlines() if line.startswith("R")}
    assert flagged == {"R6", "R7"}
    assert "batch:" not in chk.out
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    rows = decisions(home, sub.last_line, tmp / "d.csv")
    rejected = {r["request_id"] for r in rows if r["disposition"] == "REJECTED"}
    assert rejected == flagged


def _agent_rows(n: int, agent: str, start: int) -> list[dict[str, str]]:
    return [dict(CASES[0][0], request_id=f"C{start + i}", case_agent_id=agent,
                 first_name=f"Person{chr(65 + i % 26)}x", last_name=f"Caseload{i}")
            for i in range(n)]


def test_caseload_counts_the_agencys_earlier_batches(env) -> None:
    """A case agent named on more records than the cap within the window — counting earlier
    accepted batches — is implausible: all that agent's records in the batch are rejected."""
    home, key, tmp = env
    first = write_package(tmp / "b1", key, _agent_rows(60, "AGENT-X", 0) +
                          _agent_rows(5, "AGENT-Y", 100), batch_id="ICE-2026-000201")
    r1 = dgate(home, "batch", "submit", str(first), "--as-of", AS_OF, user="clerk")
    rows1 = decisions(home, r1.last_line, tmp / "d1.csv")
    assert not any("R_CASELOAD" in r["reason_codes"] for r in rows1)
    second = write_package(tmp / "b2", key, _agent_rows(45, "agent-x ", 200) +
                           _agent_rows(5, "AGENT-Y", 300), batch_id="ICE-2026-000202")
    r2 = dgate(home, "batch", "submit", str(second), "--as-of", AS_OF, user="clerk")
    rows2 = decisions(home, r2.last_line, tmp / "d2.csv")
    x = [r for r in rows2 if r["request_id"].startswith("C2")]
    y = [r for r in rows2 if r["request_id"].startswith("C3")]
    assert len(x) == 45 and all("R_CASELOAD" in r["reason_codes"].split(";") for r in x)
    assert not any("R_CASELOAD" in r["reason_codes"] for r in y)


def test_caseload_counts_an_earlier_batch_bearing_a_later_date(env) -> None:
    """The window runs both ways from the batch's date: a batch submitted first but signed
    a day later is still the same agent's caseload (an audit found it skipped)."""
    home, key, tmp = env
    first = write_package(tmp / "b1", key, _agent_rows(60, "AGENT-Z", 0),
                          batch_id="ICE-2026-000211", signed_at="2026-11-20")
    dgate(home, "batch", "submit", str(first), "--as-of", AS_OF, user="clerk")
    second = write_package(tmp / "b2", key, _agent_rows(41, "AGENT-Z", 200),
                           batch_id="ICE-2026-000212", signed_at="2026-11-19")
    r2 = dgate(home, "batch", "submit", str(second), "--as-of", AS_OF, user="clerk")
    rows2 = decisions(home, r2.last_line, tmp / "d2.csv")
    assert len(rows2) == 41
    assert all("R_CASELOAD" in r["reason_codes"].split(";") for r in rows2)


def test_accounting_export_range_finds_a_batch_by_its_processing_or_request_date(env) -> None:
    """`--as-of` sets the processing date (cli.md): a batch processed as of a past date is
    found in the accounting by that date and by its request's date, not only by the day it
    was entered (an audit exported nothing for the --as-of day)."""
    home, key, tmp = env
    pkg = write_package(tmp / "pkg", key, [c[0] for c in CASES[:2]], signed_at="2026-11-20")
    batch = dgate(home, "batch", "submit", str(pkg), "--as-of", "2026-11-25",
                  user="clerk").last_line

    def exported(start: str, end: str) -> set[str]:
        out = tmp / f"acc-{start}-{end}.csv"
        r = dgate(home, "accounting", "export", "--out", str(out), "--from", start, "--to", end,
                  user="aud")
        assert r.code == 0, r.err
        with out.open(encoding="utf-8", newline="") as fh:
            return {row["batch_id"] for row in csv.DictReader(fh) if row["kind"] == "request"}

    assert batch in exported("2026-11-25", "2026-11-25")     # the processing date
    assert batch in exported("2026-11-20", "2026-11-20")     # the request's date
    assert batch not in exported("2026-11-21", "2026-11-24")  # neither, nor the entry day
    assert batch not in exported("2031-01-01", "2031-12-31")

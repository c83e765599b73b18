"""The handmade end-to-end flow (submit, review, two approvals, release, accounting export,
ledger verify) on both case stores, with the same outcome on each."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, CASES, dgate, write_package
from tests.pg.stores import STORES, config, make_home, query, state, store_url

EXPECTED = {"R1": "DISCLOSED", "R3": "DISCLOSED", "R9": "DISCLOSED", "R6": "REJECTED",
            "R7": "REJECTED"}


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module", params=STORES)
def flow(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp(f"flow-{request.param}")
    url = store_url(request, request.param)
    home, key = make_home(tmp, url)
    pkg = write_package(tmp / "pkg", key, [c[0] for c in CASES])
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    return {"tmp": tmp, "home": home, "batch": sub.last_line, "pkg": pkg,
            "store": request.param}


def test_the_home_uses_the_store_it_was_made_with(flow: dict) -> None:
    home = flow["home"]
    if flow["store"] == "sqlite":
        assert "case_store" not in config(home) and (home / "case.sqlite").is_file()
    else:
        assert config(home)["case_store"].startswith("postgresql://")
        assert not (home / "case.sqlite").exists()


def test_whole_flow_to_a_verified_ledger(flow: dict) -> None:
    home, batch, tmp = flow["home"], flow["batch"], flow["tmp"]
    dec = tmp / "dec.csv"
    assert dgate(home, "batch", "decisions", batch, "--out", str(dec), user="off1").code == 0
    got = {r["request_id"]: (r["disposition"], r["match_tin"]) for r in read_rows(dec)}
    for req, (disposition, _code, tin) in CASES:
        assert got[req["request_id"]] == (disposition, tin)
    # A review item, if the model sends one, is decided; then two officers approve.
    review = dgate(home, "review", "list", batch, user="rev")
    for line in filter(None, review.out.splitlines()):
        key = line.split()[0]
        if ":" in key:
            assert dgate(home, "review", "decide", key, "--no-disclose", user="rev").code == 0
    assert dgate(home, "batch", "approve", batch, user="off1").code == 0
    assert dgate(home, "batch", "approve", batch, user="off2").code == 0
    out = tmp / "resp.csv"
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off2")
    assert r.code == 0, r.err
    outcomes = {row["request_id"]: row["outcome"] for row in read_rows(out)}
    for rid, outcome in outcomes.items():
        assert outcome == EXPECTED.get(rid, "NOT_DISCLOSED"), rid
    assert read_rows(out)[0]["street"] == "500 E 7th St"  # R1: the last known address

    acc = tmp / "acc.csv"
    assert dgate(home, "accounting", "export", "--out", str(acc), user="aud").code == 0
    disclosures = [row for row in read_rows(acc) if row["kind"] == "disclosure"]
    assert sorted(row["request_id"] for row in disclosures) == ["R1", "R3", "R9"]
    assert {row["approved_by"] for row in disclosures} == {"off1;off2"}
    assert {row["taxpayer_tin"] for row in disclosures} == {"401223344", "402334466",
                                                             "904781234"}
    # Released twice: the same bytes, no second disclosure anywhere.
    again = tmp / "resp2.csv"
    assert dgate(home, "batch", "release", batch, "--out", str(again), user="off1").code == 0
    assert again.read_bytes() == out.read_bytes()
    assert state(home) == (1, 3, 3)
    v = dgate(home, "ledger", "verify", user="aud")
    assert v.code == 0, v.err


def test_resubmitting_the_same_package_gives_the_same_batch(flow: dict) -> None:
    home = flow["home"]
    before = query(home, "SELECT count(*) FROM decisions")[0][0]
    r = dgate(home, "batch", "submit", str(flow["pkg"]), "--as-of", AS_OF, user="clerk")
    assert r.code == 0 and r.last_line == flow["batch"]
    assert query(home, "SELECT count(*) FROM decisions")[0][0] == before == len(CASES)


def test_personal_fields_are_stored_sealed(flow: dict) -> None:
    """Encryption at rest holds on both engines: the sealed columns are ciphertext bytes,
    and no name, TIN or street of the requests is anywhere in clear."""
    home = flow["home"]
    sealed = [bytes(v) for (v,) in query(home, "SELECT sealed FROM records")]
    sealed += [bytes(v) for (v,) in query(home, "SELECT sealed FROM decisions")]
    assert len(sealed) == 2 * len(CASES)
    blob = b"".join(sealed)
    for secret in (b"401223344", b"Garcia", b"Main St", b"Congress"):
        assert secret not in blob
    cols = set(query(home, "SELECT * FROM records LIMIT 1")[0].keys())
    assert {"sealed", "agent_index"} <= cols and not cols & {"fields", "case_agent"}


def test_reports_read_their_rows_through_a_server_side_cursor(
        flow: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL a plain cursor holds a query's whole result in the client: the decision
    report of a 1.28M-record batch (1.1 KB a row) and the accounting (2.5M rows for it) were
    read so. Both are read through a server-side cursor (PgConnection.stream, inside one
    read-only snapshot), a few thousand rows at a time; on SQLite in pieces as before."""
    if flow["store"] != "postgresql":
        pytest.skip("the server-side cursor is PostgreSQL's")
    from dgate.store import pg

    streamed: list[str] = []
    stream = pg.PgConnection.stream

    def spy(self: pg.PgConnection, sql: str, *args: object, **kw: object) -> object:
        streamed.append(" ".join(sql.split()))
        return stream(self, sql, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(pg.PgConnection, "stream", spy)
    home, batch, tmp = flow["home"], flow["batch"], flow["tmp"]
    dec = tmp / "dec-streamed.csv"
    assert dgate(home, "batch", "decisions", batch, "--out", str(dec), user="off1").code == 0
    assert len(read_rows(dec)) == len(CASES)
    assert any("FROM decisions" in s for s in streamed), streamed
    acc = tmp / "acc-streamed.csv"
    assert dgate(home, "accounting", "export", "--out", str(acc), user="aud").code == 0
    assert any("FROM accounting" in s for s in streamed), streamed
    assert read_rows(acc)

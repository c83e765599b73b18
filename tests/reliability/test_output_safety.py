"""Every CSV the system writes (decision report, response, accounting export) is safe to
open in a spreadsheet and round-trips hostile text: proven end to end, with formulas and
commas, quotes, accents and newlines arriving both from the requester (request ids,
reasons) and from the master file (the disclosed address)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import tests.e2e.handmade as hm
from hypothesis import given
from hypothesis import strategies as st

from dgate.csvout import neutralize, render

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SIGNED = re.compile(r"[+-][0-9]+(\.[0-9]+)?")
FORMULA = "=cmd|' /C calc'!A0"
PEPE = 'García, "Pepe"\nLópez'
# request_id overrides by CASES position (R1, R2, R3, R4, R5, ..., R9)
IDS = {0: FORMULA, 1: PEPE, 2: "+1,2", 3: "@SUM(1)", 4: "-5", 8: 'Ünïcode "q", x'}
# R3's reason tries to forge an accounting row after a bare carriage return.
FORGERY = hm.BASE["reason"] + "\r999,disclosure,2026-01-01,FORGED,X,ICE"
REASONS = {0: hm.BASE["reason"] + "\n" + PEPE, 1: '=HYPERLINK("http://x.test","click")',
           2: FORGERY}
# A taxpayer whose last known address on file starts with a formula character.
PEPE_TP = ("407889900", "SSN", "Pepe", "", "Núñez", "", "1960-01-01", "")
PEPE_ADDR = ("407889900", '=12 Calle "Ñandú", Edif B', "@3", "San Juan", "PR", "00901",
             "RETURN", "2024", "2025-01-01")
PEPE_REQ = dict(request_id="P1", first_name="Pepe", last_name="Nunez",
                street="12 Calle Ñandú, Edif B", unit="3", city="San Juan", state="PR",
                zip="00901")


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def assert_formula_safe(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for column, value in row.items():
            # a signed number ("-5") is read as the number: it is left as sent
            assert not value.startswith(TRIGGERS) or SIGNED.fullmatch(value), (column, value)


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("outsafe")
    saved = hm.TAXPAYERS, hm.ADDRESSES
    hm.TAXPAYERS, hm.ADDRESSES = saved[0] + [PEPE_TP], saved[1] + [PEPE_ADDR]
    try:
        home, key = hm.setup_home(tmp)
    finally:
        hm.TAXPAYERS, hm.ADDRESSES = saved
    reqs = [dict(c[0], request_id=IDS.get(i, c[0]["request_id"]),
                 reason=REASONS.get(i, hm.BASE["reason"])) for i, c in enumerate(hm.CASES)]
    pkg = hm.write_package(tmp / "pkg", key, reqs + [PEPE_REQ])
    batch = hm.dgate(home, "batch", "submit", str(pkg), "--as-of", hm.AS_OF,
                     user="clerk").last_line
    out = {name: tmp / f"{name}.csv" for name in ("decisions", "response", "accounting")}
    assert hm.dgate(home, "batch", "decisions", batch, "--out", str(out["decisions"]),
                    user="aud").code == 0
    for officer in ("off1", "off2"):
        assert hm.dgate(home, "batch", "approve", batch, user=officer).code == 0
    r = hm.dgate(home, "batch", "release", batch, "--out", str(out["response"]), user="off1")
    assert r.code == 0, r.err
    for name, path in (("accounting", out["accounting"]),
                       ("accounting_json", tmp / "accounting.json")):
        r = hm.dgate(home, "accounting", "export", "--out", str(path), user="aud")
        assert r.code == 0, (name, r.err)
    return out, tmp / "accounting.json"


def test_every_written_csv_is_formula_safe(released) -> None:
    out, _ = released
    for path in out.values():
        rows = read(path)
        assert rows
        assert_formula_safe(rows)


def test_request_ids_round_trip_except_for_the_neutralizing_quote(released) -> None:
    out, _ = released
    want = {neutralize(i) for i in IDS.values()}
    assert "'" + FORMULA in want and PEPE in want  # a comma alone is not neutralized
    for name in ("decisions", "response", "accounting"):
        got = {row["request_id"] for row in read(out[name])}
        assert want <= got, (name, want - got)


def test_the_response_discloses_the_right_rows_with_safe_addresses(released) -> None:
    out, _ = released
    rows = {r["request_id"]: r for r in read(out["response"])}
    disclosed = {k for k, r in rows.items() if r["outcome"] == "DISCLOSED"}
    assert disclosed == {"'" + FORMULA, "'+1,2", 'Ünïcode "q", x', "P1"}
    pepe = rows["P1"]
    assert pepe["street"] == "'" + PEPE_ADDR[1] and pepe["unit"] == "'@3"
    assert (pepe["city"], pepe["state"], pepe["zip"]) == ("San Juan", "PR", "00901")


def test_accounting_keeps_reasons_and_json_keeps_raw_values(released) -> None:
    out, json_path = released
    rows = read(out["accounting"])
    formula_rows = [r for r in rows if r["request_id"] == "'" + FORMULA]
    assert {r["kind"] for r in formula_rows} == {"request", "disclosure"}
    assert all(r["reason"] == REASONS[0] for r in formula_rows)  # newline, comma, quotes
    assert not any(r["entry_id"] == "999" or r["batch_id"] == "FORGED" for r in rows)
    forgery_rows = [r for r in rows if r["request_id"] == "'+1,2"]
    assert len(forgery_rows) == 2 and all(r["reason"] == FORGERY for r in forgery_rows)
    pepe_id = [r for r in rows if r["request_id"] == PEPE]
    assert pepe_id and pepe_id[0]["reason"] == "'" + REASONS[1]
    # JSON is not opened by spreadsheets: the values stay exactly as received.
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert any(d["request_id"] == FORMULA and d["kind"] == "disclosure" for d in data)
    assert any(d["street"] == PEPE_ADDR[1] for d in data)


@given(st.lists(st.lists(st.text(max_size=12), min_size=3, max_size=3), max_size=6))
def test_render_round_trips_any_text(cells: list[list[str]]) -> None:
    """What csv reads back is the text written, with one quote added exactly when the text
    begins with a formula character (and a lone CR normalized by csv's own reading)."""
    data = render(("a", "b", "c"), cells)
    back = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert back[0] == ["a", "b", "c"]
    assert back[1:] == [[neutralize(v) for v in row] for row in cells]
    for row in back[1:]:
        assert not any(v.startswith(TRIGGERS) and not SIGNED.fullmatch(v) for v in row)


@pytest.mark.parametrize(("text", "written"), [
    ("-17", "-17"), ("+3.5", "+3.5"),                       # a signed number stays as sent
    ("-1+2", "'-1+2"), ("=SUM(A1)", "'=SUM(A1)"), ("@x", "'@x"), ("-", "'-"), ("-17 ", "'-17 "),
])
def test_only_formulas_are_neutralized(text: str, written: str) -> None:
    assert neutralize(text) == written

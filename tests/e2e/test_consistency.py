"""The same request gets the same decision whatever its formatting noise, its place in the
batch, or the other records sent with it (issue 5, consistency)."""

from __future__ import annotations

import csv
import itertools
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.e2e.handmade import AS_OF, CASES, dgate, setup_home, write_package

_counter = itertools.count(1)

WORDS = {"STREET": "ST", "AVENUE": "AVE", "ROAD": "RD", "NORTH": "N", "SOUTH": "S",
         "EAST": "E", "WEST": "W"}


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))


def noisy(value: str, field: str, choice: int) -> str:
    if not value:
        return value
    if choice == 1:
        value = value.upper()
    elif choice == 2:
        value = value.lower()
    elif choice == 3:
        value = strip_accents(value).title()
    elif choice == 4:
        value = "  " + value.replace(" ", "  ") + " "
    if field == "street":
        words = value.upper().split()
        swapped = [WORDS.get(w, {v: k for k, v in WORDS.items()}.get(w, w)) for w in words]
        value = " ".join(swapped) if choice % 2 else value
    if field == "unit" and value.strip():
        ident = value.strip().lstrip("#").split()[-1]
        value = ("#" + ident, "APT " + ident, "Unit " + ident, ident)[choice % 4]
    if field == "zip" and len(value.strip()) == 5 and choice % 2:
        value = value.strip() + "-0001"
    return value


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("consistency")
    home, key = setup_home(tmp)
    base = run(home, key, tmp, [c[0] for c in CASES])
    return home, key, tmp, base


def run(home: Path, key, tmp: Path, rows: list[dict[str, str]]) -> dict[str, tuple]:
    n = next(_counter)
    agent = f"AGENT-{n}"  # a fresh case agent per batch: the caseload cap is not in play
    rows = [dict(r, case_agent_id=agent) for r in rows]
    pkg = write_package(tmp / f"p{n}", key, rows, batch_id=f"ICE-2026-9{n:05d}")
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    out = tmp / f"d{n}.csv"
    assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(out)).code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        return {r["request_id"]: (r["disposition"], r["reason_codes"], r["match_tin"])
                for r in csv.DictReader(fh)}


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_decision_is_independent_of_noise_order_and_batch_mates(world, data) -> None:
    home, key, tmp, base = world
    picked = data.draw(st.lists(st.sampled_from(range(len(CASES))), min_size=1,
                                max_size=len(CASES), unique=True))
    rows = []
    for i in picked:
        req = dict(CASES[i][0])
        for field in ("first_name", "last_name", "street", "unit", "city", "zip"):
            if field in req:
                req[field] = noisy(req[field], field, data.draw(st.integers(0, 4)))
        rows.append(req)
    got = run(home, key, tmp, rows)
    for rid, decision in got.items():
        assert decision == base[rid], (rid, decision, base[rid])

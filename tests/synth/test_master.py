"""The master extract is exactly per master-format.md and realistic where the matcher needs it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow as pa
import zipcodes

from .conftest import AS_OF
from .helpers import Master, address_key, fold, valid_tin

TAXPAYER_TYPES = {
    "tin": pa.string(), "tin_type": pa.string(), "first_name": pa.string(),
    "middle_name": pa.string(), "last_name": pa.string(), "name_suffix": pa.string(),
    "date_of_birth": pa.date32(), "date_of_death": pa.date32(),
}
ADDRESS_TYPES = {
    "tin": pa.string(), "street": pa.string(), "unit": pa.string(), "city": pa.string(),
    "state": pa.string(), "zip": pa.string(), "source": pa.string(), "tax_year": pa.int32(),
    "effective_date": pa.date32(),
}


def test_columns_and_types(synth_dir: Path) -> None:
    m = Master(synth_dir / "master")
    assert {f.name: f.type for f in m.taxpayers.schema} == TAXPAYER_TYPES
    assert {f.name: f.type for f in m.addresses.schema} == ADDRESS_TYPES
    assert m.taxpayers.num_rows == 3000


def test_tins_unique_and_in_their_ranges(synth_dir: Path) -> None:
    m = Master(synth_dir / "master")
    tins = m.taxpayers["tin"].to_pylist()
    assert len(set(tins)) == len(tins)
    kinds = m.taxpayers["tin_type"].to_pylist()
    assert all(valid_tin(t) == k for t, k in zip(tins, kinds, strict=True))
    counts = Counter(kinds)
    assert counts["ITIN"] > 30 and counts["SSN"] > 2000


def test_every_taxpayer_has_history_and_rows_are_consistent(synth_dir: Path) -> None:
    m = Master(synth_dir / "master")
    assert set(m.history) == set(m.person)
    rows = m.addresses.to_pylist()
    assert 1.5 < len(rows) / len(m.person) < 3.0
    for r in rows:
        assert (r["tax_year"] is None) == (r["source"] != "RETURN")
        assert r["effective_date"] <= AS_OF
        assert r["street"] and r["city"] and r["zip"]
    sources = Counter(r["source"] for r in rows)
    assert sources["FORM_8822"] > 10 and sources["NCOA"] > 10
    movers = sum(1 for h in m.history.values() if len({(r["street"], r["zip"]) for r in h}) > 1)
    assert movers > len(m.person) * 0.3


def test_zip_city_state_are_real_combinations(synth_dir: Path) -> None:
    m = Master(synth_dir / "master")
    seen = {(r["zip"], fold(r["city"]), r["state"]) for r in m.addresses.to_pylist()}
    for zip_code, city, state in seen:
        hits = zipcodes.matching(zip_code)
        assert hits and hits[0]["state"] == state and fold(hits[0]["city"]) == city


def test_population_is_concentrated_and_shares_buildings(synth_dir: Path) -> None:
    m = Master(synth_dir / "master")
    states = Counter(r["state"] for r in m.addresses.to_pylist())
    top = sum(states[s] for s in ("TX", "CA", "FL", "IL", "NY", "AZ"))
    assert top > 0.6 * m.addresses.num_rows
    by_building: dict[tuple, set[str]] = {}
    for r in m.addresses.to_pylist():
        by_building.setdefault((fold(r["street"]), r["zip"]), set()).add(r["tin"])
    assert max(len(v) for v in by_building.values()) >= 20  # apartment buildings


def test_hispanic_names_jr_sr_and_deaths(synth_dir: Path) -> None:
    m = Master(synth_dir / "master")
    people = m.taxpayers.to_pylist()
    last = [p["last_name"] for p in people]
    assert sum(1 for s in last if fold(s) != s) > 50            # accents held by some
    assert sum(1 for s in last if "-" in s) > 20                # hyphenated compounds
    assert sum(1 for s in last if " " in s) > 300               # compound or particle
    assert any(fold(s).startswith(("DE LA ", "DEL ", "DE LOS ")) for s in last)
    firsts = {fold(p["first_name"]) for p in people}
    assert "MARIA GUADALUPE" in firsts or "JOSE LUIS" in firsts
    suffixes = Counter(fold(p["name_suffix"]) for p in people if p["name_suffix"])
    assert suffixes["JR"] > 10
    dead = [p for p in people if p["date_of_death"]]
    assert 3 <= len(dead) < 150
    assert all(p["date_of_birth"] < p["date_of_death"] <= AS_OF for p in dead)
    hispanic_share = sum(1 for p in people if " " in p["last_name"] or fold(p["last_name"])
                         != p["last_name"].upper()) / len(people)
    assert hispanic_share > 0.2


def test_juniors_live_with_a_namesake(synth_dir: Path) -> None:
    m = Master(synth_dir / "master")
    for tin, p in m.person.items():
        if fold(p["name_suffix"]) != "JR":
            continue
        home = m.last_known(tin)
        mates = m.at[address_key(home["street"], home["unit"], home["zip"])] - {tin}
        given = fold(p["first_name"]).split()[0]
        assert any(fold(m.person[t]["first_name"]).split()[0] == given for t in mates)

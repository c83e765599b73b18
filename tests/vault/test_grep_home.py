"""The GREP TEST: after a whole flow, no file of the home holds any of the people's names,
TINs, dates of birth or street names, in any case (the files that left it do)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from tests.e2e.handmade import dgate
from tests.vault.people import full_flow, secret_terms, variants


@pytest.fixture(scope="module")
def flow(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    return full_flow(tmp_path_factory.mktemp("grep"))


def _hits(folder: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        for term in secret_terms():
            if any(v in data for v in variants(term)):
                found.setdefault(str(path.relative_to(folder)), []).append(term)
    return found


def test_the_terms_are_real_they_are_in_what_left_the_home(flow) -> None:  # noqa: ANN001
    # Otherwise a search that finds nothing would prove nothing.
    assert flow.disclosed >= 2
    outside = _hits(flow.outside)
    assert "471829365" in outside["accounting.csv"]
    assert "Brightwater" in outside["response.csv"]
    assert "Marchbanks" in outside["decisions.csv"]


def test_no_file_in_the_home_holds_plaintext(flow) -> None:  # noqa: ANN001
    names = {p.name for p in flow.home.rglob("*") if p.is_file()}
    # The stores the search must cover really are there: the case store with its WAL (the
    # connection is closed, so only the database may be left) and the master.
    assert "case.sqlite" in names
    assert any(n.startswith("master-") and n.endswith(".duckdb") for n in names)
    assert _hits(flow.home) == {}


def test_the_master_needs_its_key(flow) -> None:  # noqa: ANN001
    import duckdb

    master = next(flow.home.glob("master/master-*.duckdb"))
    with pytest.raises(duckdb.Error):
        duckdb.connect(str(master), read_only=True).execute("SELECT 1 FROM taxpayers")


def test_accounting_export_for_one_taxpayer_by_tin(flow, tmp_path: Path) -> None:  # noqa: ANN001
    # The accounting a taxpayer (or their lawyer) may ask for: found through the keyed
    # index, since the TIN is stored only sealed. Dashes are allowed; a malformed TIN is a
    # usage error (exit 2) that does not echo it.
    out = tmp_path / "one.csv"
    r = dgate(flow.home, "accounting", "export", "--out", str(out), "--tin", "471-82-9365",
              user="aud")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and all(row["taxpayer_tin"] in ("471829365", "") for row in rows)
    assert any(row["taxpayer_tin"] == "471829365" for row in rows)
    everyone = flow.outside / "accounting.csv"
    assert len(rows) < len(list(csv.DictReader(everyone.open(encoding="utf-8"))))
    bad = dgate(flow.home, "accounting", "export", "--out", str(out), "--tin", "12-34",
                user="aud")
    assert bad.code == 2 and "12-34" not in bad.err and "9 digits" in bad.err

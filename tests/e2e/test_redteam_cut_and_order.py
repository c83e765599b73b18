"""Red team r19 (session 30): a decision about one person must not depend on how the work
was cut or ordered — the matching chunk (config.json `match_chunk`), the number of matching
processes, the order of the request's records, the order and letter case of the master's
rows, CSV or Parquet, the spelling of the records file's column names, ZIP+4 or ZIP5.

Metamorphic: one batch of the red-team people (namesake rivals answered with one taxpayer,
a household, duplicates with and without ZIP, a tied last known address, an agent over the
caseload cap counting an earlier batch) is decided once as written, then again transformed
in a copy of the same home; every record's decision must come out the same. For the order
transforms records are compared by request id, leaving out those the spec's
first-occurrence rules (R_REQUEST_ID, R_DUPLICATE) name in either run.

Every person, TIN and address here is invented. Driven through the real CLI
(`tests/e2e/handmade.py`)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pytest
from tests.e2e import handmade as hm
from tests.e2e.handmade import AS_OF, dgate, setup_home, write_package

CHI = ("Chicago", "IL", "60629")
PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}


def _tp(tin: str, first: str, last: str, *, suffix: str = "", dob: str = "") -> tuple[str, ...]:
    return (tin, "SSN", first, "", last, suffix, dob, "")


def _ad(tin: str, street: str, date: str = "2026-02-26", *, source: str = "RETURN",
        year: str = "2025") -> tuple[str, ...]:
    return (tin, street, "", *CHI, source, year, date)


TAXPAYERS = [*hm.TAXPAYERS,
             _tp("619100001", "WALTER", "BRENNAN"),
             _tp("619100002", "LUCIA", "FERRARO", dob="1990-05-05"),
             _tp("619100003", "AMOS", "QUILLFEATHER"),
             _tp("619100004", "OSVALDO", "QUINTANILLA", dob="1960-03-03"),
             _tp("619100005", "OSVALDO", "QUINTANILLA", suffix="JR"),
             _tp("619100006", "PERPETUA", "ZELAYA", dob="1971-01-01"),
             _tp("619100007", "CASIMIRO", "ARRIETA", dob="1966-06-06")]
ADDRESSES = [*hm.ADDRESSES,
             _ad("619100001", "40 Birch St"), _ad("619100002", "41 Birch St"),
             _ad("619100003", "42 Birch St", "2024-02-01"),
             _ad("619100003", "90 Cedar Ave"),
             _ad("619100004", "20 Elm St"), _ad("619100005", "20 Elm St"),
             # two change-of-address rows of one day: the last known address is a tie
             _ad("619100006", "60 Birch St", "2025-01-01"),
             _ad("619100006", "70 Birch St", "2026-03-03", source="NCOA", year=""),
             _ad("619100006", "80 Birch St", "2026-03-03", source="NCOA", year=""),
             # the same, two streets whose order depends on letter case ("de la" / "Dover")
             _ad("619100007", "61 Birch St", "2025-01-01"),
             _ad("619100007", "75 de la Vina St", "2026-03-03", source="NCOA", year=""),
             _ad("619100007", "75 Dover St", "2026-03-03", source="NCOA", year="")]

WALTER = dict(PLACE, first_name="WALTER", last_name="BRENNAN", street="40 BIRCH ST")
LUCIA = dict(PLACE, first_name="LUCIA", last_name="FERRARO", street="41 BIRCH ST")
AMOS = dict(PLACE, first_name="AMOS", last_name="QUILLFEATHER")
OSVALDO = dict(PLACE, first_name="OSVALDO", last_name="QUINTANILLA", street="20 ELM ST")
MARIA = dict(first_name="Maria Guadalupe", last_name="Garcia", street="123 N Main St",
             unit="#4B", city="Austin", state="TX", zip="78701")


def _rows(cases: bool = True) -> list[dict[str, str]]:
    """The batch: rivals at its two ends (a chunk boundary between them whatever the
    chunk), a duplicate with and without its ZIP, the cases of handmade.CASES between
    (unless `cases` is false: none of them bears on another record's decision)."""
    rows = [
        dict(WALTER, request_id="W1", date_of_birth="1950-01-01"),
        dict(LUCIA, request_id="L1", date_of_birth="1990-05-05"),
        dict(WALTER, request_id="W3", name_suffix="JR"),
        dict(AMOS, request_id="A1", street="42 BIRCH ST"),
        dict(MARIA, request_id="M1"),
        *(c[0] for c in hm.CASES[1:]),
        dict(OSVALDO, request_id="O1", date_of_birth="1960-03-03"),
        dict(OSVALDO, request_id="O2", name_suffix="JR"),
        dict(PLACE, request_id="P1", first_name="PERPETUA", last_name="ZELAYA",
             street="60 BIRCH ST", date_of_birth="1971-01-01"),
        dict(PLACE, request_id="P2", first_name="CASIMIRO", last_name="ARRIETA",
             street="61 BIRCH ST", date_of_birth="1966-06-06"),
        dict(MARIA, request_id="M2", zip=""),
        dict(MARIA, request_id="M3", first_name="Maria", middle_name="Guadalupe"),
        *({**hm.CASES[3][0], "request_id": f"K{i}", "case_agent_id": "agent 9",
           "street": "UNKNOWN"} for i in range(3)),
        dict(AMOS, request_id="A2", street="90 CEDAR AVE"),
        dict(LUCIA, request_id="L2", date_of_birth="1990-05-08"),
        dict(WALTER, request_id="W4", name_suffix="SR"),
        dict(WALTER, request_id="W2", date_of_birth="1980-01-01"),
    ]
    return rows if cases else [r for r in rows if r["request_id"] in _ACROSS]


# The requests the batch-wide rules read together (rivals, a person asked at two addresses,
# a duplicate, the caseload): matched a record a chunk, they still take a second each.
_ACROSS = {"W1", "W3", "L1", "A1", "M1", "M2", "K0", "K1", "K2", "A2", "L2", "W4", "W2"}


BATCH = "ICE-2026-191001"
KEYS = ("disposition", "reason_codes", "match_tin", "match_probability", "candidate_count",
        "street", "unit", "city", "state", "zip", "address_source", "address_effective_date")
FIRST_OCCURRENCE = ("R_REQUEST_ID", "R_DUPLICATE")


def _write_master(folder: Path, taxpayers: Sequence[Sequence[str]],
                  addresses: Sequence[Sequence[str]], parquet: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    tp_cols = ["tin", "tin_type", "first_name", "middle_name", "last_name", "name_suffix",
               "date_of_birth", "date_of_death"]
    ad_cols = ["tin", "street", "unit", "city", "state", "zip", "source", "tax_year",
               "effective_date"]
    for name, cols, rows in (("taxpayers", tp_cols, taxpayers),
                             ("addresses", ad_cols, addresses)):
        if parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.table({c: [r[i] or None for r in rows]
                                     for i, c in enumerate(cols)}),
                           folder / f"{name}.parquet")
        else:
            with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh)
                w.writerow(cols)
                w.writerows(rows)
    return folder


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[Path, object, dict[str, dict[str, str]]]:
    """A home with the master above and an earlier batch naming `AGENT-9` 98 times (all
    rejected, so quickly: they count toward the caseload all the same), before BATCH; and
    BATCH's decisions as written, whole (one chunk, one process)."""
    tmp = tmp_path_factory.mktemp("cut")
    home, key = setup_home(tmp)
    r = dgate(home, "master", "load", str(_write_master(tmp / "m", TAXPAYERS, ADDRESSES)))
    assert r.code == 0, r.err
    prior = [{**hm.CASES[3][0], "request_id": f"E{i}", "case_agent_id": "AGENT-9",
              "street": "UNKNOWN"} for i in range(98)]
    pkg = write_package(tmp / "prior", key, prior, batch_id="ICE-2026-191000")
    assert dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk").code == 0
    whole = _submit(_copy(home, tmp / "whole"), key, tmp / "whole-pkg", _rows())
    return home, key, whole


def _submit(home: Path, key: object, tmp: Path, rows: list[dict[str, str]],
            header: Sequence[str] | None = None, data: bytes | None = None
            ) -> dict[str, dict[str, str]]:
    pkg = write_package(tmp / "pkg", key, rows, batch_id=BATCH,  # type: ignore[arg-type]
                        header=header)
    if data is not None:  # the records file written otherwise: the manifest's hash follows
        _rewrite_records(pkg, key, data)
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    out = tmp / "decisions.csv"
    assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(out)).code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert len(got) == len(rows)
    return {r["request_id"]: r for r in got}


def _rewrite_records(pkg: Path, key: object, data: bytes) -> None:
    import base64
    import hashlib

    (pkg / "records.csv").write_bytes(data)
    manifest = json.loads((pkg / "batch.json").read_text(encoding="utf-8"))
    manifest["records_sha256"] = hashlib.sha256(data).hexdigest()
    raw = json.dumps(manifest, indent=2).encode("utf-8")
    (pkg / "batch.json").write_bytes(raw)
    (pkg / "batch.json.sig").write_bytes(base64.b64encode(key.sign(raw)))  # type: ignore[attr-defined]


def _copy(home: Path, to: Path, chunk: int | None = None) -> Path:
    shutil.copytree(home, to)
    if chunk is not None:
        path = to / "config.json"
        config = json.loads(path.read_text(encoding="utf-8"))
        config["match_chunk"] = chunk
        path.write_text(json.dumps(config), encoding="utf-8")
    return to


def _view(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row[k] for k in KEYS)


def _differences(want: dict[str, dict[str, str]], got: dict[str, dict[str, str]],
                 *, ordered: bool = True, fold: Callable[[str], str] = str
                 ) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    out = []
    for rid, row in want.items():
        other = got[rid]
        if not ordered and any(c in f'{row["reason_codes"]};{other["reason_codes"]}'.split(";")
                               for c in FIRST_OCCURRENCE):
            continue
        a, b = tuple(map(fold, _view(row))), tuple(map(fold, _view(other)))
        if a != b:
            out.append((rid, a, b))
    return out


def test_the_batch_exercises_the_batch_wide_rules(base: tuple[Path, object, dict]) -> None:
    """The comparisons below mean something only if the batch holds what they are about."""
    _home, _key, whole = base
    codes = {rid: r["reason_codes"].split(";") for rid, r in whole.items()}
    assert all("M_AMBIGUOUS" in codes[rid] for rid in ("W1", "W2", "W3", "W4", "L2"))
    assert whole["L1"]["disposition"] == whole["A1"]["disposition"] == "DISCLOSE"
    assert whole["A2"]["match_tin"] == "619100003"
    assert whole["M1"]["disposition"] == "DISCLOSE"
    assert codes["M2"] == codes["M3"] == ["R_DUPLICATE"]
    assert all("R_CASELOAD" in codes[f"K{i}"] for i in range(3))
    assert whole["P1"]["disposition"] == whole["P2"]["disposition"] == "REVIEW"


@pytest.mark.parametrize(("chunk", "workers"), [(1, 1), (2, 2), (3, 1)])
def test_chunks_and_workers_change_no_decision(base: tuple[Path, object, dict], tmp_path: Path,
                                               chunk: int, workers: int) -> None:
    """match_chunk 1, 2, 3: a chunk boundary between every rival, every duplicate and its
    first occurrence; one matching process or two (`submit`'s `workers`, which the CLI
    chooses by itself). The batch's requests that the batch-wide rules read together, the
    others left out (none of them bears on these): their decisions are the same as in the
    whole batch."""
    from dgate.service.home import Home
    from dgate.service.submit import submit

    home, key, whole = base
    copy = _copy(home, tmp_path / "h")
    pkg = write_package(tmp_path / "pkg", key, _rows(cases=False),  # type: ignore[arg-type]
                        batch_id=BATCH)
    with Home(copy) as opened:
        submit(opened, "clerk", pkg, date.fromisoformat(AS_OF), chunk_size=chunk,
               workers=workers)
    out = tmp_path / "decisions.csv"
    assert dgate(copy, "batch", "decisions", BATCH, "--out", str(out)).code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        got = {r["request_id"]: r for r in csv.DictReader(fh)}
    assert set(got) == _ACROSS
    assert _differences({rid: whole[rid] for rid in got}, got) == []


def _reordered(rows: list[dict[str, str]], how: str) -> list[dict[str, str]]:
    if how == "reversed":
        return rows[::-1]
    if how == "rotated":
        return rows[7:] + rows[:7]
    return rows[::2] + rows[1::2]  # interleaved


@pytest.mark.parametrize(("how", "chunk"), [("reversed", None), ("rotated", None),
                                            ("interleaved", 5)])
def test_record_order_changes_no_decision_but_which_is_first(
        base: tuple[Path, object, dict], tmp_path: Path, how: str, chunk: int | None) -> None:
    home, key, whole = base
    rows = _reordered(_rows(cases=chunk is None), how)
    got = _submit(_copy(home, tmp_path / "h", chunk), key, tmp_path, rows)
    whole = {rid: whole[rid] for rid in got}
    assert _differences(whole, got, ordered=False) == []
    # one of MARIA's requests is answered, whichever comes first
    answered = [r for rid, r in got.items() if rid.startswith("M")
                and r["disposition"] != "REJECTED"]
    assert len(answered) == 1 and _view(answered[0])[2:] == _view(whole["M1"])[2:]


def _records_file(rows: list[dict[str, str]], order: Sequence[str],
                  name: Callable[[str], str]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([name(c) for c in order])
    for r in rows:
        full = {**hm.BASE, **r}
        w.writerow([full.get(c, "") for c in order])
    return buf.getvalue().encode("utf-8")


def _zip4(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [dict(r, zip=f"{r['zip']}-0042") if len(r.get("zip", "")) == 5 else r for r in rows]


@pytest.mark.parametrize("how", ["upper_and_reordered_columns", "zip_plus_4"])
def test_records_file_spelling_changes_no_decision(base: tuple[Path, object, dict],
                                                   tmp_path: Path, how: str) -> None:
    """request-format.md: "Column names are case-insensitive"; a ZIP is 5 digits or ZIP+4."""
    home, key, whole = base
    rows = _rows()
    if how == "zip_plus_4":
        got = _submit(_copy(home, tmp_path / "h"), key, tmp_path, _zip4(rows))
    else:
        order = list(reversed(hm.RECORD_HEADER))
        data = _records_file(rows, order, lambda c: f" {c.upper()} ")
        got = _submit(_copy(home, tmp_path / "h"), key, tmp_path, rows, data=data)
    assert _differences(whole, got) == []


def _accented(text: str) -> str:
    """Upper case, an acute accent on every E and A, blanks around: as the agency may
    hold it."""
    out = "".join(c + "\u0301" if c in "AE" else c for c in text.upper())
    return f"  {unicodedata.normalize('NFC', out)} " if text else text


def _master_variant(how: str) -> tuple[list[Sequence[str]], list[Sequence[str]]]:
    if how == "rows_reversed":
        return TAXPAYERS[::-1], ADDRESSES[::-1]
    if how == "upper_case":
        return ([(*t[:2], *(v.upper() for v in t[2:6]), *t[6:]) for t in TAXPAYERS],
                [(a[0], *(v.upper() for v in a[1:4]), *a[4:]) for a in ADDRESSES])
    if how == "case_accents_blanks":
        taxpayers = [(t[0], t[1], *map(_accented, t[2:6]), *t[6:]) for t in TAXPAYERS]
        addresses = [(a[0], _accented(a[1]), _accented(a[2]), _accented(a[3]), *a[4:])
                     for a in ADDRESSES]
        return taxpayers, addresses
    return list(TAXPAYERS), list(ADDRESSES)


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).strip().upper()


@pytest.mark.parametrize("how", ["rows_reversed", "upper_case", "case_accents_blanks",
                                 "parquet"])
def test_master_form_changes_no_decision(base: tuple[Path, object, dict], tmp_path: Path,
                                         how: str) -> None:
    """master-format.md: names "as held by the agency (upper or mixed case, accents
    possible)"; Parquet or CSV; the rows in any order. The address disclosed is the
    master's own text, compared folded (case, accents, blanks) for the case variant."""
    home, key, whole = base
    copy = _copy(home, tmp_path / "h")
    folder = _write_master(tmp_path / "m", *_master_variant(how), parquet=how == "parquet")
    r = dgate(copy, "master", "load", str(folder))
    assert r.code == 0, r.err
    got = _submit(copy, key, tmp_path, _rows())
    fold = _fold if how in ("upper_case", "case_accents_blanks") else str
    assert _differences(whole, got, fold=fold) == []


@pytest.mark.parametrize(("order", "tin"), [
    ("W0 W1 W2", ""), ("W1 W0 W2", ""), ("W1 W2 W0", ""), ("W2 W0 W1", ""),
    ("W0 W1 W2", "619100001"), ("W1 W2 W0", "619100001")])
def test_which_namesake_comes_first_does_not_decide_a_disclosure(
        base: tuple[Path, object, dict], tmp_path: Path, order: str, tin: str) -> None:
    """One undated WALTER BRENNAN on file at 40 BIRCH ST; the batch asks for WALTER BRENNAN
    there three times: no date of birth (W0), born 1950 (W1), born 1980 (W2) — two people,
    and W0 either. R_DUPLICATE compared each record with every earlier one alone: W0 first
    made W1 and W2 both its repeats (each agrees with an undated W0), and W0, the one
    request left, was disclosed; W1 first made W0 its repeat and W2 W0's, and W1 was
    disclosed; W1 and W2 first were both decided and both held back (red team r16's
    rivals), nothing disclosed. The taxpayer is at most one of the two people the batch
    names, whatever their order: none of the three is disclosed or sent to review. So
    too when all three give the taxpayer's TIN (the same TIN is one person for R_DUPLICATE
    at any address, unless two dates of birth tell two apart: it read each earlier record
    alone as well)."""
    home, key, _whole = base
    walter = {"W0": dict(WALTER, request_id="W0", tin=tin),
              "W1": dict(WALTER, request_id="W1", tin=tin, date_of_birth="1950-01-01"),
              "W2": dict(WALTER, request_id="W2", tin=tin, date_of_birth="1980-01-01")}
    got = _submit(_copy(home, tmp_path / "h"), key, tmp_path,
                  [walter[rid] for rid in order.split()])
    answered = {rid: (r["disposition"], r["match_tin"]) for rid, r in got.items()
                if r["disposition"] in ("DISCLOSE", "REVIEW")}
    assert answered == {}
    # the first is decided, and so is the one born apart from the one it repeats
    assert ["R_DUPLICATE" in got[rid]["reason_codes"] for rid in order.split()].count(True) == 1


def test_one_tin_given_for_two_births_is_not_disclosed_whatever_comes_first(
        base: tuple[Path, object, dict], tmp_path: Path) -> None:
    """AMOS QUILLFEATHER (TIN 619100003, no date of birth on file) lived at 42 BIRCH ST and
    90 CEDAR AVE. The batch gives his TIN three times: T0 at 42 BIRCH ST (no date of
    birth), T1 at 5 ELSEWHERE ST born 1950, T2 at 90 CEDAR AVE born 1980 — one TIN, two
    people. T0 first: T1 adds 1950 to T0's person, T2 is another person; T0 and T2 are
    answered with AMOS and held back as rivals, nothing disclosed. T1 first: T0 repeats
    T1 or T2, T1 is not his address (NOT_DISCLOSED), and T2 is disclosed."""
    home, key, _whole = base
    got = _submit(_copy(home, tmp_path / "h"), key, tmp_path, [
        dict(AMOS, request_id="T1", tin="619100003", street="5 ELSEWHERE ST",
             date_of_birth="1950-01-01"),
        dict(AMOS, request_id="T0", tin="619100003", street="42 BIRCH ST"),
        dict(AMOS, request_id="T2", tin="619100003", street="90 CEDAR AVE",
             date_of_birth="1980-01-01")])
    assert not [rid for rid, r in got.items() if r["disposition"] in ("DISCLOSE", "REVIEW")]


def test_a_tin_given_for_another_birth_holds_back_unless_the_birth_on_file_settles_it(
        base: tuple[Path, object, dict], tmp_path: Path) -> None:
    """Red team r34. AMOS QUILLFEATHER (TIN 619100003, no date of birth on file): his TIN
    given born 1980 at 90 CEDAR AVE, his address, and born 1950 at 5 ELSEWHERE ST, not his
    (NOT_DISCLOSED, listed first here): the batch names two people by one TIN, the TIN
    settles neither, and the one at his address is held back (it was disclosed). Controls:
    LUCIA FERRARO's TIN given born 1950 elsewhere beside her request born 1990-05-05, the
    date on her record, stays disclosed (her record settles it); WALTER BRENNAN's TIN given
    elsewhere again with the same date of birth, and without one, holds nothing back."""
    home, key, _whole = base
    got = _submit(_copy(home, tmp_path / "h"), key, tmp_path, [
        dict(AMOS, request_id="A1", tin="619100003", street="5 ELSEWHERE ST",
             date_of_birth="1950-01-01"),
        dict(AMOS, request_id="A2", tin="619-10-0003", street="90 CEDAR AVE",
             date_of_birth="1980-01-01"),
        dict(LUCIA, request_id="L1", tin="619100002", street="5 ELSEWHERE ST",
             date_of_birth="1950-01-01"),
        dict(LUCIA, request_id="L2", tin="619100002", date_of_birth="1990-05-05"),
        dict(WALTER, request_id="W1", tin="619100001", date_of_birth="1950-01-01"),
        dict(WALTER, request_id="W2", tin="619100001", street="5 ELSEWHERE ST",
             date_of_birth="1950-01-01"),
        dict(WALTER, request_id="W3", tin="619100001", street="5 ELSEWHERE ST")])
    assert (got["A2"]["disposition"], got["A2"]["reason_codes"]) == ("NOT_DISCLOSED",
                                                                       "M_AMBIGUOUS")
    assert got["A1"]["disposition"] == "NOT_DISCLOSED"
    assert (got["L2"]["disposition"], got["L2"]["match_tin"]) == ("DISCLOSE", "619100002")
    assert (got["W1"]["disposition"], got["W1"]["match_tin"]) == ("DISCLOSE", "619100001")

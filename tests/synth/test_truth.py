"""The ground truth is true of the master actually written."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .helpers import (
    Master,
    address_key,
    fold,
    matches_history,
    read_csv,
    request_keys,
    tokens,
)


def _load(synth_dir: Path) -> tuple[Master, list[tuple[dict, dict]]]:
    m = Master(synth_dir / "master")
    records = read_csv(synth_dir / "pkg" / "records.csv")
    truth = read_csv(synth_dir / "truth.csv")
    assert [t["seq"] for t in truth] == [str(i + 1) for i in range(len(records))]
    assert all(t["request_id"] == r["request_id"] for t, r in zip(truth, records, strict=True))
    return m, list(zip(records, truth, strict=True))


def test_mix_roughly_as_specified(synth_dir: Path) -> None:
    _, pairs = _load(synth_dir)
    disp = Counter(t["expected_disposition"] for _, t in pairs)
    assert 0.45 < disp["DISCLOSE"] / 300 < 0.65
    assert disp["REJECTED"] > 30 and disp["NOT_DISCLOSED"] > 50
    codes = {t["expected_code"] for _, t in pairs}
    assert {"M_MATCH", "M_NO_MATCH", "M_NAME_ONLY", "M_ADDRESS_ONLY", "M_AMBIGUOUS",
            "M_CONFLICT", "M_DECEASED"} <= codes


def test_disclosures_point_at_the_subject_and_its_last_known_address(synth_dir: Path) -> None:
    m, pairs = _load(synth_dir)
    for rec, t in pairs:
        if t["expected_disposition"] != "DISCLOSE":
            continue
        tin = t["expected_tin"]
        assert t["expected_code"] == "M_MATCH" and tin in m.person
        assert not m.person[tin]["date_of_death"]
        assert matches_history(rec, m.history[tin]), t["seq"]
        last = m.last_known(tin)
        got = (t["expected_street"], t["expected_unit"], t["expected_city"],
               t["expected_state"], t["expected_zip"])
        assert got == (last["street"], last["unit"] or "", last["city"], last["state"],
                       last["zip"])
        if rec["tin"]:
            assert rec["tin"].replace("-", "") == tin
        if rec["date_of_birth"]:
            assert rec["date_of_birth"] == m.person[tin]["date_of_birth"].isoformat()


def test_old_address_requests_really_use_an_old_address(synth_dir: Path) -> None:
    m, pairs = _load(synth_dir)
    old = [(r, t) for r, t in pairs if t["scenario"] == "true_old"]
    assert old
    for rec, t in old:
        assert not matches_history(rec, [m.last_known(t["expected_tin"])])


def test_disclosures_have_no_namesake_at_the_address(synth_dir: Path) -> None:
    m, pairs = _load(synth_dir)
    for rec, t in pairs:
        if t["expected_disposition"] != "DISCLOSE":
            continue
        line, zip_code, _ = request_keys(rec)
        subject = m.person[t["expected_tin"]]
        first = fold(subject["first_name"]).split()[0]
        last = set(fold(subject["last_name"]).replace("-", " ").split())
        for key, tins in m.at.items():
            if key[1] != zip_code[:5] or key[0][: len(tokens(line))] != tuple(tokens(line)):
                continue
            for other in tins - {t["expected_tin"]}:
                o = m.person[other]
                same_first = fold(o["first_name"]).split()[0] == first
                same_last = last & set(fold(o["last_name"]).replace("-", " ").split())
                assert not (same_first and same_last), t["seq"]


def test_ambiguous_requests_have_two_namesakes_at_the_address(synth_dir: Path) -> None:
    m, pairs = _load(synth_dir)
    amb = [(r, t) for r, t in pairs if t["expected_code"] == "M_AMBIGUOUS"]
    assert len(amb) >= 5
    for rec, t in amb:
        assert not rec["name_suffix"] and not rec["date_of_birth"] and not rec["tin"]
        line, zip_code, _ = request_keys(rec)
        tins = m.at[(tuple(tokens(line)), zip_code[:5])]
        first = fold(rec["first_name"]).split()[0]
        surname = fold(rec["last_name"]).replace("-", " ").split()[0]
        namesakes = [x for x in tins if fold(m.person[x]["first_name"]).split()[0] == first
                     and fold(m.person[x]["last_name"]).replace("-", " ").split()[0] == surname]
        assert len(namesakes) >= 2, t["seq"]


def test_near_misses(synth_dir: Path) -> None:
    m, pairs = _load(synth_dir)
    for rec, t in pairs:
        code = t["expected_code"]
        if code in ("M_CONFLICT", "M_DECEASED", "M_NAME_ONLY") and t["subject_tin"]:
            subject = m.person[t["subject_tin"]]
            assert not t["expected_tin"]
            if code == "M_CONFLICT":
                assert rec["date_of_birth"] != subject["date_of_birth"].isoformat()
                assert matches_history(rec, m.history[t["subject_tin"]])
            elif code == "M_DECEASED":
                assert subject["date_of_death"] is not None
                assert matches_history(rec, m.history[t["subject_tin"]])
            else:  # a real taxpayer's name at an address never in the history
                assert not matches_history(rec, m.history[t["subject_tin"]])
        if code == "M_ADDRESS_ONLY":
            line, zip_code, _ = request_keys(rec)
            tins = m.at[(tuple(tokens(line)), zip_code[:5])]
            assert tins, t["seq"]  # the address is a taxpayer's …
            first = fold(rec["first_name"]).split()[0]
            for x in tins:  # … but nobody there has the requested given name and surname
                p = m.person[x]
                assert not (fold(p["first_name"]).split()[0] == first and
                            set(fold(rec["last_name"]).split())
                            & set(fold(p["last_name"]).replace("-", " ").split()))
        if t["scenario"] == "not_in_master":
            line, zip_code, _ = request_keys(rec)
            assert not m.at.get((tuple(tokens(line)), zip_code[:5]))


def test_address_keys_fold_the_master_consistently(synth_dir: Path) -> None:
    m, _ = _load(synth_dir)
    row = m.addresses.to_pylist()[0]
    spelled = row["street"].upper().replace(" ST", " STREET").replace(" AVE", " AVENUE")
    assert address_key(spelled, row["unit"], row["zip"]) == address_key(
        row["street"], row["unit"], row["zip"])

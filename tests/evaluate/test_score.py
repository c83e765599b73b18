"""score_decisions and the precision-recall sweep on hand-made rows, checked by reasoning."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dgate.evaluate import Point, align_truth, pr_sweep, score_decisions


def _truth(rid: str, expected: str, tin: str = "", scenario: str = "s", code: str = "",
           street: str = "", zip5: str = "") -> dict[str, str]:
    return {"request_id": rid, "expected_disposition": expected, "expected_tin": tin,
            "expected_code": code, "scenario": scenario, "expected_street": street,
            "expected_zip": zip5}


def _row(rid: str, disp: str, tin: str = "", prob: str = "", codes: str = "",
         street: str = "", zip5: str = "") -> dict[str, str]:
    return {"request_id": rid, "disposition": disp, "match_tin": tin,
            "match_probability": prob, "reason_codes": codes, "street": street, "zip": zip5}


def test_disclosing_the_wrong_taxpayer_is_wrongful() -> None:
    truth = align_truth([_truth("R1", "DISCLOSE", "111111111", "true_current", "M_MATCH")])
    ev = score_decisions([_row("R1", "DISCLOSE", "222222222", "0.999900", "M_MATCH")], truth)
    assert (ev.wrongful, ev.disclosed_right, ev.due) == (1, 0, 1)
    assert ev.wrongful_by_scenario == {"true_current": 1}
    assert ev.precision == 0.0 and ev.recall == 0.0
    assert [p.label for p in ev.points] == ["false"]


def test_disclosing_where_nothing_is_due_is_wrongful() -> None:
    truth = align_truth([_truth("R1", "NOT_DISCLOSED", "", "ambiguous", "M_AMBIGUOUS")])
    ev = score_decisions([_row("R1", "DISCLOSE", "333333333", "0.999990", "M_MATCH")], truth)
    assert ev.wrongful == 1 and ev.wrongful_by_scenario == {"ambiguous": 1}
    assert ev.due == 0 and ev.code_right == 0
    assert ev.points[0].label == "false" and not ev.points[0].due


def test_right_taxpayer_and_its_address() -> None:
    truth = align_truth([
        _truth("R1", "DISCLOSE", "111111111", "true_old", "M_MATCH", "1 MAIN ST", "10001"),
        _truth("R2", "DISCLOSE", "222222222", "true_old", "M_MATCH", "2 ELM ST", "10002"),
    ])
    ev = score_decisions([
        _row("R1", "DISCLOSE", "111111111", "0.999999", "M_MATCH", "1 MAIN ST", "10001-1234"),
        _row("R2", "DISCLOSE", "222222222", "0.999999", "M_MATCH", "9 OAK ST", "10002"),
    ], truth)
    assert (ev.disclosed_right, ev.wrongful, ev.wrong_address) == (2, 0, 1)
    assert ev.precision == 1.0 and ev.recall == 1.0 and ev.code_right == 2


def test_review_defects_and_repeated_request_ids() -> None:
    # The same request_id twice: the second decision is scored against the second truth row.
    truth = align_truth([
        _truth("R1", "DISCLOSE", "111111111", "true_current", "M_MATCH"),
        _truth("R1", "REJECTED", "", "request_id_repeat", "R_DUPLICATE_ID"),
        _truth("R2", "REJECTED", "", "address_placeholder", "R_ADDR_PLACEHOLDER"),
        _truth("R3", "NOT_DISCLOSED", "", "not_in_master", "M_NO_MATCH"),
    ])
    ev = score_decisions([
        _row("R1", "REVIEW", "111111111", "0.950000", "M_REVIEW"),
        _row("R1", "REJECTED", codes="R_DUPLICATE_ID;R_OTHER"),
        _row("R2", "REJECTED", codes="R_ADDR_MISSING"),
        _row("R3", "REJECTED", codes="R_ADDR_MISSING"),
    ], truth)
    assert ev.total == 4 and ev.due == 1 and ev.review_due == 1 and ev.review_rate == 1.0
    assert ev.defects == 2 and ev.defects_caught == 1  # R2 rejected with the wrong code
    assert ev.clean_rejected == 1                      # R3 had no defect
    assert ev.code_right == 1
    assert ev.outcomes["request_id_repeat"] == {"REJECTED": 1}
    assert ev.outcomes["true_current"] == {"REVIEW": 1}
    assert [(p.label, p.disposition) for p in ev.points] == [("true", "REVIEW")]


def test_refused_after_scoring_is_plotted_but_never_named() -> None:
    truth = align_truth([_truth("R1", "NOT_DISCLOSED", "", "ambiguous", "M_AMBIGUOUS"),
                         _truth("R2", "NOT_DISCLOSED", "", "name_only", "M_NAME_ONLY")])
    ev = score_decisions([_row("R1", "NOT_DISCLOSED", "", "0.400000", "M_AMBIGUOUS"),
                          _row("R2", "NOT_DISCLOSED", "", "0.000000", "M_NAME_ONLY")], truth)
    assert [(p.label, p.probability) for p in ev.points] == [("refused", 0.4)]
    assert pr_sweep(ev.points, ev.due) == []  # refused rows are not in the threshold sweep


def test_sweep_by_hand() -> None:
    pts = [Point("s", "DISCLOSE", 0.99, "true", True), Point("s", "REVIEW", 0.95, "false", False),
           Point("s", "REVIEW", 0.90, "true", True), Point("s", "NOT_DISCLOSED", 0.97, "refused",
                                                          False)]
    sweep = pr_sweep(pts, due=3)
    got = [(s.threshold, s.disclosed, s.right, s.wrongful, round(s.precision, 4),
            round(s.recall, 4)) for s in sweep]
    assert got == [(0.90, 3, 2, 1, 0.6667, 0.6667), (0.95, 2, 1, 1, 0.5, 0.3333),
                   (0.99, 1, 1, 0, 1.0, 0.3333)]


_points = st.lists(st.tuples(
    st.sampled_from(["DISCLOSE", "REVIEW"]),
    st.sampled_from([0.5, 0.8, 0.9, 0.99, 0.999, 0.9999, 1.0]),
    st.booleans()), max_size=40)


@given(_points)
def test_sweep_is_monotone_and_matches_a_brute_force_count(raw: list[tuple[str, float, bool]]
                                                           ) -> None:
    pts = [Point("s", d, p, "true" if ok else "false", ok) for d, p, ok in raw]
    due = sum(ok for _, _, ok in raw) + 2
    sweep = pr_sweep(pts, due)
    assert [s.threshold for s in sweep] == sorted({p for _, p, _ in raw})
    for lo, hi in zip(sweep, sweep[1:], strict=False):
        assert hi.disclosed < lo.disclosed       # a higher threshold discloses strictly fewer
        assert hi.recall <= lo.recall and hi.wrongful <= lo.wrongful
    for s in sweep:
        chosen = [ok for _, p, ok in raw if p >= s.threshold]
        assert (s.disclosed, s.right) == (len(chosen), sum(chosen))
        assert s.recall == sum(chosen) / due

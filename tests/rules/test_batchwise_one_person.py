"""decide.batchwise.one_person_two_taxpayers: requests the batch says are one person (one
A-number) answered with two taxpayers — who is held back, and for whom."""

from __future__ import annotations

from dgate.decide.batchwise import Answered, one_person_two_taxpayers


def test_two_taxpayers_for_one_person_hold_back_all_but_the_settled() -> None:
    # neither settled: both held, each for the other
    assert one_person_two_taxpayers([[Answered(1, "T1", False), Answered(2, "T2", False)]]) \
        == {1: [2], 2: [1]}
    # one settled by its taxpayer's record: only the other held
    assert one_person_two_taxpayers([[Answered(1, "T1", True), Answered(2, "T2", False)]]) \
        == {2: [1]}
    # both settled (two TINs given for one A-number): nothing tells which: both held
    assert one_person_two_taxpayers([[Answered(1, "T1", True), Answered(2, "T2", True)]]) \
        == {1: [2], 2: [1]}


def test_one_taxpayer_or_separate_groups_hold_nothing() -> None:
    assert one_person_two_taxpayers([[Answered(1, "T1", False), Answered(2, "T1", False)]]) \
        == {}
    assert one_person_two_taxpayers([[Answered(1, "T1", False)], [Answered(2, "T2", False)]]) \
        == {}
    # three requests, two on one taxpayer: the third's rivals are both
    assert one_person_two_taxpayers([[Answered(1, "T1", False), Answered(2, "T1", False),
                                      Answered(3, "T2", False)]]) \
        == {1: [3], 2: [3], 3: [1, 2]}

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


def test_a_tin_given_by_another_person_holds_back_unless_the_birth_on_file_settles_it() -> None:
    """decide.batchwise.tin_given_by_others (red team r34): requests left unanswered that
    give an answered request's taxpayer's TIN and are another person hold it back, unless
    the taxpayer's date of birth on file is the answered request's and not theirs."""
    from dgate.decide.batchwise import Person, tin_given_by_others

    people = {1: Person("1980-01-01", "619100003", ""), 2: Person("1950-01-01", "619100003", ""),
              3: Person("", "619100003", ""), 4: Person("1980-01-01", "619100003", ""),
              5: Person("", "619100003", "JR"), 6: Person("1980-01-01", "619100003", "SR"),
              7: Person("1980-01-01", "619100003", "JR")}
    givers = {"619100003": [2, 3, 4]}
    # another birth: held, settled by the TIN or not (both give it); the same or no
    # birth: nothing
    assert tin_given_by_others([Answered(1, "619100003", True)], givers, people.__getitem__) \
        == {1: [2]}
    # the date of birth on file is the answered request's exactly: it stays
    assert tin_given_by_others([Answered(1, "619100003", True, on_file=frozenset({"dob"}))], givers,
                               people.__getitem__) == {}
    # ... unless the other gives that date as well (another generation): both born so
    assert tin_given_by_others([Answered(7, "619100003", True, on_file=frozenset({"dob"}))],
                               {"619100003": [6]}, people.__getitem__) == {7: [6]}
    # another generation without a date: held unless the birth on file settles it
    assert tin_given_by_others([Answered(1, "619100003", True)], {"619100003": [5]},
                               people.__getitem__) == {}  # 1 gives no generation
    assert tin_given_by_others([Answered(6, "619100003", False)], {"619100003": [5]},
                               people.__getitem__) == {6: [5]}
    assert tin_given_by_others([Answered(6, "619100003", True, on_file=frozenset({"dob"}))],
                               {"619100003": [5]}, people.__getitem__) == {}
    # another TIN's givers hold nothing
    assert tin_given_by_others([Answered(1, "619100002", False)], givers,
                               people.__getitem__) == {}


def test_the_middle_name_on_file_tells_twins_apart() -> None:
    """Twins, one date of birth: LUIS ALBERTO asked with LUIS FERNANDO's TIN does not hold
    back LUIS FERNANDO asked with his own when the record holds FERNANDO (on_file
    "middle"); without that, or when the other's middle name agrees, it does."""
    from dgate.decide.batchwise import Person, record_tells_apart, tin_given_by_others

    fernando = Person("1990-03-03", "619100003", "", middle="FERNANDO")
    alberto = Person("1990-03-03", "619100003", "", middle="ALBERTO")
    people = {1: fernando, 2: alberto}.__getitem__
    givers = {"619100003": [2]}
    assert tin_given_by_others([Answered(1, "619100003", True)], givers, people) == {1: [2]}
    # the date of birth on file is both twins': it tells nothing
    assert tin_given_by_others([Answered(1, "619100003", True, on_file=frozenset({"dob"}))],
                               givers, people) == {1: [2]}
    assert tin_given_by_others([Answered(1, "619100003", True,
                                         on_file=frozenset({"middle"}))], givers, people) == {}
    assert not record_tells_apart(frozenset({"middle"}), fernando,
                                  Person("", "619100003", "", middle="F"))

"""The disclosure threshold where no other candidate is consistent with the request.

A given-name slip with the street one slip off (DEBOUAH BROWN at 3565 GRATN LN for DEBORAH
BROWN of 3565 GRANT LN) weighs 0.98-0.9989 when alone: each slip alone discloses, the two
together went to review (benchmarks/noise.py --pairs, session 17). With no rival, the
posterior's remainder is only the chance that the person is none of the candidates, and
MatchModel.disclose_threshold_alone applies; a rival keeps the full threshold.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from dgate.decide.policy import decide
from dgate.match.compare import Candidate, CandidateAddress, Query, Scored, assess
from dgate.match.model import MatchModel
from dgate.model import DisclosedAddress, Disposition
from dgate.normalize.address import normalize_address
from dgate.normalize.names import normalize_name

HOME = ("3565 GRANT LN", "", "ORLANDO", "FL", "32837")
QUERY = Query(seq=1, name=normalize_name("DEBOUAH", "", "BROWN"),
              address=normalize_address("3565 GRATN LN", "", "ORLANDO", "FL", "32837"),
              dob=None, tin="")


def _candidate(tin: str, first: str, last: str, street: str) -> Candidate:
    _, unit, city, state, zip5 = HOME
    addr = CandidateAddress(1, normalize_address(street, unit, city, state, zip5), "RETURN",
                            date(2025, 4, 15))
    return Candidate(tin=tin, name=normalize_name(first, "", last), dob=None, dod=None,
                     addresses=(addr,), last_known=DisclosedAddress(
                         street, unit, city, state, zip5, "RETURN", date(2025, 4, 15)))


def _scored(model: MatchModel, cand: Candidate, first: int, last: int, address: int,
            house: str) -> Scored:
    levels = {"first": first, "last": last, "middle": -1, "suffix": 1, "address": address,
              "dob": -1}
    return assess(QUERY, cand, levels, 1, model, {}, {}, best_house=house)


def _decide(model: MatchModel, *rivals: bool):
    deborah = _scored(model, _candidate("900000001", "DEBORAH", "BROWN", "3565 GRANT LN"),
                      2, 5, 3, "3565")
    scored = [deborah]
    if rivals:
        # a DEBRA BRAWN at 3566 GRANT LN: consistent (no DOB or TIN contradicts her), ten
        # bits below, so not within the ambiguity margin
        scored.append(_scored(model, _candidate("900000002", "DEBRA", "BRAWN",
                                                "3566 GRANT LN"), 2, 2, 2, "3566"))
    return deborah, decide(QUERY, "R1", scored, model)


def test_alone_a_name_slip_and_a_street_slip_disclose() -> None:
    model = MatchModel()
    best, d = _decide(model)
    assert best.name_strong and best.address_strong
    assert model.disclose_threshold_alone <= d.match_probability < model.disclose_threshold
    assert d.disposition == Disposition.DISCLOSE and d.match_tin == "900000001"
    # the parameter is what decides: set to the full threshold, the request goes to review
    strict = dataclasses.replace(model, disclose_threshold_alone=model.disclose_threshold)
    assert _decide(strict)[1].disposition == Disposition.REVIEW


def test_a_consistent_rival_keeps_the_full_threshold() -> None:
    model = MatchModel()
    _, d = _decide(model, True)
    assert model.disclose_threshold_alone <= d.match_probability < model.disclose_threshold
    assert d.disposition == Disposition.REVIEW, d.reason_codes
    assert d.reason_codes == ("M_REVIEW",)

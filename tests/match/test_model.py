"""The match model's weights: term-frequency adjustment keeps the levels in order."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from dgate.match.model import MatchModel

NAME_FIELDS = ("first", "last")


@given(comp=st.sampled_from(NAME_FIELDS),
       tf=st.floats(min_value=0.0, max_value=1.0, allow_nan=False))
def test_an_exact_name_outweighs_every_weaker_agreement_however_common(comp: str,
                                                                      tf: float) -> None:
    # benchmarks/scale.py (session 9): JOSE HERNANDEZ exact, lowered for a common name,
    # weighed 11.4 bits against 12.3 for a nickname with a surname subset, so the partial
    # name ranked first at an address both lived at.
    model = MatchModel()
    exact = model.weight(comp, 5, tf)
    for level in model.levels[comp]:
        if level != 5:
            assert exact > model.weight(comp, level), (comp, level, tf)


def test_the_adjustment_still_lowers_a_common_name_and_lifts_a_rare_one() -> None:
    model = MatchModel()
    m, u = model.levels["last"][5]
    plain = math.log2(m / u)
    assert model.weight("last", 5, u * 100) < plain   # common: lowered (to the floor)
    assert model.weight("last", 5, u / 100) == plain + model.tf_max_up   # rare: lifted


def test_a_saved_model_without_the_field_replays_as_it_was_saved() -> None:
    # Decisions record the model's hash; an artefact saved before tf_keeps_order existed
    # must weigh as it did then.
    old = MatchModel().to_json()
    del old["tf_keeps_order"]
    replayed = MatchModel.from_json(old)
    assert replayed.tf_keeps_order is False
    m, u = replayed.levels["last"][5]
    assert replayed.weight("last", 5, u * 100) == math.log2(m / u) - replayed.tf_max_down
    assert MatchModel.from_json(MatchModel().to_json()) == MatchModel()


def test_a_saved_model_without_the_lone_threshold_discloses_as_it_did() -> None:
    # disclose_threshold_alone (session 17) lowered the bar where no other candidate is
    # consistent; an artefact saved before it must keep the single threshold it decided by.
    old = MatchModel(disclose_threshold=0.9995).to_json()
    del old["disclose_threshold_alone"]
    replayed = MatchModel.from_json(old)
    assert replayed.disclose_threshold_alone == 0.9995
    assert MatchModel().disclose_threshold_alone < MatchModel().disclose_threshold

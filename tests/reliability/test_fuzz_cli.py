"""A bounded hypothesis run of hostile packages through `dgate batch submit` (a few
seconds); `python benchmarks/fuzz.py --minutes N` runs the same oracle for longer."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from tests.e2e.handmade import setup_home
from tests.reliability import fuzzkit

_ids = itertools.count(1)
VERDICTS: dict[str, int] = {}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("fuzz")
    home, key = setup_home(tmp)
    return home, key, tmp


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(ops=fuzzkit.ops_strategy())
def test_hostile_package_is_refused_whole_or_decided_right(env, ops) -> None:
    home, key, tmp = env
    n = next(_ids)
    work = tmp / f"ex-{n}"
    work.mkdir()
    batch = f"FZ-{n:06d}"
    target, touched = fuzzkit.build(ops, work, key, batch)
    verdict = fuzzkit.check(home, target, batch, touched)
    VERDICTS[verdict] = VERDICTS.get(verdict, 0) + 1


def test_the_fuzz_run_saw_both_verdicts() -> None:
    """A generator that only ever produced refusals (or only clean packages) would test
    half of the contract."""
    if not VERDICTS:
        pytest.skip("runs after the fuzz test in the same session")
    assert VERDICTS.get("accepted", 0) >= 5 and VERDICTS.get("refused", 0) >= 5, VERDICTS

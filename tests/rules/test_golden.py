"""Every batch and record code: one input that triggers it, one near miss that does not."""

from __future__ import annotations

import pytest

from .factory import context, missing_peers, records

if missing_peers():
    pytest.skip(f"peer modules not written yet: {missing_peers()}", allow_module_level=True)

from dgate.rules.record import check_records  # noqa: E402

from .golden import BATCH_GOLDEN, RECORD_GOLDEN  # noqa: E402


@pytest.mark.parametrize("code", sorted(BATCH_GOLDEN))
def test_batch_code_triggers(code: str) -> None:
    case = BATCH_GOLDEN[code][0]
    assert code in case.build().run(), case.note


@pytest.mark.parametrize("code", sorted(BATCH_GOLDEN))
def test_batch_near_miss_passes(code: str) -> None:
    case = BATCH_GOLDEN[code][1]
    assert case.build().run() == case.expect, case.note


@pytest.mark.parametrize("code", sorted(RECORD_GOLDEN))
def test_record_code_triggers(code: str) -> None:
    case = RECORD_GOLDEN[code][0]
    result = check_records(records(list(case.rows)), context(**case.ctx))
    assert code in result[case.index], case.note


@pytest.mark.parametrize("code", sorted(RECORD_GOLDEN))
def test_record_near_miss_passes(code: str) -> None:
    case = RECORD_GOLDEN[code][1]
    result = check_records(records(list(case.rows)), context(**case.ctx))
    inspected = case.index % len(result)
    assert result[inspected] == case.expect, case.note
    assert all(not codes for i, codes in enumerate(result) if i != inspected), case.note

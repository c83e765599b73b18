"""The ledger's bytes made the fast way must be the bytes made the plain way: `jsontext.fast`
against `JSONEncoder.encode` (the text of every sealed value, row digest and event), and a
batch's decision events put together from their parts (`batchwrite._EventBytes`) against
`ledger.canonical` of the event dicts `_events` makes, under one clock. A difference here
is a ledger the existing verifier could still verify but whose events say something else,
or a sealed value or row digest that no longer matches the one written before."""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dgate import jsontext
from dgate.errors import UsageError
from dgate.ledger import store as ledger
from dgate.model import Disposition
from dgate.service import batchwrite
from dgate.service.home import utc_clock, utc_now
from dgate.vault.keys import json_bytes

ENCODERS = {
    "canonical": json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True),
    "sealed": json.JSONEncoder(ensure_ascii=False, sort_keys=True),
    "plain": json.JSONEncoder(),
}

# Text the hard way: quotes, backslashes, control characters, '%' (the event template is a
# %-format), non-ASCII, astral and lone surrogate code points.
TEXT = st.text(st.characters(codec=None), max_size=12) | st.sampled_from(
    ["", "%", "%s", "%%", '"', "\\", "\u2028", "\x00", "é", "\U0001f600", "\ud800", "a:b,c"])
SCALARS = (st.none() | st.booleans() | st.integers() | TEXT
           | st.floats(allow_nan=True, allow_infinity=True))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(TEXT, inner, max_size=4), max_leaves=12)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_fast_text_is_the_encoders_text(value: Any) -> None:
    for encoder in ENCODERS.values():
        assert jsontext.fast(encoder)(value) == encoder.encode(value)


def test_fast_text_fails_as_the_encoder_fails() -> None:
    circular: list[Any] = []
    circular.append(circular)
    strict = json.JSONEncoder(allow_nan=False, sort_keys=True)
    for encoder, bad in ((ENCODERS["canonical"], circular), (ENCODERS["canonical"], {1j}),
                         (ENCODERS["sealed"], {"b": b"bytes"}), (strict, [math.nan]),
                         (ENCODERS["canonical"], {1: "a", "b": 2})):
        with pytest.raises(Exception) as want:
            encoder.encode(bad)
        with pytest.raises(type(want.value), match=re.escape(str(want.value))):
            jsontext.fast(encoder)(bad)
    assert jsontext.fast(ENCODERS["canonical"])("é") == '"\\u00e9"'
    assert json_bytes({"b": "é", "a": 1.5}) == '{"a": 1.5, "b": "é"}'.encode()
    with pytest.raises(UnicodeEncodeError):
        json_bytes("\ud800")  # as json.dumps(...).encode() fails
    with pytest.raises(UsageError):
        ledger.canonical({"x": circular})


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(TEXT, VALUES, max_size=6), st.lists(VALUES, min_size=19, max_size=19))
def test_canonical_bytes_and_row_digests_are_what_json_dumps_gives(
        event: dict[str, Any], row: list[Any]) -> None:
    """Held to json.dumps itself, not to the encoder the ledger now calls."""
    try:
        want = json.dumps(event, sort_keys=True, separators=(",", ":"),
                          ensure_ascii=True).encode()
    except (TypeError, ValueError):
        with pytest.raises(UsageError):
            ledger.canonical(event)
        return
    assert ledger.canonical(event) == want
    key = bytes(range(32))
    text = json.dumps({"row": row, "table": "decisions"}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=True)
    assert ledger.row_digester(key, "decisions")(row) == hmac.new(
        key, text.encode(), hashlib.sha256).hexdigest()


def _clock(stamps: list[str]) -> Callable[[], str]:
    it: Iterator[str] = iter(stamps)
    return lambda: next(it)


ROW = st.tuples(
    TEXT, st.integers(0, 10**6), TEXT, TEXT,
    st.sampled_from([d.value for d in Disposition]) | TEXT,
    st.sampled_from(["", "M_MATCH", "R_REASON;R_STATUTE", ";", "a;%;é"]) | TEXT,
    st.sampled_from(["", "123456789"]) | TEXT,
    st.none() | st.floats(0, 1),
    st.none() | st.integers(0, 500) | st.booleans() | st.floats(0, 9),
)
BASE = st.fixed_dictionaries(
    {"type": st.just("decision"), "at": TEXT, "object": TEXT, "outcome": TEXT,
     "actor": TEXT, "role": TEXT, "channel": TEXT, "host": TEXT, "ruleset": TEXT,
     "model": TEXT},
    optional={"master": TEXT, "candidates": SCALARS, "digests": TEXT, "zz%": VALUES,
              "": SCALARS, "tin ": TEXT, "Searched": SCALARS, "codes": TEXT})


@settings(max_examples=500, deadline=None)
@given(BASE, st.lists(ROW, min_size=1, max_size=5), TEXT, st.lists(TEXT, min_size=2,
                                                                      max_size=2))
def test_decision_event_bytes_are_the_canonical_bytes_of_the_events(
        base: dict[str, Any], rows: list[tuple[Any, ...]], master: str,
        digested: list[str]) -> None:
    full = [(*r, "1 MAIN", "", "X", "IL", "60404", "RETURN", "2026-01-01", "{}") for r in rows]
    digests = [{"decisions": digested[0], "accounting": digested[1] + str(i)}
               for i in range(len(full))]
    stamps = [f"2026-12-06T01:02:03.{i:06d}Z" for i in range(len(full))]
    commit = ledger.committer(b"k" * 32)
    event = batchwrite._EventBytes(base, commit, master, clock=_clock(stamps))
    try:
        want = [ledger.canonical(e) for e in batchwrite._events(
            base, commit, master, full, digests, clock=_clock(stamps))]
    except UnicodeEncodeError:  # a lone surrogate in a TIN cannot be committed to
        with pytest.raises(UnicodeEncodeError):
            [event(r, d) for r, d in zip(full, digests, strict=True)]
        return
    assert [event(r, d) for r, d in zip(full, digests, strict=True)] == want


def test_decision_event_bytes_of_a_searched_and_a_rejected_record() -> None:
    base = {"type": "decision", "at": "", "object": "", "outcome": "", "actor": "clerk",
            "role": "intake", "channel": "cli", "host": "h", "ruleset": "r", "model": "m"}
    rows = [("B", 1, "B:1", "R1", "DISCLOSE", "M_MATCH", "123456789", 0.9, 12),
            ("B", 2, "B:2", "R2", "REJECTED", "R_REASON;R_STATUTE", "", None, None)]
    event = batchwrite._EventBytes(base, lambda v: f"c({v})", "M-1",
                                   clock=_clock(["T1", "T2"]))
    got = [json.loads(event(r, {"decisions": "d", "accounting": "a"})) for r in rows]
    assert got[0] == {**base, "at": "T1", "object": "B:1", "outcome": "DISCLOSE",
                      "searched": True, "master": "M-1", "candidates": 12,
                      "codes": ["M_MATCH"], "tin": "c(123456789)",
                      "digests": {"decisions": "d", "accounting": "a"}}
    assert got[1]["searched"] is False and "master" not in got[1]
    assert got[1]["codes"] == ["R_REASON", "R_STATUTE"] and got[1]["tin"] == ""


def test_the_batch_clock_reads_the_time_as_utc_now_writes_it() -> None:
    clock = utc_clock()
    stamps = []
    for _ in range(2000):
        before, stamp, after = utc_now(), clock(), utc_now()
        assert before <= stamp <= after
        stamps.append(stamp)
    assert stamps == sorted(stamps)
    for stamp in stamps[::97]:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", stamp)
        parsed = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        assert parsed.tzinfo is not None and parsed.utcoffset() == UTC.utcoffset(None)

"""The ledger's bytes made the fast way must be the bytes made the plain way: `jsontext.fast`
against `JSONEncoder.encode` (the text of every sealed value, row digest and event). A
difference here is a sealed value, row digest or event that no longer matches the one
written before."""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dgate import jsontext
from dgate.errors import UsageError
from dgate.ledger import store as ledger
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

"""JSON text of many values through one encoder, without its per-call set-up.

`json.JSONEncoder.encode` builds a new C encoder (and a closure, and a dict of markers for
the circular check) on every call: at a million small values (the ledger events, row
digests and sealed fields of one batch) that set-up costs more than the encoding. `fast`
builds that same C encoder once and calls it, so the text is the one `encode` gives, made
by the same C code with the same settings; only the circular-reference check is left out
of the fast path, and any value the fast path cannot encode (a circular or unencodable
one) goes through `encode` itself, so the error raised is the one `encode` raises.
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable
from typing import Any


def fast(encoder: json.JSONEncoder) -> Callable[[Any], str]:
    """`encoder.encode`, the same text, for a caller encoding many values. Falls back to
    `encoder.encode` itself where Python has no C encoder or `encoder` indents (the case
    in which `encode` does not use the C encoder either)."""
    make = getattr(json.encoder, "c_make_encoder", None)  # the C one, or None
    if make is None or encoder.indent is not None:
        return encoder.encode
    strings = json.encoder.encode_basestring_ascii if encoder.ensure_ascii \
        else json.encoder.encode_basestring
    try:
        # The arguments JSONEncoder.iterencode passes, but no markers (no circular check).
        once = make(None, encoder.default, strings, encoder.indent, encoder.key_separator,
                    encoder.item_separator, encoder.sort_keys, encoder.skipkeys,
                    encoder.allow_nan)
    except TypeError:  # another Python's C encoder, made otherwise
        return encoder.encode
    join = "".join
    slow = encoder.encode

    def encode(value: Any) -> str:
        try:
            return join(once(value, 0))
        except (RecursionError, TypeError, ValueError):
            return slow(value)  # the error (or text) encode itself gives

    return encode

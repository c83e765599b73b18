"""JSON parsing that refuses what standard JSON leaves ambiguous.

A repeated key is ambiguous (parsers disagree about which value wins, so a signer and a
reader could see different manifests), and NaN/Infinity are not JSON at all. Neither is a
number too large for a float (`1e999`): Python would read it as infinity, which no other
party to the batch would.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

# Tokens of valid JSON text that can carry a number: strings are matched only to be skipped
# (a digit inside a string is not a number), group 1 is a number or a non-standard constant.
_TOKENS = re.compile(
    r'"(?:[^"\\]|\\.)*"|(-?(?:NaN|Infinity|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?))'
)


class JsonProblem(ValueError):
    """Why a text is not acceptable JSON, with where, when known. The description never
    contains the text itself."""

    def __init__(self, description: str, line: int | None = None, column: int | None = None):
        super().__init__(description)
        self.description = description
        self.line = line
        self.column = column


class _RepeatedKey(ValueError):
    pass


class _NonStandardNumber(ValueError):
    pass


def strict_loads(text: str) -> Any:
    """Parse JSON text, raising JsonProblem for anything unacceptable."""
    try:
        return json.loads(
            text,
            object_pairs_hook=_pairs_once,
            parse_constant=_no_constant,
            parse_float=_finite_float,
        )
    except json.JSONDecodeError as exc:
        # exc.msg is the parser's fixed wording ("Expecting value"), never the input.
        raise JsonProblem(f"not valid JSON ({exc.msg})", exc.lineno, exc.colno) from None
    except _RepeatedKey:
        raise JsonProblem("a key appears more than once in one object") from None
    except _NonStandardNumber as exc:
        line, column = _non_finite_place(text)
        raise JsonProblem(str(exc), line, column) from None
    except RecursionError:
        raise JsonProblem("JSON nested too deeply") from None
    except ValueError:
        # Python refuses to convert an integer of more than 4300 digits (int_max_str_digits)
        # with a bare ValueError, whose message would quote the digits.
        raise JsonProblem("a number has too many digits") from None


def _pairs_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _RepeatedKey
        result[key] = value
    return result


def _no_constant(_: str) -> Any:
    raise _NonStandardNumber("NaN or Infinity is not standard JSON")


def _finite_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise _NonStandardNumber("a number is too large to be represented (not finite)")
    return value


def _non_finite_place(text: str) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the first non-finite number or constant in `text`.

    Called only after the parser refused one, so the text up to it is valid JSON and the
    tokenizer below (strings skipped, numbers matched) reads it the way the parser did.
    The parser reads left to right, so the first such token is the one it refused."""
    for match in _TOKENS.finditer(text):
        token = match.group(1)
        if token is None:
            continue
        if token.lstrip("-") in ("NaN", "Infinity") or not math.isfinite(float(token)):
            offset = match.start(1)
            line = text.count("\n", 0, offset) + 1
            return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
    return None, None

"""JSON parsing that refuses what standard JSON leaves ambiguous.

A repeated key is ambiguous (parsers disagree about which value wins, so a signer and a
reader could see different manifests), and NaN/Infinity are not JSON at all.
"""

from __future__ import annotations

import json
from typing import Any


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
        return json.loads(text, object_pairs_hook=_pairs_once, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        # exc.msg is the parser's fixed wording ("Expecting value"), never the input.
        raise JsonProblem(f"not valid JSON ({exc.msg})", exc.lineno, exc.colno) from None
    except _RepeatedKey:
        raise JsonProblem("a key appears more than once in one object") from None
    except _NonStandardNumber:
        raise JsonProblem("NaN or Infinity is not standard JSON") from None
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
    raise _NonStandardNumber

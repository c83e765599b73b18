"""The pieces of `compare_names` / `compare_addresses` that depend on two short values only.

Set-based matching (match/vector.py) computes comparison levels in SQL over whole tables of
pairs. The structure of each level is simple enough for SQL; a few relations between two
words are not (nickname tables, cross-language equivalents, the phonetic key, the typo
rules, compound surnames). Those are computed here, by the very functions `compare_names`
uses, once per DISTINCT pair of values, and joined back. Nothing here changes a level:
each helper is the exact sub-computation of names.py / address.py it names.
"""

from __future__ import annotations

from functools import lru_cache

from dgate.model import NormName
from dgate.normalize.address import _name_key, _numeric_key
from dgate.normalize.names import (
    _GIVEN_CONNECTORS,
    _JOINED_PARTICLES,
    _JOINED_REST,
    SURNAME_PARTICLES,
    _given_relation,
    _last_level,
    _middle_tokens,
    _significant,
    _typo,
    same_first_name,
    second_given_name,
)
from dgate.normalize.nicknames import same_canonical
from dgate.normalize.phonetic import phonetic_key

__all__ = [
    "GIVEN_CONNECTORS",
    "JOINED_PARTICLES",
    "JOINED_REST",
    "SURNAME_PARTICLES",
    "given_relation",
    "last_level",
    "middle_relation",
    "middle_tokens",
    "second_given",
    "street_key",
    "street_numeric_key",
    "same_canonical",
    "same_first_name",
]

GIVEN_CONNECTORS: frozenset[str] = _GIVEN_CONNECTORS
# names._joined_particle's vocabulary, for the SQL that sends such surname pairs to `rel`
JOINED_PARTICLES: frozenset[str] = _JOINED_PARTICLES
JOINED_REST: int = _JOINED_REST


def given_relation(x: str, y: str) -> int:
    """How two full given-name words relate (names._first_level's `relation`): 4 the same
    name through a nickname, 2 a variant (translation, sound-alike, typo), 0 different."""
    return _given_relation(x, y) if x <= y else _given_relation(y, x)


def middle_relation(x: str, y: str) -> int:
    """The last steps of names._middle_level for two first middle words of more than one
    letter whose sequences do not lead one another: 2 the same name through a nickname,
    1 a spelling variant, 0 different."""
    if same_canonical(x, y):
        return 2
    if phonetic_key(x) == phonetic_key(y) or _typo(x, y, True):
        return 1
    return 0


def middle_tokens(middle: str) -> tuple[str, ...]:
    """The significant words of a middle-name field (connectors dropped)."""
    return _middle_tokens(middle)


def second_given(first_tokens: tuple[str, ...], middle: str) -> str:
    """The name a person may go by instead of the first given name (names._goes_by_second):
    the next given name, else the first middle word; "" when there is none or it is an
    initial."""
    return second_given_name(first_tokens, middle)


def surname_tokens(last: str) -> tuple[str, ...]:
    """`NormName.last_tokens` of a normalized surname `NormName.last`."""
    return _significant(last.split(), SURNAME_PARTICLES)


@lru_cache(maxsize=1 << 17)
def last_level(q_last: str, c_last: str) -> int:
    """names._last_level of two normalized surnames (`NormName.last`)."""
    return _last_level(_surname_only(q_last), _surname_only(c_last))


def _surname_only(last: str) -> NormName:
    return NormName(first="", first_tokens=(), first_canon=(), middle="", last=last,
                    last_tokens=surname_tokens(last), suffix="", first_phon="",
                    last_phon=())


def street_key(street_name: str) -> str:
    """The street name with suffix words standardized, as address._street_level keys it."""
    return _name_key(street_name)


def street_numeric_key(street_name: str) -> str:
    """The street key with numeric ordinals read as numbers ("1ST" = "1")."""
    return _numeric_key(_name_key(street_name))

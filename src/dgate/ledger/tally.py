"""An order-free comparison of two large multisets of keyed items in bounded memory.

`ledger verify` holds every accountable row of the case store against what the ledger's
events say it must be: a million decisions and a million accounting rows per batch, met in
no common order (the ledger in append order, a table in whatever order the engine streams
it). Each item (its group, key and content) is hashed and added to its group's sum with the
sign of its side (+1 what the events say, -1 what the table holds), counts alongside; a group
whose sum and count come back to zero holds the same items on both sides. Only the groups
(a batch's rows in blocks of BLOCK sequence numbers) are kept in memory, never the items;
a second pass over one differing group finds the row to name.

The item hash is keyed with a secret drawn for this one check: sums of hashes are only safe
against an adversary who cannot compute them (with a known hash, many chosen rows can be
made to cancel a change), and whoever alters the case store does not know the key of a check
not yet run.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Hashable
from typing import Generic, TypeVar

BLOCK = 4096
"""Sequence numbers per group: the most items a second pass holds in memory per side."""

_MOD = 1 << 128

G = TypeVar("G", bound=Hashable)


class Tally(Generic[G]):
    """Signed sums of keyed item hashes per group (of type G)."""

    __slots__ = ("_hash", "_sums")

    def __init__(self) -> None:
        self._hash = hashlib.blake2b(key=secrets.token_bytes(32), digest_size=16)
        self._sums: dict[G, list[int]] = {}

    def add(self, group: G, key: str, content: tuple[object, ...], sign: int) -> None:
        """Count one item (+1 expected, -1 found) in `group`. `content` holds plain values
        (str, int, float, bool, None, tuples of them), whose repr is stable."""
        h = self._hash.copy()  # the keyed state, made once
        h.update(repr((key, *content)).encode("utf-8", "surrogateescape"))
        value = int.from_bytes(h.digest(), "big")
        acc = self._sums.get(group)
        if acc is None:
            self._sums[group] = [(sign * value) % _MOD, sign]
        else:
            acc[0] = (acc[0] + sign * value) % _MOD
            acc[1] += sign

    def differing(self) -> list[G]:
        """The groups whose two sides differ, in the order they were first met."""
        return [g for g, (total, count) in self._sums.items() if total or count]


def block(seq: int | None) -> int:
    """The group block of a sequence number (None: block 0)."""
    return 0 if seq is None else seq // BLOCK

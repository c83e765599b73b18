"""ledger.tally: two multisets of keyed items compared by signed sums per group."""

from __future__ import annotations

import random

from dgate.ledger.tally import BLOCK, Tally, block


def _tally(expected: list[tuple[str, tuple[object, ...]]],
           found: list[tuple[str, tuple[object, ...]]]) -> list[str]:
    t: Tally[str] = Tally()
    for key, content in expected:
        t.add("g" + key[0], key, content, 1)
    for key, content in found:
        t.add("g" + key[0], key, content, -1)
    return t.differing()


ITEMS = [(f"{c}{i}", ("DISCLOSE" if i % 7 else "REJECTED", i, None)) for c in "ab"
         for i in range(500)]


def test_the_same_items_in_any_order_agree() -> None:
    shuffled = ITEMS[:]
    random.Random(5).shuffle(shuffled)
    assert _tally(ITEMS, shuffled) == []


def test_a_changed_missing_added_or_repeated_item_marks_its_group_only() -> None:
    changed = [(k, ("REJECTED", *c[1:])) if k == "a3" else (k, c) for k, c in ITEMS]
    assert _tally(ITEMS, changed) == ["ga"]
    assert _tally(ITEMS, [i for i in ITEMS if i[0] != "b9"]) == ["gb"]
    assert _tally(ITEMS, ITEMS + [("a999", ("DISCLOSE", 1, None))]) == ["ga"]
    # a repeated row (its hash added twice) does not cancel out
    assert _tally(ITEMS, ITEMS + [ITEMS[0]]) == ["ga"]
    # two rows swapping their contents are two changed items
    swapped = [("a1", ITEMS[2][1]), ("a2", ITEMS[1][1])] + ITEMS[3:] + ITEMS[:1]
    assert _tally(ITEMS, swapped) == ["ga"]


def test_values_that_print_alike_still_differ() -> None:
    assert _tally([("a", (None,))], [("a", ("None",))]) == ["ga"]
    assert _tally([("a", (1,))], [("a", ("1",))]) == ["ga"]
    assert _tally([("a", ("x", "y"))], [("a", ("x, y",))]) == ["ga"]


def test_each_check_draws_its_own_key() -> None:
    one, two = Tally[str](), Tally[str]()
    one.add("g", "k", ("v",), 1)
    two.add("g", "k", ("v",), 1)
    assert one._sums["g"] != two._sums["g"]  # nobody can precompute a cancelling change


def test_blocks() -> None:
    assert block(None) == 0 and block(0) == 0 and block(BLOCK - 1) == 0 and block(BLOCK) == 1

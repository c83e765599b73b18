"""The ledger events `batch submit` records per decision: built from one shared base for
speed, they must say exactly what one `Home.event` call per record said."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

from dgate.ledger import store as ledger
from dgate.model import Disposition
from dgate.service.batchwrite import decision_events
from dgate.service.home import Actor, Home, init_home

# Rows as the spill holds them (batchwrite.decision_row): batch, seq, key, request id,
# disposition, codes, tin, probability, candidates, address..., explanation.
ROWS: list[tuple[Any, ...]] = [
    ("B", 1, "B:1", "R1", "DISCLOSE", "M_MATCH", "123456789", 0.99, 12,
     "1 MAIN", "", "X", "IL", "60404", "RETURN", "2026-01-01", "{}"),
    ("B", 2, "B:2", "R2", "REJECTED", "R_REASON;R_STATUTE", "", None, None,
     "", "", "", "", "", "", "", "{}"),
    ("B", 3, "B:3", "R3", "NOT_DISCLOSED", "M_NO_MATCH", "", 0.1, 0,
     "", "", "", "", "", "", "", "{}"),
    ("B", 4, "B:4", "R4", "REVIEW", "", "", 0.5, None, "", "", "", "", "", "", "", "{}"),
]


def _one_call_per_record(home: Home, actor: Actor, master: str,
                         r: tuple[Any, ...]) -> dict[str, Any]:
    """What submit recorded before: Home.event with the decision's details as extras."""
    inspected = r[4] != Disposition.REJECTED.value
    extra: dict[str, Any] = {"searched": inspected}
    if inspected:
        extra.update(master=master, candidates=r[8] or 0)
    return home.event(actor, "decision", r[2], r[4], codes=r[5].split(";") if r[5] else [],
                      tin=home.commit(r[6]) if r[6] else "", **extra)


def test_decision_events_say_what_one_event_call_per_record_said(tmp_path: Path) -> None:
    init_home(tmp_path / "h")
    with Home(tmp_path / "h") as home:
        actor = Actor("clerk", "intake")
        got = decision_events(home, actor, "M-1", ROWS)
        want = [_one_call_per_record(home, actor, "M-1", r) for r in ROWS]
    assert len(got) == len(want)
    stamps = [e["at"] for e in got]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", s) for s in stamps)
    assert stamps == sorted(stamps)
    for g, w in zip(got, want, strict=True):
        assert {**g, "at": ""} == {**w, "at": ""}
        # Key order may differ; the ledger's canonical bytes sort keys.
        assert ledger.canonical({**g, "at": ""}) == ledger.canonical({**w, "at": ""})
    assert got[0]["tin"] not in ("", "123456789") and got[1]["searched"] is False
    assert "master" not in got[1] and got[2]["candidates"] == 0 and got[3]["codes"] == []


def test_events_name_the_model_in_force_even_after_it_is_replaced(tmp_path: Path) -> None:
    init_home(tmp_path / "h")
    with Home(tmp_path / "h") as home:
        first = home.event(None, "x", "o", "ok")["model"]
        assert first == home.model.content_hash()
        home.model = replace(home.model, prior=home.model.prior / 2)
        second = home.event(None, "x", "o", "ok")["model"]
        assert second == home.model.content_hash() != first


def test_events_handed_over_in_canonical_bytes_are_stored_as_the_events_would_be(
        tmp_path: Path) -> None:
    events = [{"type": "decision", "n": i, "name": "é", "codes": ["M_MATCH"]} for i in range(5)]
    roots = []
    for form in ("events", "bytes", "mixed"):
        db = sqlite3.connect(tmp_path / f"{form}.db")
        for statement in ledger.LEDGER_SCHEMA:
            db.execute(statement)
        given: list[Any] = events if form == "events" else \
            [ledger.canonical(e) for e in events] if form == "bytes" else \
            [ledger.canonical(e) if i % 2 else e for i, e in enumerate(events)]
        assert ledger.append_many(db, given) == (0, 5)
        assert [d for _i, d in ledger.entries(db)] == [ledger.canonical(e) for e in events]
        roots.append(ledger.root(db))
        db.close()
    assert roots[0] == roots[1] == roots[2]

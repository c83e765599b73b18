"""`batch submit` computes the blind index of each decision's matched TIN once: the look
for earlier answers (submit._asked_before) and the decisions row (decisions.tin_index)
share it. What is stored is the vault's index of the TIN, as before; the look is made
again only at batches committed meanwhile."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.e2e.handmade import AS_OF, CASES, dgate, setup_home, write_package

from dgate.service import submit
from dgate.service.home import Home
from dgate.vault import fields as sealed
from dgate.vault.keys import Vault


def test_each_matched_tins_blind_index_is_computed_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, key = setup_home(tmp_path)
    # a batch before: the second one's answered TINs are looked up among its answers
    first = write_package(tmp_path / "pkg1", key, [c[0] for c in CASES], batch_id="ICE-1")
    assert dgate(home, "batch", "submit", str(first), "--as-of", AS_OF,
                 user="clerk").code == 0
    computed: list[str] = []
    real = Vault.indexer

    def counting(self: Vault, kind: str) -> Callable[[str], str]:
        index = real(self, kind)
        if kind != "tin":
            return index

        def of(value: str) -> str:
            computed.append(value)
            return index(value)
        return of

    monkeypatch.setattr(Vault, "indexer", counting)
    rows = [dict(c[0], request_id=f"S{c[0]['request_id']}") for c in CASES]
    second = write_package(tmp_path / "pkg2", key, rows, batch_id="ICE-2")
    r = dgate(home, "batch", "submit", str(second), "--as-of", AS_OF, user="clerk")
    assert r.code == 0, r.err
    batch = r.last_line
    monkeypatch.setattr(Vault, "indexer", real)
    with Home(home) as h:
        stored = [(row["seq"], row["tin_index"],
                   sealed.open_decision(h.vault, batch, row["seq"], row["sealed"])["match_tin"])
                  for row in h.conn.execute("SELECT seq, tin_index, sealed FROM decisions "
                                            "WHERE batch_id = ? ORDER BY seq", (batch,))]
        assert all(index == (h.vault.index("tin", tin) if tin else "")
                   for _seq, index, tin in stored)
    tins = Counter(tin for _seq, _index, tin in stored if tin)
    assert {"401223344", "402334466", "904781234"} <= set(tins)  # answered DISCLOSE
    assert Counter(computed) == tins, "a matched TIN's blind index computed more than once"


def test_the_second_look_is_at_other_batches_only(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The look again inside the write transaction (red team r22) is at the batches
    committed meanwhile, not at the batch being written (its own row is there, no
    decision yet): with none committed meanwhile, the answered TINs are looked up once.
    (tests/e2e/test_redteam_r22_pairs.py holds that one committed meanwhile is seen.)"""
    home, key = setup_home(tmp_path)
    looked: list[object] = []
    real = submit.answered_with

    def logged(*args: Any, **kwargs: Any) -> Any:
        looked.append(kwargs.get("batches"))
        return real(*args, **kwargs)

    monkeypatch.setattr(submit, "answered_with", logged)
    pkg = write_package(tmp_path / "pkg", key, [c[0] for c in CASES], batch_id="ICE-1")
    r = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert r.code == 0, r.err
    assert looked == [None]

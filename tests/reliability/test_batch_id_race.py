"""Two different packages asking for the same batch id at the same instant: the batch id
is chosen before matching (outside the write transaction), so both may pick it. The one
that commits second must not fail (it used to re-raise the primary-key violation: a 500 on
the API, a traceback on the CLI); it takes the id made unique by its own hash."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, CASES, setup_home, write_package

from dgate.service import audit
from dgate.service import submit as submit_mod
from dgate.service.home import Home


def test_second_package_with_a_taken_batch_id_gets_its_own(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    home_dir, key = setup_home(tmp_path)
    rows_a = [CASES[0][0]]
    rows_b = [dict(CASES[2][0], request_id="R-OTHER")]
    pkg_a = write_package(tmp_path / "a", key, rows_a, batch_id="ICE-2026-000777")
    pkg_b = write_package(tmp_path / "b", key, rows_b, batch_id="ICE-2026-000777")
    day = date.fromisoformat(AS_OF)
    real = submit_mod._new_batch_id
    calls: list[str] = []

    def raced(home: Home, m: dict[str, object], sha: str) -> str:
        # The first choice is made as if package A had not committed yet.
        calls.append(sha)
        return "ICE-2026-000777" if len(calls) == 1 else real(home, m, sha)

    with Home(home_dir) as h:
        first = submit_mod.submit(h, "clerk", pkg_a, day)
        assert first.batch_id == "ICE-2026-000777"
        monkeypatch.setattr(submit_mod, "_new_batch_id", raced)
        second = submit_mod.submit(h, "clerk", pkg_b, day)
        assert second.batch_id.startswith("ICE-2026-000777-") and not second.existing
        assert len(calls) == 2                      # chose again after losing the race
        stored = {r[0]: r[1] for r in h.conn.execute(
            "SELECT batch_id, record_count FROM batches")}
        assert stored == {"ICE-2026-000777": 1, second.batch_id: 1}
        keys = [r[0] for r in h.conn.execute(
            "SELECT request_key FROM decisions ORDER BY request_key")]
        assert keys == sorted(["ICE-2026-000777:1", f"{second.batch_id}:1"])
        assert audit.ledger_verify(h, "admin").ok

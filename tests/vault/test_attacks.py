"""Separation of duties, attacked through the CLI: each refusal exits 4 with one line and
is itself recorded in the ledger."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, dgate, write_package
from tests.vault.people import REQUESTS, setup


@pytest.fixture()
def batch(tmp_path: Path) -> tuple[Path, str, Path]:
    home, key = setup(tmp_path)
    pkg = write_package(tmp_path / "pkg", key, REQUESTS)  # type: ignore[arg-type]
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    return home, sub.last_line, tmp_path


def _events(home: Path) -> list[dict[str, object]]:
    with sqlite3.connect(home / "case.sqlite") as conn:
        return [json.loads(bytes(e)) for (e,) in conn.execute(
            "SELECT entry FROM ledger_entries ORDER BY idx")]


def _refused(home: Path, args: tuple[str, ...], user: str) -> dict[str, object]:
    """Run a command that must be refused; return the ledger event that records it."""
    before = len(_events(home))
    r = dgate(home, *args, user=user)
    assert r.code == 4, (args, user, r.code, r.err)
    assert len(r.err.strip().splitlines()) == 1 and r.err.startswith("dgate: ")
    new = _events(home)[before:]
    assert len(new) == 1, new
    assert new[0]["actor"] == user
    return new[0]


def test_a_reviewer_cannot_approve(batch) -> None:  # noqa: ANN001
    home, b, _tmp = batch
    ev = _refused(home, ("batch", "approve", b), "rev")
    assert ev["type"] == "access_refused" and ev["object"] == "batch approve"


def test_an_admin_cannot_release_approve_or_review(batch) -> None:  # noqa: ANN001
    home, b, tmp = batch
    ev = _refused(home, ("batch", "release", b, "--out", str(tmp / "r.csv")), "admin")
    assert ev["type"] == "access_refused" and ev["role"] == "admin"
    assert not (tmp / "r.csv").exists()
    assert _refused(home, ("batch", "approve", b), "admin")["type"] == "access_refused"
    assert _refused(home, ("review", "decide", f"{b}:2", "--disclose"), "admin")[
        "type"] == "access_refused"


def test_the_same_officer_cannot_approve_twice(batch) -> None:  # noqa: ANN001
    home, b, tmp = batch
    assert dgate(home, "batch", "approve", b, user="off1").code == 0
    ev = _refused(home, ("batch", "approve", b), "off1")
    assert ev["type"] == "approval_refused" and "already approved" in str(ev["why"])
    with sqlite3.connect(home / "case.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM approvals").fetchone()[0] == 1
    # One approval, twice over, is still one: release is refused.
    for line in dgate(home, "review", "list", b, user="rev").out.splitlines()[1:]:
        assert dgate(home, "review", "decide", line.split()[0], "--disclose",
                     user="rev").code == 0
    ev = _refused(home, ("batch", "release", b, "--out", str(tmp / "r.csv")), "off1")
    assert ev["type"] == "release_refused"


def test_a_decided_review_item_cannot_be_decided_again(batch) -> None:  # noqa: ANN001
    home, b, _tmp = batch
    items = dgate(home, "review", "list", b, user="rev").out.splitlines()[1:]
    assert items, "the package has a review item"
    key = items[0].split()[0]
    assert dgate(home, "review", "decide", key, "--no-disclose", user="rev").code == 0
    ev = _refused(home, ("review", "decide", key, "--disclose"), "rev")
    assert ev["type"] == "review_refused" and ev["object"] == key


def test_an_officer_who_reviewed_cannot_approve(batch, tmp_path: Path) -> None:  # noqa: ANN001
    home, b, _tmp = batch
    # A reviewer promoted to officer keeps the record of the items they decided.
    items = dgate(home, "review", "list", b, user="rev").out.splitlines()[1:]
    assert dgate(home, "review", "decide", items[0].split()[0], "--disclose",
                 user="rev").code == 0
    with sqlite3.connect(home / "case.sqlite") as conn:
        conn.execute("UPDATE users SET role = 'disclosure_officer' WHERE user_id = 'rev'")
    ev = _refused(home, ("batch", "approve", b), "rev")
    assert ev["type"] == "approval_refused" and "review" in str(ev["why"])


def test_a_non_admin_cannot_manage_keys_or_retention(batch) -> None:  # noqa: ANN001
    home, _b, _tmp = batch
    for args in (("keys", "rotate"), ("retention", "run")):
        for user in ("off1", "aud", "rev", "clerk"):
            assert _refused(home, args, user)["type"] == "access_refused"

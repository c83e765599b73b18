"""`accounting export` writes the accounting as it reads it, never holding it whole (issue 9).

The accounting keeps every row of every batch: a request row per record and a disclosure
row per address released, 2.5M rows for one batch of 1.28M records. The export built the
whole file in memory first: 551 MB peak for the 190K rows of the 1M x 100K batch (CSV), 1.5
GB as JSON (7.8 KB a row: a 1.28M batch's accounting, about 19 GB, would not have fit the
machine). Now it writes pieces to the temporary file as rows are read (145 MB either way),
and the bytes are those the whole-file export wrote (compared here with its formula).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.e2e.handmade import approved_batch, dgate

from dgate import csvout
from dgate.csvout import render
from dgate.service import audit


@pytest.mark.parametrize("name", ["a.csv", "a.json"])
def test_the_export_is_written_while_read_and_is_the_whole_file_export(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    home, batch = approved_batch(tmp_path)
    assert dgate(home, "batch", "release", batch, "--out", str(tmp_path / "r.csv"),
                 user="off1").code == 0
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(csvout, "PIECE_ROWS", 2, raising=False)
    monkeypatch.setattr(audit, "JSON_PIECE_ITEMS", 2, raising=False)
    read: list[tuple[object, ...]] = []
    written_before: list[int] = []
    row_of = audit._accounting_row

    def reading(h: Any, r: object) -> tuple[object, ...]:
        # bytes already in the temporary file beside the target when this row is read
        written_before.append(sum(p.stat().st_size for p in out.glob(f".{name}.*.tmp")))
        read.append(row_of(h, r))
        return read[-1]

    monkeypatch.setattr(audit, "_accounting_row", reading)
    r = dgate(home, "accounting", "export", "--out", str(out / name), user="aud")
    assert r.code == 0, r.err
    assert len(read) >= 6 and r.out.startswith(f"{len(read)} accounting rows")
    # the first rows were on disk before the last were read
    assert written_before[-1] > 0
    if name.endswith(".json"):
        expected = json.dumps([dict(zip(audit.ACCOUNTING_COLUMNS, row, strict=True))
                               for row in read], indent=1, ensure_ascii=False).encode("utf-8")
    else:
        expected = render(audit.ACCOUNTING_COLUMNS, read)
    assert (out / name).read_bytes() == expected
    assert [p.name for p in out.iterdir()] == [name]


def test_the_pieces_are_the_whole_dump() -> None:
    from dgate.csvout import render_pieces

    items: list[dict[str, object]] = [
        {"a": 1, "b": "line\nbreak \u00e9 \u2028", "c": None},
        {"a": "=1+2", "b": "", "c": [1, {"d": "x\r\ny"}]},
        {"a": "-17", "b": "cr\ronly", "c": {}}]
    for n in range(len(items) + 1):
        for size in (1, 2, 5):
            audit.JSON_PIECE_ITEMS, saved = size, audit.JSON_PIECE_ITEMS
            try:
                got = b"".join(audit._json_pieces(iter(items[:n])))
            finally:
                audit.JSON_PIECE_ITEMS = saved
            assert got == json.dumps(items[:n], indent=1, ensure_ascii=False).encode("utf-8")
            rows = [tuple(str(v) for v in it.values()) for it in items[:n]]
            assert b"".join(render_pieces(("a", "b", "c"), iter(rows), size)) == render(
                ("a", "b", "c"), rows)


def test_the_decision_report_is_written_while_read(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The same for `batch decisions` (one row per record of the batch: 237 MB peak for the
    100K batch held whole, 131 MB written as read)."""
    from dgate.service import release

    home, batch = approved_batch(tmp_path)
    r = dgate(home, "batch", "decisions", batch, "--out", str(tmp_path / "whole.csv"),
              user="aud")
    assert r.code == 0, r.err
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(csvout, "PIECE_ROWS", 2, raising=False)
    written_before: list[int] = []
    effective = release._effective

    def reading(row: Any) -> str:
        written_before.append(sum(p.stat().st_size for p in out.glob(".d.csv.*.tmp")))
        return effective(row)

    monkeypatch.setattr(release, "_effective", reading)
    r = dgate(home, "batch", "decisions", batch, "--out", str(out / "d.csv"), user="aud")
    assert r.code == 0, r.err
    assert len(written_before) >= 6 and written_before[-1] > 0
    assert (out / "d.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert [p.name for p in out.iterdir()] == ["d.csv"]

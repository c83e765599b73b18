"""The decision spill of `batch submit`: each chunk's decision rows, encoded as Arrow IPC
(not pickle, not JSON) and sealed under a key only the submitting process holds, come
back exactly as they went in, merged in seq order."""

from __future__ import annotations

import tempfile
from typing import Any

import pyarrow as pa
import pytest

from dgate.service.submit import _decode_rows, _encode_rows, _read_spill, _SealedSpill

BATCH = "ICE-2026-T1"


def _row(seq: int, disposition: str = "DISCLOSE", probability: float | None = 0.1 + 0.2,
         count: int | None = 3, street: str = "742 EVERGREEN TER") -> tuple[Any, ...]:
    return (BATCH, seq, f"{BATCH}:{seq}", f"R-{seq:05d}", disposition,
            "" if disposition != "REJECTED" else "R_CASE;R_TIN",
            "123456789" if disposition == "DISCLOSE" else "", probability, count,
            street, "APT 4B", "SPRINGFIELD", "OR", "97403", "FORM_8822", "2024-02-29",
            '{"gate": "Ünïcödé – ½", "why": ["a", 1.5]}')


def test_rows_come_back_as_they_went_in_types_included() -> None:
    rows = [_row(1), _row(2, "REJECTED", None, None, ""), _row(3, "REVIEW", 1e-300, 0),
            _row(4, "NOT_DISCLOSED", -0.0, 12), _row(5, probability=0.9999999999999999),
            _row(6, probability=1.0)]
    back = _decode_rows(_encode_rows(rows))
    assert back == rows
    # repr tells 1 from 1.0, -0.0 from 0.0, None from "": every value as it was
    assert [repr(r) for r in back] == [repr(r) for r in rows]
    assert all(type(r) is tuple and len(r) == 17 for r in back)
    assert _decode_rows(_encode_rows([])) == []


def test_a_value_of_another_type_fails_instead_of_coming_back_changed() -> None:
    row = list(_row(1))
    row[8] = "3"  # candidate_count as text
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        _encode_rows([tuple(row)])
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError)):
        _encode_rows([_row(1)[:16]])


def test_the_spill_merges_each_chunk_by_seq_and_holds_nothing_readable() -> None:
    chunks = [
        ([_row(2, "REJECTED", None, None), _row(5, "REJECTED", None, None)],
         [_row(1), _row(3), _row(4), _row(6)]),
        ([], [_row(7), _row(8)]),                                   # nothing rejected
        ([_row(9, "REJECTED", None, None)], []),                     # nothing matched
        ([], []),
    ]
    with tempfile.TemporaryFile() as fh:
        spill = _SealedSpill(fh)
        for rejected, matched in chunks:
            spill.write(_encode_rows(rejected))
            spill.write(_encode_rows(matched))
        fh.seek(0)
        raw = fh.read()
        back = list(_read_spill(spill))
    assert [[r[1] for r in rows] for rows in back] == [[1, 2, 3, 4, 5, 6], [7, 8], [9], []]
    assert back[0] == sorted([*chunks[0][0], *chunks[0][1]], key=lambda r: r[1])
    for clear in (b"EVERGREEN", b"123456789", b"SPRINGFIELD", b"R-00001", "EVERGREEN".encode(
            "utf-16-le")):
        assert clear not in raw

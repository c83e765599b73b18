"""Builders for synthetic batch packages written by hand into tmp_path."""

from __future__ import annotations

import base64
import csv
import io
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dgate.model import RECORD_COLUMNS

SIGNATURE = bytes(range(64))  # stands in for an Ed25519 signature; intake does not verify


def manifest_for(records_name: str = "records.csv", **overrides: Any) -> dict[str, Any]:
    manifest: dict[str, Any] = {
        "batch_id": "TEST-2026-000001",
        "requesting_agency": "TST",
        "signed_by": {"official_id": "TST-01", "name": "Test Official", "title": "Director"},
        "signed_at": "2026-11-20",
        "statutory_authority": ["8 U.S.C. 1253(a)(1)"],
        "reason": "synthetic test batch",
        "certifications": {},
        "records_file": records_name,
        "records_sha256": "0" * 64,
        "record_count": 1,
    }
    manifest.update(overrides)
    return manifest


def sample_row(**overrides: str) -> dict[str, str]:
    row = {
        "request_id": "R1",
        "first_name": "Ana",
        "middle_name": "",
        "last_name": "Example",
        "name_suffix": "",
        "date_of_birth": "1980-01-02",
        "tin": "",
        "a_number": "",
        "street": "1 Test St",
        "unit": "",
        "city": "Testville",
        "state": "MA",
        "zip": "02134",
        "address": "",
        "taxable_periods": "2023;2024",
        "statute": "",
        "reason": "synthetic reason",
        "final_order_date": "2025-01-01",
        "case_number": "C-1",
        "case_agent_id": "AG-1",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: Sequence[dict[str, str]], columns: Sequence[str] = RECORD_COLUMNS) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue().encode("utf-8")


def write_package(
    folder: Path,
    records: bytes,
    records_name: str = "records.csv",
    manifest: dict[str, Any] | bytes | None = None,
    signature: bytes | None = base64.b64encode(SIGNATURE),
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if manifest is None:
        manifest = manifest_for(records_name)
    raw = manifest if isinstance(manifest, bytes) else json.dumps(manifest).encode("utf-8")
    (folder / "batch.json").write_bytes(raw)
    if signature is not None:
        (folder / "batch.json.sig").write_bytes(signature)
    (folder / records_name).write_bytes(records)
    return folder


def zip_folder(folder: Path, target: Path, *, nested: bool) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in sorted(folder.iterdir()):
            arcname = f"{folder.name}/{item.name}" if nested else item.name
            archive.write(item, arcname)
    return target

"""Zip bombs do not blow up memory: `dgate batch submit` on 50 MB bombs, in a fresh
interpreter whose peak RSS (resource.getrusage) is read before and after."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.e2e.handmade import RECORD_HEADER, dgate, new_key
from tests.reliability.packages import package

BOMB_BYTES = 50 << 20
# Generous: the refused bombs need almost nothing; reading one into memory would need 50 MB
# for the bytes alone and several times that to parse it.
MAX_GROWTH_KIB = 40 << 10

PROBE = """
import json, resource, sys
from dgate.cli import main
import dgate.service.submit, dgate.intake.records, openpyxl  # loaded before the baseline
results = []
for target in sys.argv[2:]:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    code = 0
    try:
        main(["batch", "submit", target, "--as-of", "2026-11-25", "--home", sys.argv[1]])
    except SystemExit as exc:
        code = int(exc.code or 0)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results.append({"code": code, "growth_kib": after - before})
print(json.dumps(results))
"""


def _csv_bomb() -> bytes:
    row = "R1,Ann,,Example,,,,,1 Main St,,Austin,TX,78701,,2024,,r,2026-01-01,C1,A1\r\n"
    head = (",".join(RECORD_HEADER) + "\r\n").encode()
    return head + row.encode() * (BOMB_BYTES // len(row))


def _lie_about_size(path: Path, declared: int) -> None:
    """Rewrite every entry's uncompressed size in the local and central headers, as a
    hand-made bomb does to slip under size checks that trust the directory."""
    data = bytearray(path.read_bytes())
    at = 0
    while (at := data.find(b"PK\x03\x04", at)) >= 0:
        struct.pack_into("<I", data, at + 22, declared)
        at += 4
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        struct.pack_into("<I", data, at + 24, declared)
        at += 4
    path.write_bytes(bytes(data))


def test_zip_bombs_are_refused_in_bounded_memory(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert dgate(home, "init").code == 0
    key, _ = new_key(tmp_path / "keys")
    manifest = (package(tmp_path / "p", key, b"x", count=1, batch_id="BOMB") / "batch.json")
    bomb = _csv_bomb()
    # 1. records.csv of 50 MB in a package zip (ratio about 300:1).
    csv_zip = tmp_path / "csv-bomb.zip"
    with zipfile.ZipFile(csv_zip, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("batch.json", manifest.read_bytes())
        zf.writestr("records.csv", bomb)
    # 2. The same, its headers lying that the entry is 1000 bytes.
    liar = tmp_path / "liar.zip"
    liar.write_bytes(csv_zip.read_bytes())
    _lie_about_size(liar, 1000)
    # 3. An XLSX whose worksheet inflates to 50 MB, inside a plain package folder.
    xlsx = tmp_path / "x"
    with zipfile.ZipFile(tmp_path / "book.xlsx", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * BOMB_BYTES)
    package(xlsx, key, (tmp_path / "book.xlsx").read_bytes(), count=1, batch_id="BOMB-X",
            records_name="records.xlsx")
    proc = subprocess.run([sys.executable, "-c", PROBE, str(home), str(csv_zip), str(liar),
                           str(xlsx)], capture_output=True, text=True, timeout=300)
    results = json.loads(proc.stdout.strip().splitlines()[-1])
    messages = proc.stderr.strip().splitlines()
    assert [r["code"] for r in results] == [3, 3, 3], (results, messages)
    assert len(messages) == 3 and "Traceback" not in proc.stderr
    assert "zip bomb" in messages[0] and "zip bomb" in messages[2], messages
    assert "cannot be read" in messages[1] or "not a readable" in messages[1], messages
    for r in results:
        assert r["growth_kib"] < MAX_GROWTH_KIB, results

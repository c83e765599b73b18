"""Structured fuzzing of `dgate batch submit`: a list of mutations turns the valid CASES
package into a hostile one (re-encoded, bytes spliced in, truncated, fields replaced by
tricky text, headers repeated, columns multiplied, other formats, zips with evil entries),
the real CLI submits it, and the oracle checks the verdict.

Hypothesis draws the mutations in tests/reliability/test_fuzz_cli.py (bounded) and in
benchmarks/fuzz.py (long); atheris, when installed, draws them from its coverage-guided
byte stream in benchmarks/fuzz.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import warnings
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from tests.e2e.handmade import RECORD_HEADER, TAXPAYERS
from tests.reliability.packages import (
    EXPECTED,
    assert_accepted,
    assert_refused,
    package,
    rows,
    snapshot,
    submit,
)

Op = tuple[Any, ...]
MASTER_TINS = frozenset(t[0] for t in TAXPAYERS)

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252")
FORMATS = ("csv", "jsonl", "xlsx")
CONTAINERS = ("folder", "zip", "zip-nested")
TRICKY = ('"', ",", "\n", "\r\n", "\r", "\x00", "\ufeff", "=", "+", "-", "@", "\t", "é",
          "\u2028", "'", ";", "{", "}", "\\", " ", "=HYPERLINK(\"http://x.test\",\"y\")",
          "García, \"Pepe\"\nLópez", "x" * 5000)
ZIP_NAMES = ("../x.csv", "/abs.csv", "..\\x.csv", "C:/x.csv", "a/../../x.csv", "ok/extra.txt",
             "records.csv", "batch.json", "__MACOSX/._batch.json", "\u00e9t\u00e9.csv", "a\x00b")


def op_strategy() -> st.SearchStrategy[Op]:
    text = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=8)),
                    max_size=6).map("".join)
    return st.one_of(
        st.tuples(st.just("encode"), st.sampled_from(ENCODINGS)),
        st.tuples(st.just("field"), st.integers(0, 9), st.sampled_from(RECORD_HEADER), text),
        st.tuples(st.just("splice"), st.floats(0, 1), st.binary(min_size=1, max_size=16)),
        st.tuples(st.just("truncate"), st.floats(0, 1)),
        st.tuples(st.just("dup_header"), st.sampled_from(RECORD_HEADER)),
        st.tuples(st.just("columns"), st.sampled_from((1, 50, 250, 5000))),
        st.tuples(st.just("format"), st.sampled_from(FORMATS)),
        st.tuples(st.just("container"), st.sampled_from(CONTAINERS)),
        st.tuples(st.just("zip_entry"), st.sampled_from(ZIP_NAMES), st.binary(max_size=32)),
    )


def ops_strategy() -> st.SearchStrategy[list[Op]]:
    return st.lists(op_strategy(), min_size=1, max_size=4)


def ops_from_bytes(data: bytes) -> list[Op]:
    """The same mutations decoded from atheris's byte stream (FuzzedDataProvider)."""
    import atheris  # type: ignore[import-not-found]

    fdp = atheris.FuzzedDataProvider(data)
    ops: list[Op] = []
    for _ in range(fdp.ConsumeIntInRange(1, 4)):
        kind = fdp.ConsumeIntInRange(0, 8)
        pick: Callable[[Sequence[Any]], Any] = lambda seq: seq[  # noqa: E731
            fdp.ConsumeIntInRange(0, len(seq) - 1)]
        if kind == 0:
            ops.append(("encode", pick(ENCODINGS)))
        elif kind == 1:
            ops.append(("field", fdp.ConsumeIntInRange(0, 9), pick(RECORD_HEADER),
                        pick(TRICKY) + fdp.ConsumeUnicodeNoSurrogates(8)))
        elif kind == 2:
            ops.append(("splice", fdp.ConsumeProbability(), fdp.ConsumeBytes(16) or b"\xff"))
        elif kind == 3:
            ops.append(("truncate", fdp.ConsumeProbability()))
        elif kind == 4:
            ops.append(("dup_header", pick(RECORD_HEADER)))
        elif kind == 5:
            ops.append(("columns", pick((1, 50, 250, 5000))))
        elif kind == 6:
            ops.append(("format", pick(FORMATS)))
        elif kind == 7:
            ops.append(("container", pick(CONTAINERS)))
        else:
            ops.append(("zip_entry", pick(ZIP_NAMES), fdp.ConsumeBytes(32)))
    return ops


# --- building the package ------------------------------------------------------------------


def _records_bytes(records: list[dict[str, str]], header: list[str], fmt: str,
                   encoding: str) -> bytes:
    if fmt == "jsonl":
        lines = [json.dumps({h: r.get(h, "") for h in header}, ensure_ascii=False)
                 for r in records]
        return ("\n".join(lines) + "\n").encode(encoding, "replace")
    if fmt == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(header)
        for r in records:
            # openpyxl refuses control characters in cells; drop them (a writer would)
            ws.append(["".join(ch for ch in r.get(h, "") if ch >= " " or ch in "\t\n")
                       for h in header])
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for r in records:
        w.writerow([r.get(h, "") for h in header])
    return buf.getvalue().encode(encoding, "surrogatepass" if encoding.startswith("utf")
                                 else "replace")


def build(ops: list[Op], work: Path, key: Any, batch: str) -> tuple[Path, frozenset[int]]:
    """The package the mutations describe; returns it and the record indexes whose content
    a field mutation changed (those may decide differently; the others may not)."""
    records = rows(agent=batch)
    header = list(RECORD_HEADER)
    fmt, encoding, container = "csv", "utf-8", "folder"
    touched: set[int] = set()
    byte_ops: list[Op] = []
    entries: list[tuple[str, bytes]] = []
    for op in ops:
        if op[0] == "encode":
            encoding = op[1]
        elif op[0] == "field":
            records[op[1]][op[2]] = op[3]
            touched.add(op[1])
        elif op[0] == "dup_header":
            header.append(op[1])
        elif op[0] == "columns":
            header += [f"extra_{i}" for i in range(op[1])]
        elif op[0] == "format":
            fmt = op[1]
        elif op[0] == "container":
            container = op[1]
        elif op[0] == "zip_entry":
            entries.append((op[1], op[2]))
        else:
            byte_ops.append(op)
    data = _records_bytes(records, header, fmt, encoding)
    for op in byte_ops:
        at = int(op[1] * len(data))
        data = data[:at] + op[2] + data[at:] if op[0] == "splice" else data[:at]
    if byte_ops:  # spliced or cut bytes may land in any record
        touched = set(range(len(records)))
    pkg = package(work / "pkg", key, data, count=len(records), batch_id=batch,
                  records_name=f"records.{fmt}")
    if container == "folder" and not entries:
        return pkg, frozenset(touched)
    target = work / f"{batch}.zip"
    prefix = f"{batch}/" if container == "zip-nested" else ""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a repeated entry name is one of the attacks
        for f in sorted(pkg.iterdir()):
            zf.writestr(prefix + f.name, f.read_bytes())
        for name, payload in entries:
            with contextlib.suppress(ValueError):  # zipfile refuses to write some names
                zf.writestr(prefix + name if not name.startswith(("/", ".", "C:")) else name,
                            payload)
    return target, frozenset(touched)


# --- the oracle ----------------------------------------------------------------------------


def check(home: Path, target: Path, batch: str, touched: frozenset[int]) -> str:
    """Refused whole, or accepted whole; a disclosure only ever for an untouched record that
    the law allows, of the taxpayer it belongs to. Returns 'refused' or 'accepted'."""
    before = snapshot(home)
    r = submit(home, target)
    if r.code != 0:
        assert_refused(home, before, r)
        return "refused"
    from dgate.service.home import Home
    from dgate.service.release import details

    # The matched TIN is sealed in the case store: open it through the home's vault.
    with Home(home) as h:
        (count,) = h.conn.execute("SELECT record_count FROM batches WHERE batch_id = ?",
                                  (r.last_line,)).fetchone()
        got = [(d["seq"], d["request_id"], d["disposition"], details(h, d)["match_tin"])
               for d in h.conn.execute("SELECT * FROM decisions WHERE batch_id = ?",
                                       (r.last_line,))]
    assert_accepted(home, before, r, int(count))
    order = list(EXPECTED)
    for seq, rid, disposition, tin in got:
        index = seq - 1
        if index < len(order) and index not in touched and rid == order[index]:
            # An untouched request decides as the law requires, hostile neighbours or not.
            want = EXPECTED[rid]
            assert (disposition == "DISCLOSE") == (want[0] == "DISCLOSE"), (rid, disposition)
            if disposition == "DISCLOSE":
                assert tin == want[2], rid
        elif disposition == "DISCLOSE":
            # A mangled request may only ever be matched to a real taxpayer of the master.
            assert tin in MASTER_TINS, rid
    return "accepted"

"""Red team r16 (session 29): one written request submitted twice.

cli.md: "A repeated `batch submit` of the same package (same manifest bytes) returns the
existing batch id and changes nothing." The same request signed again, its manifest
written out again with other blanks or its keys in another order (what any JSON tool does
on a round trip), is the same manifest to every reader but not the same bytes. Every
person and address here is invented."""

from __future__ import annotations

import base64
import csv
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import AS_OF, CASES, dgate, setup_home, state, write_package

ROWS = [CASES[0][0], CASES[2][0]]  # two requests that are disclosed (R1, R3)


Env = tuple[Path, Ed25519PrivateKey, Path]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Env:
    """One home for the file (its setup is most of its time)."""
    tmp = tmp_path_factory.mktemp("same_request")
    home, key = setup_home(tmp)
    return home, key, tmp


def _resigned(tmp: Path, key, name: str, rewrite) -> Path:  # type: ignore[no-untyped-def]
    """The package of ROWS, its manifest rewritten by `rewrite` (parsed manifest -> bytes)
    and signed again by the same official."""
    pkg = write_package(tmp / name, key, ROWS)
    raw = rewrite(json.loads((pkg / "batch.json").read_bytes()))
    (pkg / "batch.json").write_bytes(raw)
    (pkg / "batch.json.sig").write_bytes(base64.b64encode(key.sign(raw)))
    return pkg


def test_the_same_request_signed_again_is_not_answered_twice(env: Env) -> None:
    """The batch ICE-2026-000123, with the same records, signed again after its manifest
    was written out compactly or with its keys sorted, was taken as a new batch
    (ICE-2026-000123-<hash>): decided again, released again, and the two people disclosed
    and accounted twice for one written request (and the case agent's records counted
    twice toward the caseload cap). It is the same package: the existing batch comes back
    and nothing changes."""
    home, key, tmp_path = env
    before = state(home)
    first = dgate(home, "batch", "submit", str(write_package(tmp_path / "pkg", key, ROWS)),
                  "--as-of", AS_OF, user="clerk")
    assert first.code == 0 and first.last_line == "ICE-2026-000123"
    for name, rewrite in (
            ("compact", lambda m: json.dumps(m, separators=(",", ":")).encode("utf-8")),
            ("sorted", lambda m: json.dumps(m, sort_keys=True, indent=4).encode("utf-8"))):
        again = dgate(home, "batch", "submit", str(_resigned(tmp_path, key, name, rewrite)),
                      "--as-of", AS_OF, user="clerk")
        assert again.code == 0, again.err
        assert again.last_line == "ICE-2026-000123", (name, again.out)
        assert "already submitted" in again.err, (name, again.err)
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", first.last_line, user=officer).code == 0
    assert dgate(home, "batch", "release", first.last_line, "--out",
                 str(tmp_path / "resp.csv"), user="off1").code == 0
    # one release, two disclosures, two disclosure events
    assert tuple(a - b for a, b in zip(state(home), before, strict=True)) == (1, 2, 2)


def test_a_changed_request_under_the_same_batch_id_is_still_decided(env: Env) -> None:
    """Controls. A package under the same batch id whose manifest says something else (a
    record corrected, so another records hash) is a new request, decided as its own batch
    (tests/reliability/test_batch_id_race.py); so is the same manifest signed again after
    the first was rejected as a whole (here: signed by a key not registered, B_SIGNATURE)."""
    home, key, tmp_path = env
    first = dgate(home, "batch", "submit", str(write_package(
        tmp_path / "pkg2", key, ROWS, batch_id="ICE-2026-000130")), "--as-of", AS_OF,
        user="clerk")
    assert first.code == 0 and first.last_line == "ICE-2026-000130"
    changed = write_package(tmp_path / "changed", key, [ROWS[0], dict(ROWS[1], unit="2")],
                            batch_id="ICE-2026-000130")
    second = dgate(home, "batch", "submit", str(changed), "--as-of", AS_OF, user="clerk")
    assert second.code == 0 and second.last_line not in ("", first.last_line), second.out

    stranger = Ed25519PrivateKey.generate()
    rows = [dict(r, request_id=f"{r['request_id']}-B") for r in ROWS]
    bad = write_package(tmp_path / "bad", stranger, rows, batch_id="ICE-2026-000131")
    rejected = dgate(home, "batch", "submit", str(bad), "--as-of", AS_OF, user="clerk")
    assert rejected.code == 0 and rejected.last_line == "ICE-2026-000131"
    raw = json.dumps(json.loads((bad / "batch.json").read_bytes()), sort_keys=True
                     ).encode("utf-8")
    (bad / "batch.json").write_bytes(raw)
    (bad / "batch.json.sig").write_bytes(base64.b64encode(key.sign(raw)))
    fixed = dgate(home, "batch", "submit", str(bad), "--as-of", AS_OF, user="clerk")
    assert fixed.code == 0 and fixed.last_line.startswith("ICE-2026-000131-"), fixed.out


def test_request_ids_a_spreadsheet_reads_as_one_number_repeat_each_other(env: Env) -> None:
    """decisions.md R_REQUEST_ID: "repeated (every occurrence after the first)". Request ids
    compare without case "so that a requester whose tools ignore case can never confuse two
    people's answers" (rules/record.py); 000123 and 123, two people's ids, were two ids,
    while the response file opened in a spreadsheet (as a requester's office does) shows
    both as the number 123: one row DISCLOSED with an address, the other not, and nothing
    to tell which person each answers. The second is R_REQUEST_ID, as REQ-1 after req-1
    is. Ids that are not all digits keep their zeros (REQ-01 and REQ-1 are two ids)."""
    home, key, tmp_path = env
    rows = [dict(CASES[0][0], request_id="000123"), dict(CASES[2][0], request_id="123"),
            dict(CASES[8][0], request_id="REQ-01"), dict(CASES[3][0], request_id="REQ-1")]
    pkg = write_package(tmp_path / "ids", key, rows, batch_id="ICE-2026-000140")
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    out = tmp_path / "ids.csv"
    assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(out),
                 user="aud").code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        got = {r["request_id"]: (r["disposition"], r["reason_codes"])
               for r in csv.DictReader(fh)}
    assert got["000123"] == ("DISCLOSE", "M_MATCH"), got
    assert got["123"] == ("REJECTED", "R_REQUEST_ID"), got
    assert got["REQ-01"][0] == "DISCLOSE" and got["REQ-1"][0] == "NOT_DISCLOSED", got

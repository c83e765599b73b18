"""Red team r33: what the reviewer is told of a person's other record that records a death.

Red team r11 (store.master's lka.later_elsewhere): an ITIN's record whose name and date of
birth another record bears, that record's history beginning where the ITIN's ends at
another place, is the same person under an SSN given since as often as not; a match on the
ITIN goes to review (`last_known_other_tin`). Red team r32 noted the case where that other
record carries a date of death. Then, were the two one person, the person is dead
(decisions.md: M_DECEASED, nothing disclosed), and asked at the SSN's address the request
is M_DECEASED; asked at the ITIN's, it went to review with the one reason
`last_known_other_tin`, the review page saying the SSN's address would be the last known
one, and nothing of the death. A reviewer who judged the records one person and confirmed
released a dead person's old address.

Now the review item carries `other_tin_deceased` (`review list`'s reasons, the review
page's note and its "not disclosed automatically because"), a code and a sentence with no
taxpayer's value in it; and a release after a master reload in which that other record
gained a date of death is refused, as it is for any other change of the last known address
the reviewer did not judge.

Every person and TIN here is invented; each case is driven through the real CLI
(`tests/e2e/handmade.py`)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.e2e.handmade import decide, dgate, home_with, load_rows, state

from dgate.service.home import Home
from dgate.service.release import details
from dgate.web import notes

_DEN = ("Denver", "CO", "80205")
_DENVER = dict(city="DENVER", state="CO", zip="80205")
_ITIN, _SSN = "941733019", "841433019"
TAXPAYERS = [
    ("941733019", "ITIN", "Isidoro", "", "Valcastro", "", "1988-08-08", ""),
    ("841433019", "SSN", "Isidoro", "", "Valcastro", "", "1988-08-08", "2026-03-01"),
]
ALIVE = [TAXPAYERS[0], (*TAXPAYERS[1][:7], "")]
ROWS = [
    ("941733019", "18 Old Rd", "", *_DEN, "RETURN", "2021", "2022-04-01"),
    ("841433019", "80 Ash St", "", "Aurora", "CO", "80012", "RETURN", "2024", "2025-04-01"),
]
ISIDORO = dict(_DENVER, first_name="ISIDORO", last_name="VALCASTRO", street="18 OLD RD")


def _queue(home: Path) -> dict[str, list[str]]:
    """`review list`: request id -> its reasons."""
    lines = dgate(home, "review", "list", user="rev").out.splitlines()[1:]
    return {line.split()[2]: line.split()[-1].split(";") for line in lines}


def test_the_reviewer_is_told_that_the_other_record_records_a_death(tmp_path: Path) -> None:
    """ISIDORO VALCASTRO asked at 18 OLD RD, his ITIN's address; his SSN's record (the same
    name and date of birth, filing since at 80 ASH ST) carries a date of death. The item
    goes to review (which record is the person, a person decides) and says so:
    `other_tin_deceased` beside `last_known_other_tin`, in words on the review page.
    Controls: asked at the SSN's address, M_DECEASED; the same records without the date of
    death, `last_known_other_tin` alone."""
    home, key = home_with(tmp_path, TAXPAYERS, ROWS)
    got = decide(home, key, tmp_path, [
        dict(ISIDORO, request_id="V1"),
        dict(ISIDORO, request_id="V2", street="80 ASH ST", city="AURORA", zip="80012")],
        "ICE-2026-330301")
    seen = {rid: (r["disposition"], r["reason_codes"], r["match_tin"]) for rid, r in got.items()}
    assert seen == {"V1": ("REVIEW", "M_REVIEW", _ITIN),
                    "V2": ("NOT_DISCLOSED", "M_DECEASED", "")}, seen
    reasons = _queue(home)
    assert reasons == {"V1": ["last_known_other_tin", "other_tin_deceased"]}, reasons
    # the review page (web/notes.py) reads the sealed explanation: a note, and the reason
    # in words (not the code shown raw); neither names a value of the other record
    with Home(home) as h:
        row = h.conn.execute("SELECT * FROM decisions WHERE request_id = 'V1'").fetchone()
        explanation = json.loads(details(h, row)["explanation"])
    said = {n.code: n.text for n in notes.derive(explanation)}
    assert "other_tin_deceased" in said and "date of death" in said["other_tin_deceased"]
    words = notes.held_back(explanation)
    assert len(words) == 2 and "date of death" in words[1], words
    assert not any(v in " ".join([*said.values(), *words])
                   for v in (_SSN, "2026-03-01", "80 ASH", "AURORA")), (said, words)

    alive, alive_key = home_with(tmp_path / "alive", ALIVE, ROWS)
    decide(alive, alive_key, tmp_path / "alive", [dict(ISIDORO, request_id="A1")],
           "ICE-2026-330302")
    assert _queue(alive) == {"A1": ["last_known_other_tin"]}


def test_a_death_recorded_on_the_other_record_after_review_stops_the_release(
        tmp_path: Path) -> None:
    """The reviewer confirmed ISIDORO VALCASTRO's item when his SSN's record recorded no
    death, and both officers approved; the master was then loaded again, that record now
    carrying a date of death. The release went out (the item had been judged with
    `last_known_other_tin`, and the death was not looked at): it must refuse, as for any
    change of the last known address nobody judged (exit 4, nothing disclosed)."""
    home, key = home_with(tmp_path, ALIVE, ROWS)
    got = decide(home, key, tmp_path, [dict(ISIDORO, request_id="R1")], "ICE-2026-330401")
    assert got["R1"]["disposition"] == "REVIEW", got
    item = dgate(home, "review", "list", user="rev").out.splitlines()[1].split()[0]
    assert dgate(home, "review", "decide", item, "--disclose", user="rev").code == 0
    batch = "ICE-2026-330401"
    for officer in ("off1", "off2"):
        r = dgate(home, "batch", "approve", batch, user=officer)
        assert r.code == 0, r.err
    code, err = load_rows(home, tmp_path, "died", TAXPAYERS, ROWS)
    assert code == 0, err
    out = tmp_path / "response.csv"
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 4, (r.code, r.err, out.read_text() if out.exists() else "")
    assert not out.exists() and state(home) == (0, 0, 0)
    with sqlite3.connect(home / "case.sqlite") as conn:
        status = conn.execute("SELECT status FROM batches WHERE batch_id = ?",
                              (batch,)).fetchone()[0]
    assert status != "released", status

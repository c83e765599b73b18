"""Red team r10, intake: odd and hostile text in a records file.

- A control character (C0 but tab, line feed and carriage return; DEL; C1) is no text a
  person types: an ESC in a request id reached `dgate review list` and wrote terminal
  escape sequences to the reviewer's screen, and one inside a name split the word as a
  space would. The records file is refused whole, as for a NUL, naming the line and the
  column and never the value.
- A column's name is read as request-format.md names it whatever invisible or look-alike
  characters it carries (a zero-width space, a BOM, a Cyrillic i, full-width letters,
  blanks or hyphens for the underscores): such a `date_of_birth` column was dropped as
  unknown, and with it the date that contradicts the taxpayer found (e2e:
  test_redteam_hostile_text). Two columns that read alike are the same column twice.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from intake_builders import csv_bytes, sample_row, write_package

from dgate.errors import InputError
from dgate.intake.package import read_package
from dgate.intake.table import column_key
from dgate.model import RECORD_COLUMNS

SECRET = "SECRETVALUE"


def refused(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_package(path)
    message = str(caught.value)
    assert "\n" not in message and SECRET not in message
    return message


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x08", "\x0b", "\x0c", "\x7f", "\x85",
                                  "\x9b"])
def test_a_control_character_in_a_field_refuses_the_file(tmp_path: Path, char: str) -> None:
    data = csv_bytes([sample_row(), sample_row(request_id=f"R2{char}[2K{SECRET}")])
    message = refused(write_package(tmp_path / "pkg", data))
    assert message == (f"records.csv line 3 column request_id: contains a control character"
                       f" (U+{ord(char):04X})")


def test_a_control_character_escaped_in_json_lines_is_refused(tmp_path: Path) -> None:
    lines = [json.dumps(sample_row()), json.dumps(sample_row(last_name=f"Ex\u001b{SECRET}"))]
    folder = write_package(tmp_path / "pkg", "\n".join(lines).encode(), "records.jsonl")
    assert refused(folder) == ("records.jsonl line 2 column last_name: contains a control"
                               " character (U+001B)")


def test_tabs_and_line_breaks_inside_a_field_are_text(tmp_path: Path) -> None:
    data = csv_bytes([sample_row(reason="line one\r\nline\ttwo\nthree")])
    records = read_package(write_package(tmp_path / "pkg", data)).records
    assert records[0].get("reason") == "line one\r\nline\ttwo\nthree"


@pytest.mark.parametrize("written", [
    "date_of_birth\u200b", "\ufeffdate_of_birth", "date_of_b\u0456rth", "DATE_OF_BIRTH",
    "\uff44\uff41\uff54\uff45_\uff4f\uff46_\uff42\uff49\uff52\uff54\uff48", "date of birth",
    "Date-Of-Birth", "date\u00a0of\u00a0birth", "date_of_\u00adbirth", " date_of_birth\t",
])
def test_a_column_name_reads_as_the_column_it_shows(tmp_path: Path, written: str) -> None:
    assert column_key(written) == "date_of_birth"
    columns = [written if c == "date_of_birth" else c for c in RECORD_COLUMNS]
    data = csv_bytes([sample_row(**{written: "1980-04-12"})], columns)
    records = read_package(write_package(tmp_path / "pkg", data)).records
    assert records[0].get("date_of_birth") == "1980-04-12"


def test_a_json_key_reads_as_the_column_it_shows(tmp_path: Path) -> None:
    row = sample_row(tin="401-22-3344")
    line = json.dumps({("t\u0456n" if k == "tin" else k): v for k, v in row.items()})
    folder = write_package(tmp_path / "pkg", line.encode(), "records.jsonl")
    assert read_package(folder).records[0].get("tin") == "401-22-3344"


def test_two_columns_that_read_alike_are_one_column_twice(tmp_path: Path) -> None:
    columns = [*RECORD_COLUMNS, "t\u0456n"]
    message = refused(write_package(tmp_path / "pkg", csv_bytes([sample_row()], columns)))
    assert message == "records.csv header: column 'tin' repeats column 7"


def test_other_names_stay_other_columns() -> None:
    # a column the contract does not name is not guessed at: DOB is not date_of_birth
    assert column_key("DOB") == "dob" and column_key("birth date") == "birth_date"
    assert column_key("first_name2") == "first_name2"

"""Session 37: one reading of "the same person under another A-number" within a batch and
across batches. Within a batch, R_DUPLICATE makes the second of two records at one address
that give the same date of birth and the same names as written a repeat whatever their
A-numbers (session 35, `_Checker._repeats_among`); across batches the later request is now
the earlier one's person by `Person.asked_again` (rules.record.AskedAs). Each pair below is
read both ways, and the two must agree; every value is invented."""

from __future__ import annotations

import pytest

from .factory import context, missing_peers, records

if missing_peers():
    pytest.skip(f"peer modules not written yet: {missing_peers()}", allow_module_level=True)

from dgate.model import RequestRecord  # noqa: E402
from dgate.rules.record import check_records  # noqa: E402
from dgate.service.submit import _person  # noqa: E402

FIRST = {"first_name": "JUANA", "middle_name": "ELENA", "last_name": "GARCIA", "tin": "",
         "date_of_birth": "2005-04-26", "street": "40 N BIRCH ST", "unit": "APT 2",
         "city": "AUSTIN", "state": "TX", "zip": "78701", "a_number": "A011111111"}

# the second record's fields over FIRST's, under another A-number; True: one person
PAIRS = {
    "written_otherwise": ({"first_name": "Juana", "middle_name": "Elena",
                           "last_name": "García", "street": "40 North Birch Street",
                           "unit": "# 2", "date_of_birth": "04/26/2005"}, True),
    "no_zip": ({"zip": ""}, True),
    "directional_left_out": ({"street": "40 BIRCH ST"}, True),
    "street_type_left_out": ({"street": "40 N BIRCH"}, True),
    "one_line": ({"street": "", "unit": "", "city": "", "state": "", "zip": "",
                  "address": "40 N Birch St Apt 2, Austin, TX 78701"}, True),
    "middle_initial": ({"middle_name": "E"}, False),
    "middle_left_out": ({"middle_name": ""}, False),
    # read as R_DUPLICATE reads it (r40): JUANA ELENA / "" is JUANA / ELENA
    "given_names_in_one_field": ({"first_name": "JUANA ELENA", "middle_name": ""}, True),
    "given_names_in_one_field_other": ({"first_name": "JUANA MARIA", "middle_name": ""}, False),
    "later_undated": ({"date_of_birth": ""}, False),
    "another_date": ({"date_of_birth": "2005-04-27"}, False),
    "another_unit": ({"unit": "APT 3"}, False),
    "another_house": ({"street": "42 N BIRCH ST"}, False),
    "another_directional": ({"street": "40 S BIRCH ST"}, False),
    "another_street_type": ({"street": "40 N BIRCH AVE"}, False),
    "another_zip": ({"zip": "78702"}, False),
    "a_suffix": ({"name_suffix": "JR"}, False),
    "another_tin": ({"tin": "401-23-4567"}, True),  # one side only: no contradiction
}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_the_batches_read_one_person_as_one_batch_does(name: str) -> None:
    second, one_person = PAIRS[name]
    later = {**FIRST, **second, "a_number": "A022222222"}
    codes = check_records(records([FIRST, later]), context())
    within = "R_DUPLICATE" in codes[1]
    earlier_person = _person(RequestRecord(1, records([FIRST])[0].fields), asked=True)
    later_person = _person(RequestRecord(2, records([later])[0].fields), asked=True)
    across = not later_person.contradicts(earlier_person)
    assert (within, across) == (one_person, one_person), (within, across)
    # under the same A-number, of these only another date of birth parts them (a suffix or
    # a date on one side only does not, nor does a name written otherwise)
    same = _person(RequestRecord(2, records([{**later, "a_number": "11111111"}])[0].fields),
                   asked=True)
    assert same.contradicts(earlier_person) == (name == "another_date"), name
    # a batch's own rivals read no names or address (R_DUPLICATE has read the batch): two
    # A-numbers part them as before; and nothing of the request is shown
    bare = _person(RequestRecord(2, records([later])[0].fields))
    assert bare.contradicts(_person(RequestRecord(1, records([FIRST])[0].fields)))
    assert "JUANA" not in repr(later_person) and "BIRCH" not in repr(later_person)


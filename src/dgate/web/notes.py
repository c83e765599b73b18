"""What a reviewer must check, read from a decision's stored explanation.

decide/policy.py seals with each decision the comparison levels of the best and the
runner-up candidates (`_explain`: levels, weights, bits) and a few flags (`names_swapped`,
`closer_name_elsewhere`, `last_known_tied`, `last_known_other_tin`, `other_tin_deceased`).
The levels are those
of match/compare.py (`address_level`, `dob_level`) and normalize/names.py
(`NameComparison`). A probability of 1.000 says that the fields weigh heavily together, not
that each agrees: a date of birth one digit off the candidate's still discloses nothing
without a person (policy: level 1 is never strong), and the reviewer must see that before
anything else. Here each level that is not plain agreement becomes a note: a short label for
the review queue and a sentence for the review page.

The sentences quote the request's and the master's values where the page passes them:
the review page is for reviewers and disclosure officers only, and access-logged
(views.py). Nothing here logs, and nothing raises with a value in its message: a value
that cannot be read is left out of the sentence.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from dgate.decide import policy
from dgate.decide.batchwise import (
    REVIEW_EARLIER_GAVE_TIN,
    REVIEW_EARLIER_OTHER,
    REVIEW_EARLIER_OTHER_TAXPAYER,
)
from dgate.match import compare
from dgate.match.compare import dob_level
from dgate.match.model import MatchModel
from dgate.model import NormAddress
from dgate.normalize.address import normalize_address
from dgate.normalize.names import fold_name, leading_surnames, normalize_name
from dgate.rules.dates import birth_date

BEST, RUNNER = "best", "runner_up"


@dataclass(frozen=True)
class Note:
    """One thing to check. `field` is the comparison-table row it concerns (views.FIELDS),
    "" for the record as a whole; `who` the candidate ("best" or "runner_up")."""

    code: str
    field: str
    who: str
    short: str
    text: str


def close_bits(model: MatchModel) -> float:
    """How near the runner-up must score to the best to be called close: within this many
    bits the runner-up alone holds the posterior below the disclosure threshold
    (MatchModel.probability: the runner-up's odds are 2^-gap of the best's)."""
    t = model.disclose_threshold
    return math.log2(t / (1.0 - t)) if 0.0 < t < 1.0 else 10.0


def derive(explanation: Mapping[str, Any], request: Mapping[str, str] | None = None,
           masters: Mapping[str, Mapping[str, str]] | None = None, *,
           close: float | None = None) -> list[Note]:
    """The notes of one decision, most important first.

    `explanation`: the decision's stored explanation (policy.decide). `request`: the
    request record's fields as submitted (first_name, date_of_birth, street …), or None.
    `masters`: per candidate ("best", "runner_up") its master values (first_name,
    middle_name, last_name, name_suffix, date_of_birth, street, unit, city, state, zip),
    or None. Without them the notes are the same, their sentences without values.
    `close`: the runner-up's gap in bits below which it is close (`close_bits`)."""
    best = _levels(explanation.get(BEST))
    if not best:
        return []
    runner = _levels(explanation.get(RUNNER))
    swapped = bool(explanation.get("names_swapped"))
    req = _Side.of_request(request, swapped=swapped)
    bm = _Side.of_master((masters or {}).get(BEST))
    rm = _Side.of_master((masters or {}).get(RUNNER))
    out: list[Note] = []
    dob = _dob(best, req, bm, request is not None)
    # a date that differs comes first; a date missing on one side after the names and
    # the address, which say what the review is about
    missing = [n for n in dob if n.code.startswith("dob_missing")]
    out += [n for n in dob if n not in missing]
    if swapped:
        out.append(Note("names_swapped", "first", BEST, "names swapped",
                        "The given name and the surname appear swapped: only read the other "
                        "way round do they agree with the candidate's"
                        + _swapped_values(request, bm.raw)
                        + ". Someone else may bear the name as written."))
    out += _first(best, req, bm)
    out += _last(best, req, bm)
    out += _middle_suffix(best, req, bm)
    out += _address(best, req, bm)
    if best.get("tin") == 0:
        out.append(Note("tin_conflict", "tin", BEST, "TIN differs",
                        "The request's TIN is not the candidate's."))
    out += missing
    if explanation.get("closer_name_elsewhere"):
        out.append(Note("closer_name_elsewhere", "", BEST, "exact name elsewhere",
                        "Another taxpayer, not at the requested address, bears the requested "
                        "name more exactly than this candidate: the request may be for that "
                        "person, with an address that is not theirs."))
    if explanation.get("last_known_tied"):
        out.append(Note("last_known_tied", "address", BEST, "last address tied",
                        "The candidate's record holds two addresses of the same date and "
                        "source: the extract does not say which is the last known address."))
    if explanation.get("last_known_other_tin"):
        out.append(Note("last_known_other_tin", "address", BEST, "later address, other TIN",
                        "Another taxpayer record bears this ITIN holder's name and date of "
                        "birth and begins where this one ends, at another address: the same "
                        "person under another TIN (an SSN given since) would have that one "
                        "as the last known address."))
    if explanation.get("other_tin_deceased"):
        out.append(Note("other_tin_deceased", "", BEST, "other TIN deceased",
                        "That other taxpayer record (the same name and date of birth under "
                        "another TIN) carries a date of death: if the two records are one "
                        "person, the person is deceased and the address is not disclosed "
                        "(M_DECEASED)."))
    out += _held_notes(explanation, out)
    if runner:
        out += _runner(explanation, best, runner, req, rm,
                       close_bits(MatchModel()) if close is None else close)
    return out


# -- the rules that held the decision back (policy.review_because) -------------------------

# Each rule of compare.assess (HELD_*) and policy.decide (REVIEW_*) that sends a plausible
# candidate to a person, in words. A code this version does not know (a newer one's) is
# shown as it is.
HELD_TEXT = {
    compare.HELD_NAME_WEAK:
        "the given name and the surname agree only weakly together (two partial agreements, "
        "neither exact)",
    compare.HELD_GIVEN_VARIANT:
        "the given name is a name of its own that only resembles the candidate's, and no date"
        " of birth or TIN settles it",
    compare.HELD_TWIN_NAMES:
        "the given names are two distinct names: with one date of birth, twins as often as "
        "one person",
    compare.HELD_SECOND_GIVEN:
        "the request goes by the candidate's second given name (or the other way round), and "
        "no date of birth or TIN settles it",
    compare.HELD_MIDDLE:
        "the middle (or second given) names conflict",
    compare.HELD_GENERATION:
        "the request names a generation (JR, SR …) that the candidate's record does not, and "
        "no date of birth or TIN says which generation the record is",
    compare.HELD_SLIP:
        "the name one slip off may be a name of its own, another person's, and no date of "
        "birth or TIN settles it",
    compare.HELD_TWO_GIVEN:
        "the given names are two names of their own one slip apart, or names of the two "
        "sexes: only the TIN tells twins apart",
    compare.HELD_TITLE:
        "the request's courtesy title is of the other sex than the given name (MRS JOHN …): "
        "it may name the bearer's spouse",
    compare.HELD_SWAPPED:
        "the names agree only read swapped, and no date of birth or TIN settles it",
    compare.HELD_TIN_OTHER_NAME:
        "the TIN is the candidate's, but the given (or middle) name is another person's "
        "(the other sex's form, a name of its own, a conflicting middle name, a title of "
        "the other sex) and no exact date of birth stands beside the TIN: it may be a "
        "household member's TIN",
    compare.HELD_ADDRESS:
        "the address agrees only nearly (house number or ZIP one slip off, an urbanization "
        "left out), and no date of birth or TIN at the requested house number settles it",
    policy.REVIEW_DOB_ONE_DIGIT:
        "the date of birth is one digit off the candidate's",
    policy.REVIEW_DOB_UNREAD:
        "the request's date of birth could not be read",
    policy.REVIEW_DOB_IMPOSSIBLE:
        "no person under the final order can have the request's date of birth (born after "
        "the order, or older than anyone has lived on its day)",
    policy.REVIEW_DOB_HOUSEMATE:
        "the date of birth agrees with the candidate's only with day and month swapped, and "
        "is exactly the date of birth of another taxpayer of the surname at the address",
    policy.REVIEW_CLOSER_NAME:
        "another taxpayer, elsewhere, bears the requested name more exactly",
    policy.REVIEW_LAST_KNOWN_TIED:
        "the record does not tell its last known address from another of the same date and "
        "source",
    policy.REVIEW_LAST_KNOWN_OTHER_TIN:
        "another taxpayer record with the candidate's name and date of birth begins where this "
        "ITIN's ends, at another address: it may be the same person under another TIN",
    policy.REVIEW_OTHER_TIN_DECEASED:
        "that other taxpayer record carries a date of death: if it is the same person, the "
        "person is deceased and nothing may be disclosed",
    policy.REVIEW_UNDATED_NAMESAKE:
        "another taxpayer of the same name at the address, whose record holds no date of "
        "birth, agrees with the request as well: only the date tells the two apart, and the "
        "master does not say that the other was born on another day",
    REVIEW_EARLIER_OTHER:
        "an earlier batch's request for someone else by its own fields (another date of "
        "birth, TIN, generation or A-number) was answered with this taxpayer: one of the two "
        "is not the person on file",
    REVIEW_EARLIER_GAVE_TIN:
        "an earlier batch's request for someone else by its own fields (another date of "
        "birth, generation, A-number or middle name) gave this taxpayer's TIN: the TIN was "
        "given for two people, and the record on file does not tell which one it is",
    REVIEW_EARLIER_OTHER_TAXPAYER:
        "an earlier batch's request giving the same A-number (one person's A-file) was "
        "answered with another taxpayer: one person cannot have two last known addresses, "
        "so one of the two answers is not that person",
    policy.REVIEW_PROBABILITY:
        "the probability is below the disclosure threshold: the fields together do not weigh "
        "enough",
}


def held_back(explanation: Mapping[str, Any]) -> list[str]:
    """Why the decision went to review and was not disclosed, in words: the rules the
    policy recorded (its explanation's "review_because"); [] for a decision that recorded
    none (sealed before they were recorded, or not in review)."""
    return [HELD_TEXT.get(c, c) for c in policy.review_because(explanation)]


def _held_notes(explanation: Mapping[str, Any], shown: list[Note]) -> list[Note]:
    """Notes for the recorded rules that no comparison level shows."""
    codes = policy.review_because(explanation)
    if not codes:
        return []
    have = {n.code for n in shown}
    out = []
    if compare.HELD_TITLE in codes:
        out.append(Note("title_conflict", "first", BEST, "courtesy title",
                        "The request's courtesy title is of the other sex than its given "
                        "name (MRS JOHN, MR MARY): it may name the bearer's spouse, not the "
                        "bearer. Only the TIN settles it."))
    if compare.HELD_GENERATION in codes and "suffix_not_on_record" not in have:
        out.append(Note("suffix_not_on_record", "suffix", BEST, "generation not on record",
                        "The request names a generation that the candidate's record does "
                        "not: the record may be the other generation's."))
    if REVIEW_EARLIER_OTHER in codes:
        out.append(other_person())
    if REVIEW_EARLIER_GAVE_TIN in codes:
        out.append(tin_given())
    if policy.REVIEW_PROBABILITY in codes:
        out.append(Note("probability_low", "", BEST, "probability below threshold",
                        "The probability is below the disclosure threshold: the fields "
                        "together do not weigh enough to disclose."))
    return out


OTHER_PERSON = "other_person_same_taxpayer"
"""The note of an item whose taxpayer another decision (of any batch) was answered with for
a request naming another person: `review list`'s reason of the same name (service/
release.py OTHER_PERSON), or the item's own earlier_other_person (REVIEW_EARLIER_OTHER)."""


ONE_PERSON = "one_a_number_other_taxpayer"
"""The note of an item whose request's A-number another decision (of any batch) gives with
another taxpayer: `review list`'s reason of the same name (service/release.py ONE_PERSON;
red team r35)."""


def _keys_shown(against: list[str] | None) -> str:
    """" (KEY, KEY …)": the first five request keys a note names, "" for none."""
    return f" ({', '.join(against[:5])}{' …' if len(against) > 5 else ''})" if against else ""


def one_person(against: list[str]) -> Note:
    """The note saying that another request giving the same A-number was answered with
    another taxpayer (`against`: those requests' keys)."""
    named = _keys_shown(against)
    return Note(ONE_PERSON, "", BEST, "same A-number, other taxpayer",
                "Another request giving the same A-number (one person's A-file) was answered "
                f"with another taxpayer{named}: one person has one last known address, so "
                "at most one of the two is this person, and once one is disclosed the other "
                "cannot be.")


TIN_GIVEN = "tin_given_for_another_person"
"""The note of an item whose taxpayer's TIN another request (of any batch, answered or not)
gave for someone its own fields say is another person: `review list`'s reason of the same
name (service/release.py TIN_GIVEN; red team r36), or the item's own
earlier_other_person_gave_tin (REVIEW_EARLIER_GAVE_TIN). Red team r37: the queue's Check
column and the item page said neither."""


def tin_given(against: list[str] | None = None) -> Note:
    """The note saying that another request gave this taxpayer's TIN for another person
    (`against`: those requests' keys, when known)."""
    named = _keys_shown(against)
    return Note(TIN_GIVEN, "", BEST, "TIN given for another person",
                "Another request, answered or not, gave this taxpayer's TIN for someone its "
                "own fields say is another person (another date of birth, generation, "
                f"A-number or middle name){named}: the TIN was given for two people, and the "
                "taxpayer's record on file does not tell which one it is.")


def other_person(against: list[str] | None = None) -> Note:
    """The note saying that the same taxpayer answers a request for another person
    (`against`: those requests' keys, when known)."""
    named = _keys_shown(against)
    return Note(OTHER_PERSON, "", BEST, "same taxpayer, other person",
                "Another request naming someone else by its own fields (another date of "
                f"birth, TIN, generation or A-number) was answered with this taxpayer{named}: the "
                "taxpayer is at most one of the two, and once one is disclosed the other "
                "cannot be.")


# -- the two sides' values -----------------------------------------------------------------

@dataclass(frozen=True)
class _Side:
    """One side's values as the page may quote them ("" where unknown)."""

    raw: Mapping[str, str]
    first: str = ""
    middle: str = ""
    last: str = ""
    suffix: str = ""
    dob_text: str = ""        # as written
    dob: date | None = None   # as read (the request: rules.dates.birth_date)
    known: bool = False       # the values were passed at all

    @classmethod
    def of_request(cls, fields: Mapping[str, str] | None, *, swapped: bool) -> _Side:
        if fields is None:
            return cls({})
        first, last = fields.get("first_name", ""), fields.get("last_name", "")
        if swapped:  # the reading the policy compared (policy._read_swapped)
            first, last = last, first
        text = fields.get("date_of_birth", "").strip()
        return cls(fields, first, fields.get("middle_name", ""), last,
                   fields.get("name_suffix", ""), text, _read_birth(text), True)

    @classmethod
    def of_master(cls, fields: Mapping[str, str] | None) -> _Side:
        if not fields:
            return cls({})
        text = fields.get("date_of_birth", "").strip()
        return cls(fields, fields.get("first_name", ""), fields.get("middle_name", ""),
                   fields.get("last_name", ""), fields.get("name_suffix", ""), text,
                   _read_iso(text), True)


def _read_birth(text: str) -> date | None:
    try:
        return birth_date(text) if text else None
    except (ValueError, TypeError, OverflowError):
        return None


def _read_iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _levels(e: object) -> dict[str, int]:
    if not isinstance(e, Mapping):
        return {}
    lv = e.get("levels")
    if not isinstance(lv, Mapping):
        return {}
    out = {}
    for k, v in lv.items():
        try:
            out[str(k)] = int(v)
        except (TypeError, ValueError):
            continue
    return out


def _vals(pairs: list[tuple[str, str]]) -> str:
    """ (request X, master Y)", the parts with a value only."""
    shown = [f"{label} {value}" for label, value in pairs if value]
    return f" ({', '.join(shown)})" if shown else ""


def _pair(request: str, master: str, other: str = "master") -> list[tuple[str, str]]:
    return [("request", request), (other, master)]


def _swapped_values(request: Mapping[str, str] | None, master: Mapping[str, str]) -> str:
    """ (request: given name X, surname Y; master: …), as written on each side."""
    parts = []
    for label, fields in (("request", request or {}), ("master", master)):
        first, last = fields.get("first_name", ""), fields.get("last_name", "")
        if first or last:
            parts.append(f"{label}: given name {first or '-'}, surname {last or '-'}")
    return f" ({'; '.join(parts)})" if parts else ""


# -- date of birth -------------------------------------------------------------------------

def _dob_values(lv: int, req: _Side, mas: _Side, who: str = "master") -> str:
    """The two dates, where they read as the level stored says: a master reloaded since
    may hold another date, and the sentence must not contradict the level."""
    if req.dob is not None and mas.dob is not None and dob_level(req.dob, mas.dob) != lv:
        return " (the dates now on file no longer compare so: see the table)"
    return _vals(_pair(req.dob.isoformat() if req.dob else req.dob_text,
                       mas.dob.isoformat() if mas.dob else mas.dob_text, who))


def _dob(best: Mapping[str, int], req: _Side, mas: _Side, have_request: bool) -> list[Note]:
    lv = best.get("dob", -1)
    if lv == 1:
        return [Note("dob_one_digit", "dob", BEST, "DOB 1 digit off",
                     "Date of birth differs from the candidate's in one digit"
                     + _dob_values(lv, req, mas)
                     + ". A typing slip, or another person's date (a relative's, a twin's): "
                       "confirm it is the same person before disclosing.")]
    if lv == 2:
        return [Note("dob_swapped", "dob", BEST, "DOB day/month swapped",
                     "Date of birth has its day and month swapped against the candidate's"
                     + _dob_values(lv, req, mas)
                     + ": the same date written in the other order, or another date.")]
    if lv == 0:
        return [Note("dob_conflict", "dob", BEST, "DOB conflict",
                     "Date of birth contradicts the candidate's" + _dob_values(lv, req, mas)
                     + ".")]
    if lv != -1:
        return []
    if have_request and req.dob_text and req.dob is None:
        # submit._query's dob_unread: given, not read; the policy sends it to a person
        return [Note("dob_unread", "dob", BEST, "DOB unreadable",
                     "The request's date of birth could not be read"
                     + _vals([("as written", req.dob_text), ("master", mas.dob_text)])
                     + ": it was not compared and may contradict the candidate's.")]
    if have_request and not req.dob_text:
        return [Note("dob_missing_request", "dob", BEST, "no DOB in request",
                     "The request gives no date of birth: nothing but the name and the "
                     "address says this is the person.")]
    if mas.known and not mas.dob_text:
        return [Note("dob_missing_master", "dob", BEST, "no DOB on record",
                     "The candidate's record holds no date of birth"
                     + _vals([("request", req.dob.isoformat() if req.dob else "")])
                     + ": nothing confirms or contradicts the request's date.")]
    return [Note("dob_missing", "dob", BEST, "DOB not compared",
                 "No date of birth was compared: the request or the candidate's record has "
                 "none.")]


# -- names ---------------------------------------------------------------------------------

def _first(best: Mapping[str, int], req: _Side, mas: _Side) -> list[Note]:
    lv = best.get("first")
    vals = _vals(_pair(req.first, mas.first))
    if lv == 3:  # the second given name may be written as the middle name on either side
        vals = _vals(_pair(_given(req), _given(mas)))
    undated = "" if best.get("dob", -1) == 3 or best.get("tin") == 1 else (
        " No date of birth or TIN settles it.")
    if lv == 4:
        return [Note("given_nickname", "first", BEST, "nickname / short form",
                     "The given name agrees only through a nickname, a shortened form or "
                     "its spacing" + vals + "." + undated)]
    if lv == 3:
        return [Note("given_second", "first", BEST, "goes by 2nd given name",
                     "The requested given name is the candidate's second given name, or "
                     "the other way round" + vals + ": someone who goes by a middle name "
                     "reads so, and so does a relative named after it." + undated)]
    if lv == 2:
        return [Note("given_variant", "first", BEST, "given-name variant",
                     "The given name is only a variant of the candidate's: a spelling slip, "
                     "a sound-alike, a translation (JOHN / JUAN) or the later given names "
                     "differing" + vals + ". It may be another member of the household."
                     + undated)]
    if lv == 1:
        return [Note("given_initial", "first", BEST, "given initial only",
                     "Only the initial of the given name agrees" + vals + ".")]
    if lv == 0:
        return [Note("given_different", "first", BEST, "given name differs",
                     "The given names differ" + vals + ".")]
    return []


def _given(side: _Side) -> str:
    """The given names with the middle name, as written: "BENJAMIN / CHRISTOPHER"."""
    return " / ".join(p for p in (side.first, side.middle) if p)


def _last(best: Mapping[str, int], req: _Side, mas: _Side) -> list[Note]:
    lv = best.get("last")
    vals = _vals(_pair(req.last, mas.last))
    if lv == 4:
        return [Note("surname_reordered", "last", BEST, "surnames reordered",
                     "The surnames agree only in another order, or without particles or "
                     "spacing" + vals + ".")]
    if lv == 3:
        code, short, text = _surname_subset(req, mas)
        return [Note(code, "last", BEST, short, text + vals + ".")]
    if lv == 2:
        return [Note("surname_variant", "last", BEST, "surname variant",
                     "The surname is only a spelling variant of the candidate's" + vals
                     + ": it may be another family's name.")]
    if lv == 0:
        return [Note("surname_different", "last", BEST, "surname differs",
                     "The surnames differ" + vals + ".")]
    return []


def _surname_subset(req: _Side, mas: _Side) -> tuple[str, str, str]:
    """Which surname is part of which (NameComparison's level 3), where both are known."""
    generic = ("surname_partial", "surname partial",
               "One side's surnames are only part of the other's (one of two surnames, or "
               "an initial)")
    if not (req.last and mas.last):
        return generic
    q, c = normalize_name("", "", req.last).last, normalize_name("", "", mas.last).last
    qt, ct = set(q.split()), set(c.split())
    if leading_surnames(q, c):
        return ("surname_first_only", "first surname only",
                "The request gives only the candidate's first surname(s), the rest left out")
    if qt and qt < ct:
        return ("surname_second_only", "2nd surname only",
                "The request gives only a later surname of the candidate's, not the first: "
                "rarely how a person is called")
    if ct and ct < qt:
        return ("surname_record_partial", "record has part of surname",
                "The candidate's record holds only part of the requested surname")
    return generic


def _middle_suffix(best: Mapping[str, int], req: _Side, mas: _Side) -> list[Note]:
    out = []
    mid = best.get("middle")
    if mid == 0:
        out.append(Note("middle_conflict", "middle", BEST, "middle name differs",
                        "The middle (or second given) names conflict"
                        + _vals(_pair(req.middle, mas.middle))
                        + ": two people of one given name and surname often differ only "
                          "there."))
    elif (mid == 1 and req.middle and mas.middle
          and fold_name(req.middle) != fold_name(mas.middle)):
        out.append(Note("middle_partial", "middle", BEST, "middle name partial",
                        "The middle name agrees only as an initial or a spelling variant"
                        + _vals(_pair(req.middle, mas.middle)) + "."))
    suf = best.get("suffix")
    if suf == 0:
        out.append(Note("suffix_conflict", "suffix", BEST, "generation differs",
                        "The generations (JR, SR, II …) conflict"
                        + _vals(_pair(req.suffix, mas.suffix)) + "."))
    elif suf == 1 and req.suffix and mas.known and not mas.suffix:
        out.append(Note("suffix_not_on_record", "suffix", BEST, "generation not on record",
                        "The request names a generation" + _vals([("request", req.suffix)])
                        + " that the candidate's record does not: the record may be the "
                          "other generation's (a father filing without SR)."))
    elif suf == 1 and mas.suffix and req.known and not req.suffix:
        out.append(Note("suffix_not_requested", "suffix", BEST, "generation only on record",
                        "The candidate's record names a generation"
                        + _vals([("master", mas.suffix)]) + " that the request does not."))
    return out


# -- address -------------------------------------------------------------------------------

def _address(best: Mapping[str, int], req: _Side, mas: _Side) -> list[Note]:
    lv = best.get("address")
    if lv == 1:
        return [Note("address_other_unit", "address", BEST, "other unit / house",
                     "The address is another unit of the building, or another house on the "
                     "street.")]
    if lv == 0:
        return [Note("address_different", "address", BEST, "address differs",
                     "The address is none of the candidate's.")]
    if lv not in (2, 3, 4):
        return []
    r, m = _norm_address(req.raw), _norm_address(mas.raw)
    if lv == 4:
        return [Note("address_unit_missing", "address", BEST, "unit missing",
                     "The unit is given on one side only"
                     + _vals(_pair(_unit(r), _unit(m)))
                     + "; the address agrees otherwise. Check the unit is the person's.")]
    if lv == 3:
        return [Note("address_street_slip", "address", BEST, "street slip",
                     "The street name is one slip off the candidate's"
                     + _vals(_pair(r.street if r else "", m.street if m else ""))
                     + ": a typing slip, or another street.")]
    # level 2: which of the three readings, where both addresses are known
    if r and m and r.house != m.house:
        return [Note("address_house_slip", "address", BEST, "house no. slip",
                     "The house number is one slip off the candidate's"
                     + _vals(_pair(r.house, m.house))
                     + ": another house number is another delivery point, perhaps "
                       "the neighbour's.")]
    if r and m and r.zip5 and m.zip5 and r.zip5 != m.zip5:
        return [Note("address_zip", "address", BEST, "other ZIP area",
                     "The ZIP is not the candidate's; the address is placed by the city "
                     "and state" + _vals(_pair(r.zip5, m.zip5))
                     + ": a slip in the ZIP, or another town of that name.")]
    if r and m:
        return [Note("address_urbanization", "address", BEST, "urbanization unsettled",
                     "The urbanization is left out on one side, and the master holds "
                     "this house and street in more than one: the street line alone "
                     "names two addresses"
                     + _vals(_pair(r.urb or "no urbanization", m.urb or "no urbanization"))
                     + ".")]
    return [Note("address_near", "address", BEST, "house no. / ZIP slip",
                 "The address agrees only nearly: the house number one slip off, the ZIP "
                 "of another area with the city and state agreeing, or the "
                 "urbanization unsettled.")]


def _unit(a: NormAddress | None) -> str:
    if a is None:
        return ""
    return f"unit {a.unit}" if a.unit else "no unit"


def _norm_address(fields: Mapping[str, str]) -> NormAddress | None:
    if not fields or not any(fields.get(k) for k in ("street", "address", "zip")):
        return None
    try:
        return normalize_address(fields.get("street", ""), fields.get("unit", ""),
                                 fields.get("city", ""), fields.get("state", ""),
                                 fields.get("zip", ""), fields.get("address", ""))
    except (ValueError, TypeError, KeyError, IndexError):
        return None  # a value that does not read: the sentence goes without it


# -- the runner-up -------------------------------------------------------------------------

def _runner(explanation: Mapping[str, Any], best: Mapping[str, int],
            runner: Mapping[str, int], req: _Side, rm: _Side, close: float) -> list[Note]:
    out = []
    gap = _bits(explanation.get(BEST)) - _bits(explanation.get(RUNNER))
    if gap <= 0.05:
        out.append(Note("runner_up_close", "", RUNNER, "runner-up ties",
                        "A second candidate, the runner-up, scores as high as the best: "
                        "nothing in the comparison tells them apart."))
    elif gap < close:
        out.append(Note("runner_up_close", "", RUNNER, f"runner-up close ({gap:.1f} bits)",
                        f"A second candidate, the runner-up, scores only {gap:.1f} bits "
                        f"below the best: the request fits the best about "
                        f"{2.0 ** gap:,.0f} times better, which is not beyond doubt. Check "
                        "that it does not describe the runner-up."))
    lv = runner.get("dob", -1)
    vals = _dob_values(lv, req, rm, "runner-up") if lv != -1 else ""
    if lv == 0:
        out.append(Note("runner_up_dob_conflict", "dob", RUNNER, "runner-up DOB conflict",
                        "The runner-up's date of birth contradicts the request's" + vals
                        + ": that date alone sets the runner-up aside. If the request's "
                          "date is wrong, the runner-up may be the person."))
    elif lv == 3:
        out.append(Note("runner_up_dob_equal", "dob", RUNNER, "runner-up has the DOB",
                        "The runner-up's record holds the request's exact date of birth"
                        + vals + "."))
    elif lv == 1:
        out.append(Note("runner_up_dob_one_digit", "dob", RUNNER, "runner-up DOB 1 digit off",
                        "The runner-up's date of birth too differs from the request's in "
                        "one digit" + vals + "."))
    elif lv == 2:
        out.append(Note("runner_up_dob_swapped", "dob", RUNNER, "runner-up DOB swapped",
                        "The runner-up's date of birth is the request's with day and month "
                        "swapped" + vals + "."))
    if (runner.get("first", 0) >= best.get("first", 0)
            and runner.get("last", 0) >= best.get("last", 0)):
        out.append(Note("runner_up_name", "first", RUNNER, "runner-up name as close",
                        "The runner-up's given name and surname agree with the request as "
                        "closely as the best's"
                        + _vals([("runner-up", " ".join(p for p in (rm.first, rm.last) if p))])
                        + "."))
    return out


def _bits(e: object) -> float:
    if not isinstance(e, Mapping):
        return 0.0
    try:
        return float(e.get("bits", 0.0))
    except (TypeError, ValueError):
        return 0.0

"""One taxpayer answered for two people of one batch (red team r16).

Each request is decided on its own (decide/policy.py). Two requests of one batch may then
end on one taxpayer — DISCLOSE or REVIEW with the same TIN — while the requests themselves
are two people: two dates of birth, two TINs, two generations (JR / SR) or two A-numbers
(red team r32), each given and different, or two middle names that conflict (JAMES /
PAUL, not J / JAMES: red team r33), as R_DUPLICATE reads them (rules/record.py).
WALTER BRENNAN born 1950 and WALTER BRENNAN born 1980 at one address, where the master
holds one undated WALTER BRENNAN, were both disclosed: the taxpayer is at most one of them,
so one disclosure was of his address to a request about someone else.

`rivals` finds those requests. Of two such requests, one the taxpayer's own record settles
(its TIN equal, or its date of birth exactly the one on file: compare.assess's "settled")
and the other not, only the other is held back; where neither or both are settled, both
are (nothing says which of the two the taxpayer is). A request that contradicts no other
keeps its decision: one person asked at two addresses of his history, or once with a date
of birth and once without, is still answered. What is held back is NOT_DISCLOSED with
M_AMBIGUOUS: more than one person plausibly is the taxpayer.

`one_person_two_taxpayers` is the other way round: requests the batch itself says are one
person — one A-number, the number of one noncitizen's A-file, under two names (an alias,
a maiden name) — answered with two taxpayers. The person is at most one of them, and has
one last known address: JOSE GARCIA and JOSE GARCIA LOPEZ under one A-number, each
disclosed a different taxpayer, released at least one address that was not this person's.
The same test of who is settled decides which are held back.

`tin_given_by_others` reads the requests left unanswered too (red team r34): AMOS
QUILLFEATHER's TIN given at his address without a date of birth, again born 1950 at an
address not his, again born 1980 at another of his addresses. Which of them were answered
with him depended on their order (R_DUPLICATE reads the first as the person born 1950 only
when it comes first), and so did whether anything was disclosed: the request born 1950,
NOT_DISCLOSED, held nothing back. A request of the batch that gives an answered request's
taxpayer's TIN and is another person by its own fields (`Person.contradicts`) says the
batch names two people by that TIN: the answered one is held back like a rival. The TIN,
given by both, settles neither over the other; only the taxpayer's record does, where it
holds the answered request's date of birth or middle name exactly and the other request
gives another (`Answered.on_file`, `record_tells_apart`): twins LUIS FERNANDO and LUIS
ALBERTO, one date of birth, LUIS ALBERTO asked with LUIS FERNANDO's TIN, do not hold back
LUIS FERNANDO asked with his own.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dgate.normalize.names import middle_names_conflict

if TYPE_CHECKING:
    from dgate.rules.record import AskedAs

__all__ = ["REVIEW_EARLIER_GAVE_TIN", "REVIEW_EARLIER_OTHER", "REVIEW_EARLIER_OTHER_TAXPAYER",
           "TOLD", "Answered", "Person",
           "one_person_two_taxpayers", "record_tells_apart", "rivals", "tin_given_by_others",
           "indexed_a_number", "told_person"]

REVIEW_EARLIER_OTHER = "earlier_other_person"
"""Why a request went to review (its explanation's "review_because"): an earlier batch's
request, another person by its own fields (`Person.contradicts`), was answered with the
same taxpayer (service/submit.py `_asked_before`)."""

REVIEW_EARLIER_OTHER_TAXPAYER = "earlier_a_number_other_taxpayer"
"""Why a request went to review: an earlier batch's request giving the same A-number (one
person's A-file: one person) was answered with another taxpayer, so one person would have
two last known addresses disclosed (service/submit.py `_asked_before_a_number`; red team
r35, the across-batches case of `one_person_two_taxpayers`)."""

REVIEW_EARLIER_GAVE_TIN = "earlier_other_person_gave_tin"
"""Why a request went to review: an earlier batch's request, another person by its own
fields (`Person.contradicts`), gave the TIN of the taxpayer this one is answered with,
whatever that request's own answer (service/submit.py `_gave_the_tin_before`; red team
r36, the across-batches case of `tin_given_by_others`)."""


@dataclass(frozen=True, slots=True)
class Person:
    """What tells two requested people apart: each "" where the request gives none."""

    dob: str         # ISO date, as matching reads it (rules.dates.birth_date)
    tin: str         # nine digits
    generation: str  # canonical generational suffix (JR, SR, II ...)
    # the alien registration number's digits, leading zeros dropped (rules.record.a_number_of):
    # one per person, so two are two people (red team r32), though the master holds none
    a_number: str = ""
    # the normalized middle name (NormName.middle): two that conflict as matching reads
    # them (names.middle_names_conflict: JAMES / PAUL, not J / JAMES) are two people, as
    # R_DUPLICATE reads them (red team r33)
    middle: str = ""
    # the request's names as written and its address (rules.record.AskedAs), read only to
    # compare a request with one of another batch (`asked_again`); None within a batch,
    # where R_DUPLICATE has read them already. Never shown.
    asked: AskedAs | None = field(default=None, compare=False, repr=False)

    def contradicts(self, other: Person) -> bool:
        return any(a and b and a != b for a, b in ((self.dob, other.dob),
                                                   (self.tin, other.tin),
                                                   (self.generation, other.generation))
                   ) or bool(self.a_number and other.a_number and self.a_number != other.a_number
                             and not self.asked_again(other)
                             ) or middle_names_conflict(self.middle, other.middle)

    def asked_again(self, other: Person) -> bool:
        """The two requests (of two batches: `asked`) give the same date of birth, the same
        generation, and the same names as written at one address: one person asked again,
        whatever their A-numbers, as R_DUPLICATE reads two such records of one batch
        (rules.record._Checker._repeats_among, session 35). Session 37 (audit 23, departure
        1): JUANA ELENA GARCIA born 2005-04-26 at one address, disclosed under one
        A-number, asked again a batch later under another (DHS's A-files not merged, or a
        slip), went to review as another person (earlier_other_person), which a reviewer
        could only refuse. A name written otherwise, a date of birth left out on either side or
        another, another address or unit, still part them: two people of one name may live
        together, and their A-numbers are what tells them apart."""
        return bool(self.asked is not None and other.asked is not None
                    and self.dob and self.dob == other.dob
                    and self.generation == other.generation
                    and self.asked.same_as(other.asked))

    def names_anyone(self) -> bool:
        """Gives something that can tell this person from another."""
        return bool(self.dob or self.tin or self.generation or self.a_number or self.middle)


@dataclass(frozen=True, slots=True)
class Answered:
    """A request decided DISCLOSE or REVIEW: its seq, the taxpayer it names, and whether
    that taxpayer's record settles it (the TIN equal or the date of birth exact)."""

    seq: int
    tin: str
    settled: bool
    # what the taxpayer's record holds exactly as the request gives it: "dob" (compare.assess's
    # dob level 3), "middle" (names.MIDDLE_EQUAL); what settles it over another request
    # giving the same TIN (`record_tells_apart`)
    on_file: frozenset[str] = frozenset()


def record_tells_apart(on_file: frozenset[str], me: Person, them: Person) -> bool:
    """The taxpayer's record, holding `on_file` of `me` (Answered.on_file), says `them` is
    not that taxpayer: it holds me's date of birth and them does not give it (red team
    r34's reading), or me's middle name and them gives one that conflicts with it."""
    return bool(("dob" in on_file and me.dob and them.dob != me.dob)
                or ("middle" in on_file and middle_names_conflict(me.middle, them.middle)))


def rivals(answered: Iterable[Answered], person: Callable[[int], Person]
           ) -> dict[int, list[int]]:
    """seq -> the seqs of the requests, answered with the same taxpayer and contradicting
    it, for which it is held back (sorted); only requests held back are keys. `person`
    gives a request's Person by seq (called only for requests sharing a taxpayer)."""
    by_tin: dict[str, list[Answered]] = defaultdict(list)
    for a in answered:
        if a.tin:
            by_tin[a.tin].append(a)
    held: dict[int, set[int]] = defaultdict(set)
    for group in by_tin.values():
        if len(group) < 2:
            continue
        people = {a.seq: person(a.seq) for a in group}
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if people[a.seq].contradicts(people[b.seq]):
                    _hold_unsettled(held, a, b)
    return {seq: sorted(others) for seq, others in sorted(held.items())}


def _hold_unsettled(held: dict[int, set[int]], a: Answered, b: Answered) -> None:
    """Of two answers that cannot both stand, the one its taxpayer's record settles where
    the other's does not is kept; otherwise both are held back, each for the other."""
    if not (a.settled and not b.settled):
        held[a.seq].add(b.seq)
    if not (b.settled and not a.settled):
        held[b.seq].add(a.seq)


def tin_given_by_others(answered: Iterable[Answered], givers: Mapping[str, Sequence[int]],
                        person: Callable[[int], Person]) -> dict[int, list[int]]:
    """seq -> the seqs of the requests it is held back for (sorted), where `givers` maps a
    TIN to the seqs of the batch's requests not answered that give it: each answered
    request is held back for those giving its taxpayer's TIN that contradict its person,
    unless the taxpayer's record tells the two apart (`record_tells_apart`). `person` gives
    a request's Person by seq (called only for the requests concerned). Only requests held
    back are keys."""
    held: dict[int, list[int]] = {}
    for a in answered:
        others = [g for g in givers.get(a.tin, ()) if g != a.seq]
        if not others:
            continue
        me = person(a.seq)
        against = sorted(g for g in others
                         if (them := person(g)).contradicts(me)
                         and not record_tells_apart(a.on_file, me, them))
        if against:
            held[a.seq] = against
    return dict(sorted(held.items()))


def one_person_two_taxpayers(groups: Iterable[Sequence[Answered]]) -> dict[int, list[int]]:
    """seq -> the seqs of the requests it is held back for (sorted), where each group holds
    the answered requests the batch says are one person (one A-number) and two of them name
    two taxpayers. Of two such, one settled by its taxpayer's record and the other not,
    only the other is held back; neither or both settled, both are. Only requests held
    back are keys."""
    held: dict[int, set[int]] = defaultdict(set)
    for group in groups:
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.tin != b.tin:
                    _hold_unsettled(held, a, b)
    return {seq: sorted(others) for seq, others in sorted(held.items())}


TOLD = ("tin", "date_of_birth", "a_number", "middle_name")
"""The fields a first occurrence is read with from what its repeats say of its person
(service/submit.py `_as_told`: red team r32, r33, r38), in the order of that module's
`_person`'s `named`."""


def told_person(explanation: object) -> tuple[str, str, str, str] | None:
    """A decision's explanation's "as_told" (service/submit.py `_as_told`: what its
    batch's repeats told of its request's person) as TOLD's values; None where the batch
    told nothing more of its request. Red team r38: a later batch, a reviewer's
    confirmation and the ledger's verify read the person the batch asked for, not the bare
    record."""
    if isinstance(explanation, str):
        try:
            explanation = json.loads(explanation or "{}")
        except ValueError:
            return None
    told = explanation.get("as_told") if isinstance(explanation, dict) else None
    if not isinstance(told, dict):
        return None
    values = tuple(str(told.get(name, "")) for name in TOLD)
    return values[0], values[1], values[2], values[3]


def indexed_a_number(own: str, explanation: object) -> str:
    """The A-number (rules.record.a_number_of's digits) an answered decision's
    a_number_index is of: its request's own (`own`), else the one its batch's repeats told
    of its person, kept in its explanation's "as_told" (red team r38); "" for none. What
    `ledger verify` and `batch release` recompute the index from."""
    if own:
        return own
    from dgate.rules.record import a_number_of  # the rules' reading, imported when needed

    told = told_person(explanation)
    return a_number_of({"a_number": told[2]}) if told else ""

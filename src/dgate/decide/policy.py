"""The disclosure policy: from scored candidates to one disposition with its M_ code.

Order of judgment, most protective first:
1. Only candidates whose name AND address both correspond are plausible. None plausible:
   a name (or TIN) that matches elsewhere is M_NAME_ONLY, an address that is some other
   person's is M_ADDRESS_ONLY (both codes when both hold: a record carries every code
   that applies), otherwise M_NO_MATCH. A name alone never discloses.
2. A plausible candidate contradicted by the request's date of birth or TIN drops out; if
   every plausible candidate is contradicted, M_CONFLICT (with M_NAME_ONLY when a
   taxpayer elsewhere bears the name uncontradicted, or the TIN).
3. Two or more plausible candidates within the ambiguity margin, or another that the
   request describes as well (a namesake that wins only by what the best's record lacks,
   one in another unit, another generation with the request's date of birth, a resident
   whose name the requested short form may be as well): M_AMBIGUOUS.
4. The best candidate deceased: M_DECEASED.
5. Posterior at or above the disclosure threshold (a lower one where no other candidate is
   consistent with the request), with name and address strong enough to disclose on and no
   weak date-of-birth agreement (one digit off): M_MATCH (DISCLOSE).
   In the review band: M_REVIEW. Below it: M_NO_MATCH.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence

from dgate.match.compare import (
    HELD_ADDRESS,
    HELD_SWAPPED,
    HELD_TITLE,
    Namesake,
    Query,
    Scored,
    resembles,
)
from dgate.match.model import MatchModel
from dgate.model import Decision, Disposition, NormName
from dgate.normalize.korean import joins_given_name
from dgate.normalize.names import (
    JOINED_LEADS,
    LAST_REORDERED,
    LAST_SUBSET,
    SURNAME_PARTICLES,
    NameComparison,
    article_spelling,
    compare_names,
    first_may_be_canonical,
    gendered_pair,
    lead_read_off,
    leading_surnames,
    normalize_name,
    other_sex,
    recorded_surnames,
    same_generation,
    same_given_names,
    short_form_fit,
    title_conflict,
    two_given_names,
)
from dgate.normalize.nicknames import (
    is_attested_given_name,
    is_common_surname,
    reads_as_surname,
    same_canonical,
)

# Why a plausible, uncontradicted, unambiguous candidate went to review rather than being
# disclosed, beside compare.HELD_*: the rules of `decide` itself.
REVIEW_DOB_ONE_DIGIT = "dob_one_digit"         # the DOB one digit off (level 1)
REVIEW_DOB_UNREAD = "dob_unread"               # a DOB given and not read
REVIEW_DOB_IMPOSSIBLE = "dob_impossible"       # a DOB no one under the order can have
REVIEW_DOB_HOUSEMATE = "dob_housemate"         # the DOB read swapped is a housemate's own
REVIEW_CLOSER_NAME = "closer_name_elsewhere"   # the exact name is another's, elsewhere
REVIEW_LAST_KNOWN_TIED = "last_known_tied"     # two addresses of one date and source
REVIEW_LAST_KNOWN_OTHER_TIN = "last_known_other_tin"  # the person's later TIN elsewhere
REVIEW_OTHER_TIN_DECEASED = "other_tin_deceased"  # ... and that record carries a death
REVIEW_UNDATED_NAMESAKE = "undated_namesake"   # a namesake there lacks only the date
REVIEW_PROBABILITY = "probability"             # the posterior below the threshold


def review_because(explanation: Mapping[str, object]) -> list[str]:
    """The rules that held a decision back from disclosure, as `decide` recorded them in
    its explanation ("review_because"), each once; [] for a decision that recorded none
    (sealed before they were recorded, or not in review). Read by the review page
    (web/notes.py) and `review list` (service/release.py)."""
    codes = explanation.get("review_because")
    if not isinstance(codes, list):
        return []
    return [str(c) for c in dict.fromkeys(codes)]


def _explain(s: Scored | None) -> dict[str, object]:
    if s is None:
        return {}
    return {"levels": dict(s.levels),
            "weights": {k: round(v, 3) for k, v in s.weights.items()},
            "bits": round(s.bits, 3), "tin": s.candidate.tin, "addr_id": s.best_addr_id}


def decide(query: Query, request_id: str, scored: Sequence[Scored], model: MatchModel,
           *, namesakes_elsewhere: bool = False,
           unseen_namesakes: Sequence[Namesake] = (),
           candidate_count: int | None = None) -> Decision:
    """`namesakes_elsewhere`: more taxpayers bear the request's name than the search
    fetches (engine.NAME_KEY_CAP), none of them at the requested address.
    `unseen_namesakes`: then, those of them bearing its exact given names and surname
    (engine.UNSEEN_NAMESAKES_SQL). `candidate_count`: the decision's candidate_count (the
    taxpayers the blocking found, where the engine counts more than it scores); by default
    the candidates scored."""
    count = len(scored) if candidate_count is None else candidate_count

    def refuse(code: str | tuple[str, ...], prob: float, best: Scored | None = None,
               runner: Scored | None = None) -> Decision:
        codes = tuple(sorted(code)) if isinstance(code, tuple) else (code,)
        return Decision(seq=query.seq, request_id=request_id,
                        disposition=Disposition.NOT_DISCLOSED, reason_codes=codes,
                        match_probability=prob, candidate_count=count,
                        explanation={"best": _explain(best), "runner_up": _explain(runner)})

    plausible = sorted((s for s in scored if s.plausible), key=lambda s: -s.bits)
    swapped = False
    if not plausible:
        plausible = sorted(_read_swapped(query, scored, model,
                                         namesakes_elsewhere=namesakes_elsewhere),
                           key=lambda s: -s.bits)
        swapped = bool(plausible)
    if not plausible:
        # decisions.md: M_NAME_ONLY when "a taxpayer's name (or TIN) matches" and the
        # address is none of theirs. A namesake whose date of birth differs from the
        # request's is still a taxpayer whose name matches: the code says what was found,
        # and the record is NOT_DISCLOSED either way.
        name_hits = [s for s in scored if s.name_plausible or s.tin_equal]
        addr_hits = [s for s in scored if s.address_plausible]
        exact_name = any(s.tin_equal or _bears_the_name(query, s) for s in name_hits)
        if addr_hits and not namesakes_elsewhere and (not name_hits or (
                not exact_name and max(s.levels["address"] for s in addr_hits) >= 4)):
            return refuse("M_ADDRESS_ONLY", 0.0, max(addr_hits, key=lambda s: s.bits))
        if name_hits or namesakes_elsewhere:
            # A record carries every code that applies (decisions.md): the name is a
            # taxpayer's elsewhere AND the address is another taxpayer's.
            codes = ("M_NAME_ONLY", "M_ADDRESS_ONLY") if addr_hits else ("M_NAME_ONLY",)
            shown = name_hits or addr_hits
            return refuse(codes, 0.0, max(shown, key=lambda s: s.bits) if shown else None)
        # The explanation shows the nearest candidate that resembles the request at all
        # (compare.resembles): the set-wise engines compare no other.
        near = [s for s in scored if resembles(s.levels)]
        return refuse("M_NO_MATCH", 0.0, max(near, key=lambda s: s.bits) if near else None)

    consistent = [s for s in plausible if not s.contradicted]
    if not consistent:
        best = plausible[0]
        # Every code that applies: the taxpayer at the address is contradicted, and the
        # request's name with its DOB (or its TIN) is another taxpayer's, elsewhere.
        elsewhere = any(not s.address_plausible and (
            (s.name_plausible and not s.contradicted) or s.tin_equal) for s in scored)
        return refuse(("M_CONFLICT", "M_NAME_ONLY") if elsewhere else "M_CONFLICT", 0.0,
                      best, plausible[1] if len(plausible) > 1 else None)

    best = consistent[0]
    # A namesake whose record names no generation where the request's is on the best's
    # (RAFAEL ROMERO JR asked; RAFAEL ROMERO JR and RAFAEL ROMERO HERRERA live there), or
    # whose middle name conflicts where the best's agrees (JAMES M WILSON), is told apart
    # by that field, which the model weighs at 2.3 or 2.6 bits only: no rival. It still
    # keeps the full disclosure threshold (below: the best is not alone).
    rivals = [s for s in consistent[1:] if not (_generation_tells_apart(query, best, s)
                                                or _middle_tells_apart(query, best, s)
                                                or _given_name_tells_apart(query, best, s)
                                                or _second_name_tells_apart(query, best, s))]
    others = [s.bits for s in rivals]
    runner = rivals[0] if rivals else (consistent[1] if len(consistent) > 1 else None)
    prob = model.probability(best.bits, others)
    if rivals and _margin(best, rivals[0], model) < model.ambiguity_margin_bits:
        return refuse("M_AMBIGUOUS", prob, best, rivals[0])
    rival = next((s for s in rivals if _wins_only_by_missing(best, s)), None)
    if rival is None and not swapped:
        rival = (_short_form_rival(query, best, scored, model)
                 or _surname_reading_rival(query, best, scored, model))
    if rival is not None:
        return refuse("M_AMBIGUOUS", prob, best, rival)
    rival = _namesake_in_another_unit(query, best, scored)
    if rival is not None:
        return refuse("M_AMBIGUOUS", prob, best, rival)
    named = _named_but_not_by_the_tin(query, best, plausible)
    if named is not None:
        return refuse("M_CONFLICT", prob, best, named)
    # Read swapped, the other residents are weighed under the reading too: their straight
    # levels say nothing of the name the reading asks for (red team r2, F2: QUINTANILLA /
    # OSVALDO JR with the father's date disclosed the father beside his undated JR, which
    # written straight is M_AMBIGUOUS).
    household = [*plausible, *scored] if swapped else scored
    rival = (_other_generation(query, best, household)
             or _undated_against_dated(query, best, household)
             or _named_exactly_dated_otherwise(query, best, household)
             or (None if swapped else _swapped_housemate(query, best, scored)))
    if rival is not None:
        return refuse("M_AMBIGUOUS", prob, best, rival)
    if best.candidate.dod is not None:
        return refuse("M_DECEASED", prob, best, runner)

    # Every rule that holds the best back from disclosure, in the order applied (sealed as
    # the explanation's "review_because" of a REVIEW, for the review page: web/notes.py):
    # first those of compare.assess (name or address not strong), then these.
    held = list(best.held)
    # A date of birth with day and month swapped (level 2, same year) is the commonest date
    # slip (US and day-first formats) and no other person's date; one digit off (level 1)
    # may be another person's and goes to a person.
    dob_held = [REVIEW_DOB_ONE_DIGIT] if best.levels.get("dob", -1) not in (-1, 2, 3) else []
    if _swapped_date_a_housemates(best, household):
        # ... unless it IS another person's date: a relative at the address born on the
        # request's day exactly (red team r45: DAVID JACKSON born 1985-04-03 asked where
        # DAVID, born 1985-03-04, lives with his brother DANIEL, born 1985-04-03, disclosed
        # DAVID). The name says one person, the date the other; a person decides.
        dob_held.append(REVIEW_DOB_HOUSEMATE)
    if query.dob_unread:
        # a date of birth that could not be read may be a contradicting one (an audit:
        # 07/19/1962 was dropped and its person disclosed): a person decides
        dob_held.append(REVIEW_DOB_UNREAD)
    if query.dob_impossible:
        # born after the final order, or older than anyone has lived on its day (red team
        # r13: against a taxpayer without a date of birth on file it disclosed)
        dob_held.append(REVIEW_DOB_IMPOSSIBLE)
    held += dob_held
    strong = best.name_strong and best.address_strong and not dob_held
    undated = _undated_namesake(query, best, household)
    if undated is not None:
        runner = undated
    explanation: dict[str, object] = {"best": _explain(best), "runner_up": _explain(runner)}
    if undated is not None:
        # The request's date of birth is the best's, and a namesake at the address agrees
        # as well on everything else, its record holding no date: the date tells the two
        # apart only if the namesake was born on another day, which the master does not
        # say. "More than one taxpayer plausibly matches" (decisions.md) reads it as a
        # second plausible taxpayer; the date makes the best the likelier by far. A person
        # decides, as for a date one digit off (audits 21, 22 and 23 each listed these).
        strong = False
        explanation["undated_namesake"] = True
        held.append(REVIEW_UNDATED_NAMESAKE)
    if swapped:
        explanation["names_swapped"] = True
    if strong and _closer_name_elsewhere(query, best, scored, unseen_namesakes):
        # The taxpayer at the address only resembles the name (MARILYN / SHIRLEY MARILYN,
        # JIMENEZ / JIMENEZ RODRIGUEZ) while another taxpayer bears it exactly, elsewhere:
        # the request may be for that one with an address that is not theirs. A person
        # decides (found by benchmarks/scale.py, where four such requests were disclosed).
        strong = False
        explanation["closer_name_elsewhere"] = True
        held.append(REVIEW_CLOSER_NAME)
    if best.candidate.last_known_tied:
        # Two addresses of one date and source, the last known one not told apart by the
        # extract: disclosing either may disclose one that is not the last known address.
        # A person decides (audit 15, F1).
        explanation["last_known_tied"] = True
        held.append(REVIEW_LAST_KNOWN_TIED)
    if best.candidate.last_known_elsewhere:
        # Another record of the person (an SSN of this ITIN's name and date of birth, whose
        # history begins where this one's ends: store.master's lka.later_elsewhere) holds a
        # later address: the person's last known address may be that one, not this
        # record's (red team r11). A person decides.
        explanation["last_known_other_tin"] = True
        held.append(REVIEW_LAST_KNOWN_OTHER_TIN)
        if best.candidate.elsewhere_deceased:
            # ... and that record carries a date of death (red team r33): were the two one
            # person, the person is dead and nothing is disclosed (M_DECEASED). Whether
            # they are is still the person's to decide; the reviewer is told.
            explanation["other_tin_deceased"] = True
            held.append(REVIEW_OTHER_TIN_DECEASED)
    unsettled = best.candidate.last_known_tied or best.candidate.last_known_elsewhere
    # Alone at the address (no other consistent candidate), the posterior's lower bar
    # applies (MatchModel.disclose_threshold_alone); the gates above hold either way.
    threshold = (model.disclose_threshold if len(consistent) > 1
                 else model.disclose_threshold_alone)
    if prob >= threshold and strong and not unsettled:
        disposition, code = Disposition.DISCLOSE, "M_MATCH"
    elif prob >= model.review_threshold or (strong and prob >= model.review_threshold / 2):
        disposition, code = Disposition.REVIEW, "M_REVIEW"
        explanation["review_because"] = held + ([REVIEW_PROBABILITY] if prob < threshold
                                                else [])
    else:
        return refuse("M_NO_MATCH", prob, best, runner)
    return Decision(seq=query.seq, request_id=request_id, disposition=disposition,
                    reason_codes=(code,), match_tin=best.candidate.tin,
                    match_probability=prob, candidate_count=count,
                    address=best.candidate.last_known, explanation=explanation)


def _short_form_rival(query: Query, best: Scored, scored: Sequence[Scored],
                      model: MatchModel) -> Scored | None:
    """Another resident of the requested address for whom the requested given name is as
    plausible a short form as it is a form of the best's, the rest of the evidence within
    the ambiguity margin. The request's given name reaches the best only through a form of
    it (a nickname, a leading part, a translation, a slip: given-name level 2 to 4), and is
    no given name the best's record holds as written; and it may be a short form of the
    other resident's first given name, or of the second one that resident may go by
    (names.short_form_of: the beginning of the name, with or without a short form's ending,
    or its last syllables). That resident is then weighed as if the given name related to
    it as it does to the best (at most as the second given name does for a second one):
    within the margin, the request describes two people (decisions.md, M_AMBIGUOUS).

    Red team r9 (session 28): the nickname tables give a short form to one name of a
    household and not to the other's, and the other resident, given-name level 0, was no
    rival at all: ANDY asked where ANDREW and ANDREA live, no date of birth, disclosed
    ANDREW; TONY (ANTONIO / ANTONIA, ANTHONY / ANTONIA), GABI (GABRIEL / GABRIELA, or MARIA
    GABRIELA), DANNY (DANIEL / DANIELA, DANIELLE), NICO (NICOLAS / NICOLE), GERRY (GERALD
    / GERALDINE), ROSY (ROSA / ROSARIO), NANDO (FERNANDO / HERNANDO) and CHELO (CONSUELO /
    MARCELO) the same. Red team r4 (session 27) had added such forms to the tables one by
    one (ALEX, DANI, FER …); this reads every one. A date of birth or TIN that settles the
    best and not the other still decides (their weights set the margin), as a middle name
    or a generation that tells them apart does; a request giving a name the best bears as
    written (MARIA at MARIA ELENA's, MARIANA beside her) is the best's. Not read for a
    request read with given name and surname swapped (_read_swapped). The DuckDB engine
    keeps these residents' rows by the same test (ShortFormTest); Spark keeps every
    resident's."""
    words = query.name.first_tokens
    if not words or len(words[0]) < 2 or best.levels["first"] >= 5:
        return None
    word = words[0]
    held = best.candidate.name
    if word in held.first_tokens or word in held.middle.split():
        return None
    for s in scored:
        if (s is best or s.candidate.tin == best.candidate.tin or s.levels["first"] >= 2
                or not s.address_plausible or s.contradicted or s.levels["last"] < 2
                or s.levels["suffix"] == 0):
            continue
        fit = short_form_fit(word, s.candidate.name.first_tokens, s.candidate.name.middle)
        if not fit:
            continue
        level = min(best.levels["first"], fit)
        weights = {**s.weights, "first": model.weight("first", level)}
        read = dataclasses.replace(s, levels={**s.levels, "first": level}, weights=weights,
                                   bits=sum(weights.values()))
        if (_generation_tells_apart(query, best, read) or _middle_tells_apart(query, best, read)
                or _margin(best, read, model) >= model.ambiguity_margin_bits):
            continue
        return s
    return None


def _surnames_across_fields(name: NormName) -> NormName | None:
    """The name with its middle-name field read as its first surname(s) (ROSA / GARCIA /
    LOPEZ as ROSA / / GARCIA LOPEZ), where every word of that field is a surname word
    (nicknames.reads_as_surname) or a particle (DE GUZMAN) and one is a surname; None
    otherwise (a middle name that is, or may be, a given name: THOMAS, MARIE)."""
    words = name.middle.split()
    surnames = [w for w in words if w not in SURNAME_PARTICLES]
    if not surnames or not name.last or not all(reads_as_surname(w) for w in surnames):
        return None
    read = normalize_name("", "", f"{name.middle} {name.last}")
    return dataclasses.replace(name, middle="", last=read.last, last_tokens=read.last_tokens,
                               last_phon=read.last_phon)


def _surname_read_otherwise(asked: NormName, name: NormName) -> tuple[int, int] | None:
    """(surname level, middle level) of a resident's name against the request's, its
    surname read another way the requested surname may stand for: the Arabic article
    spelt otherwise (names.article_spelling: EL HASSAN for AL-HASSAN, level 4), an Arabic
    surname's first word joined on one side (names.lead_read_off: ALHASSAN and HASSAN,
    level 3 as AL HASSAN and HASSAN are), or the
    middle-name field read as the first surname(s) (_surnames_across_fields: GARCIA for
    ROSA / GARCIA / LOPEZ, level 3); None where neither reading reaches level 3."""
    if article_spelling(asked.last, name.last):
        return LAST_REORDERED, compare_names(asked, name).middle
    if lead_read_off(asked.last_tokens, name.last_tokens):
        return LAST_SUBSET, compare_names(asked, name).middle
    read = _surnames_across_fields(name) if name.middle else None
    if read is None:
        return None
    c = compare_names(asked, read)
    return (c.last, c.middle) if c.last >= 3 else None


def _surname_reading_rival(query: Query, best: Scored, scored: Sequence[Scored],
                           model: MatchModel) -> Scored | None:
    """Another resident of the requested address who bears the requested surname once its
    record is read another way (_surname_read_otherwise), weighed so read: within the
    ambiguity margin, the request describes two people (M_AMBIGUOUS).

    Red team r15: ROSA GARCIA asked (no date of birth) where ROSA GARCIA and ROSA / GARCIA
    / LOPEZ live (US forms often take a Spanish name's first surname as the middle name)
    disclosed ROSA GARCIA: the other's surname LOPEZ was level 0 to GARCIA, while her
    record written ROSA / / GARCIA LOPEZ makes the same request M_AMBIGUOUS (HECTOR GARCIA
    beside HECTOR GARCIA LOPEZ): the field the master put a surname in decided. AHMED EL
    HASSAN asked where AHMED AL-HASSAN and AHMED HASSAN live disclosed HASSAN, a surname
    dropped, where AL HASSAN asked is M_AMBIGUOUS. Read only to find a rival, never to
    match: nothing is disclosed on it. The DuckDB engine keeps these residents' rows by
    the same test (SurnameReadingTest); Spark keeps every resident's."""
    if not query.name.last_tokens:
        return None
    for s in scored:
        if (s is best or s.candidate.tin == best.candidate.tin or s.plausible
                or not s.address_plausible or s.contradicted or s.levels["first"] < 2
                or s.levels["suffix"] == 0 or s.levels["last"] >= 2):
            continue
        read_levels = _surname_read_otherwise(query.name, s.candidate.name)
        if read_levels is None:
            continue
        last, middle = read_levels
        levels = {**s.levels, "last": last, "middle": middle}
        weights = {**s.weights, "last": model.weight("last", last),
                   "middle": model.weight("middle", middle)}
        read = dataclasses.replace(s, levels=levels, weights=weights,
                                   bits=sum(weights.values()))
        if (_generation_tells_apart(query, best, read) or _middle_tells_apart(query, best, read)
                or _margin(best, read, model) >= model.ambiguity_margin_bits):
            continue
        return s
    return None


class SurnameReadingTest:
    """Whether a resident's name may make it a _surname_reading_rival of a request: the
    DuckDB engine fetches such residents' rows (setwise.swapped_names) as Spark fetches
    every resident's. `may_read` is the cheap test on the record's fields first."""

    def __init__(self, queries: Mapping[int, Query]) -> None:
        self._names = {seq: q.name for seq, q in queries.items() if q.name.last_tokens}
        self._leads = {seq for seq, name in self._names.items() if _begins_with_lead(name.last)}

    def may_read(self, seq: int, middle: str, last: str) -> bool:
        """The record's middle-name field holds a word, its surname or the request's
        begins with an Arabic surname's first word (names.JOINED_LEADS)."""
        return bool(middle) or seq in self._leads or _begins_with_lead(last)

    def __call__(self, seq: int, name: NormName) -> bool:
        asked = self._names.get(seq)
        return asked is not None and _surname_read_otherwise(asked, name) is not None


def _begins_with_lead(last: str) -> bool:
    return any(last.startswith(lead) for lead in JOINED_LEADS)


class ShortFormTest:
    """Whether a resident's given names may make it a _short_form_rival of a request (the
    request's given name a short form of its first or second given name), each request's
    given name read once: the DuckDB engine fetches such residents' rows
    (setwise.swapped_names, vector.relevant_rows) as Spark fetches every resident's."""

    def __init__(self, queries: Mapping[int, Query]) -> None:
        self._words = {seq: q.name.first_tokens[0] for seq, q in queries.items()
                       if q.name.first_tokens and len(q.name.first_tokens[0]) > 1}

    def __call__(self, seq: int, first_tokens: tuple[str, ...], middle: str) -> bool:
        word = self._words.get(seq)
        if word is None:
            return False
        return short_form_fit(word, first_tokens, middle) > 0


def _namesake_in_another_unit(query: Query, best: Scored, scored: Sequence[Scored]
                              ) -> Scored | None:
    """A taxpayer bearing the name (uncontradicted) in another unit of the requested
    building, or on its street, when the best candidate's record lacks the unit the request
    names (address level 4, the unit missing on the taxpayer's side). Nothing places the
    requested unit with either: the one without a unit on record may live in it, and so may
    the namesake (moved from 2B to 3C). Audit 15 (F2): GASTON ELDRIDGE at 2460 N KEDZIE AVE
    (no unit) and at APT 2B; asked at APT 3C, the one without a unit was disclosed, while
    asked without a unit the two were M_AMBIGUOUS. Level 1 also holds another house of the
    street (the set-wise engines do not carry which): a namesake there is refused alike.
    The best settled by the TIN or the exact date of birth stays unless the namesake is too.
    In SQL, vector._RELEVANT_SQL keeps these rows (n_unitless)."""
    if not query.address.unit or best.levels["address"] != 4:
        return None
    settled = best.tin_equal or best.levels.get("dob", -1) == 3
    return next((s for s in scored
                 if s is not best and s.levels["address"] == 1 and s.name_plausible
                 and not s.contradicted
                 and (not settled or s.tin_equal or s.levels.get("dob", -1) == 3)), None)


def _generation_tells_apart(query: Query, best: Scored, other: Scored) -> bool:
    """True if the request's generation tells `other` from the best: the request names one
    (JR, SR, II …) that the best's record names too (suffix level 2), `other`'s record names
    none, and nothing else points to `other` (its given name, surname, middle name and
    address agree no better than the best's, its record holds neither the request's exact
    date of birth nor its TIN). A father who files without a suffix lives with his son who
    files as JR: RAFAEL ROMERO JR, asked without a date, is the son; the model's suffix
    weight (2.3 bits) left the two within the ambiguity margin and the request M_AMBIGUOUS
    (found by session 17's generator). For the father to be meant, the request's JR would
    have to be wrong and the son's record too. Where the date of birth or the TIN points to
    `other`, or the best's record names no generation, the generation rules below decide
    (`_other_generation`, `_undated_against_dated`)."""
    lv, ob = other.levels, best.levels
    return (bool(query.name.suffix) and ob["suffix"] == 2 and not other.candidate.name.suffix
            and (lv["middle"] != 2 or ob["middle"] == 2)
            and _nothing_else_points_to(query, other, best))


def _middle_tells_apart(query: Query, best: Scored, other: Scored) -> bool:
    """True if the request's middle name agrees with the best's record (the full name, or
    its initial) and conflicts with `other`'s, and nothing else points to `other` (as in
    `_generation_tells_apart`). JAMES M WILSON where JAMES MATTHEW and JAMES ANTHONY
    WILSON live was M_AMBIGUOUS: the conflicting middle name weighs 2.6 bits, inside the
    margin, though it is the very field that tells a father from a son of one given name
    (audit 19, about 1 point of recall). A conflicting middle name already keeps `other`
    from being disclosed on the name (compare.assess)."""
    lv, ob = other.levels, best.levels
    # a second given name in the first-name field is compared as the middle name
    # (names._later_given_pair): JUAN CARLOS asked where JUAN / CARLOS and JUAN / PABLO live
    return (_later_given(query.name) and _later_given(best.candidate.name)
            and ob.get("middle") in (1, 2) and lv.get("middle") == 0
            and lv["suffix"] <= ob["suffix"] and _nothing_else_points_to(query, other, best))


def _given_name_tells_apart(query: Query, best: Scored, other: Scored) -> bool:
    """True if the request's given name is the best's exactly and `other`'s is another name
    of its own that only resembles it (LUCIO / LUCIA, CLAUDIO / CLAUDIA, MARIO / MARIA,
    JOSE / JOSUE: the other sex's form, or two names the lists hold), and nothing else
    points to `other` more than to the best, the date of birth at most as much: twins
    share it. LUCIO BROWN with the twins' date, LUCIO and LUCIA BROWN at the address, was
    M_AMBIGUOUS or went to review (audit 19, its twins 0.88 recall): the sister's name
    weighs 3 bits against the exact 7 to 10, inside the margin. For LUCIA to be meant, the
    request would have to change the very letter that makes her name hers. A name only a
    slip of the request's (LUCIO / LUCCIO) stays a rival; so does one the request's TIN or
    a date only `other`'s record holds points to."""
    lv, ob = other.levels, best.levels
    # the request's given names laid out otherwise than the record's count as exact (red
    # team r44: LUCIO ANDRES / "" asked where LUCIO / ANDRES lives with LUCIA went to review)
    if _first_given_exact(query, best) != 5 or lv["first"] != 2 or other.tin_equal:
        return False
    qt, ot = query.name.first_tokens, other.candidate.name.first_tokens
    if not qt or not ot:
        return False
    x, y = qt[0], ot[0]
    if not (gendered_pair(x, y) or other_sex(x, y) or two_given_names(query.name,
                                                                      other.candidate.name)):
        return False
    return (lv["last"] <= ob["last"] and lv["address"] <= ob["address"]
            and lv.get("middle", -1) <= ob.get("middle", -1) and lv["suffix"] <= ob["suffix"]
            and lv.get("dob", -1) <= ob.get("dob", -1))


def _second_name_tells_apart(query: Query, best: Scored, other: Scored) -> bool:
    """True if the request's given names are the best's exactly, the second written in
    full (given name level 5, middle level 2), while `other`'s given name is only the
    request's second (level 3: KATHERINE JENNIFER MOORE asked where she lives with a
    JENNIFER MOORE, her daughter as likely as not), and nothing else points to `other`.
    The daughter's name is one reading of the request, by a name its bearer would go by;
    the mother's record holds both names as asked. Audit 19: such requests went to review,
    the daughter's 3 bits diluting the posterior (about 20 due requests in three seeds).
    Not where `other`'s record holds the request's first given name too (middle level 2),
    nor her exact date of birth or the TIN."""
    lv, ob = other.levels, best.levels
    # the request's given names laid out otherwise than the record's count as exact, as in
    # `_nothing_else_points_to`: JOHN WILLIAM / "" asked where JOHN / WILLIAM lives with a
    # WILLIAM went to review, JOHN / WILLIAM disclosed (red team r44, the fuzzer's
    # middle_in_first)
    return (_first_given_exact(query, best) == 5 and ob.get("middle") == 2
            and lv["first"] == 3 and lv.get("middle", -1) != 2
            and lv["suffix"] <= ob["suffix"] and _nothing_else_points_to(query, other, best))


def _later_given(name: NormName) -> bool:
    """A middle name, or a second given name in the first-name field."""
    return bool(name.middle) or len(name.first_tokens) > 1


def _nothing_else_points_to(query: Query, other: Scored, best: Scored) -> bool:
    """`other`'s given name, surname and address agree no better than the best's, and its
    record holds neither the request's exact date of birth nor its TIN: what
    `_generation_tells_apart`, `_middle_tells_apart` and `_second_name_tells_apart` require
    beside their field (`_given_name_tells_apart` weighs the date otherwise: twins share it).
    The best's given names laid out otherwise (JUAN CARLOS against JUAN / CARLOS: level 4,
    the middle name equal, `same_given_names`) count as exact (audit 19: JUAN CARLOS asked,
    JUAN / PABLO beside him, went to review). Not a nickname (BILL JAMES against WILLIAM
    JAMES): a BILL JAMES beside him bears the requested name itself (helper-44's review:
    BILL JAMES SMITH JR asked, the son WILLIAM JAMES SMITH JR and the father BILL JAMES
    SMITH at one address, disclosed the son)."""
    lv, ob = other.levels, best.levels
    return (lv["first"] <= _first_given_exact(query, best) and lv["last"] <= ob["last"]
            and lv["address"] <= ob["address"] and lv.get("dob", -1) != 3
            and not other.tin_equal)


def _bears_the_name(query: Query, s: Scored) -> bool:
    """`s` bears the requested name (M_NAME_ONLY's "a taxpayer's name matches"): the same
    first given name, written alike, whichever field either side writes a later given name
    in (JOSE ANTONIO / "" and JOSE / ANTONIO alike, against JOSE / "", JOSE ANTONIO / "" or
    JOSE / ANTONIO), the same surname, and no middle name in conflict (JOSE / ANTONIO asked,
    JOSE LUIS REYES elsewhere is another name). Session 38: the consistency fuzzer found
    JOSE ANTONIO / "" REYES M_ADDRESS_ONLY and JOSE / ANTONIO REYES M_ADDRESS_ONLY;
    M_NAME_ONLY, the given name graded 4 in one layout and 5 in the other."""
    lv = s.levels
    if lv["last"] != 5 or lv.get("middle", -1) == 0:
        return False
    if lv["first"] == 5:
        return True
    a, b = query.name.first_tokens, s.candidate.name.first_tokens
    return lv["first"] == 4 and bool(a) and bool(b) and a[0] == b[0] and len(a[0]) > 1


def _first_given_exact(query: Query, best: Scored) -> int:
    """The best's given-name level, the request's given names laid out otherwise than the
    record's (JUAN CARLOS / "" against JUAN / CARLOS: level 4, the middle name equal,
    `same_given_names`) counted as exact (5)."""
    ob = best.levels
    if ob["first"] == 4 and ob.get("middle") == 2 and same_given_names(query.name,
                                                                      best.candidate.name):
        return 5
    return ob["first"]


def _margin(best: Scored, rival: Scored, model: MatchModel) -> float:
    """The bits by which the best leads a rival, the lesser of with and without the names'
    term-frequency lift. The lift (up to 3 bits a name, compare.assess) goes only to an
    exact given name or surname, and says how unlikely a stranger is to bear the name by
    chance; it says nothing of which of two relatives sharing its words is meant. A red-team
    probe of session 25: RIGOBERTO VALDIVIA asked, no date of birth, where RIGOBERTO
    VALDIVIA (the son) lives with JOSE RIGOBERTO VALDIVIA SOTO (the father, who goes by
    the name): M_AMBIGUOUS on a small master (5.4 bits apart), the son disclosed at
    p 0.9995 once 4,000 other taxpayers made both names rare. Where the names are common the
    lift is negative and the lesser is the lifted margin, as before."""
    lifted = best.bits - rival.bits
    return min(lifted, lifted - _name_lift(best, model) + _name_lift(rival, model))


def _name_lift(s: Scored, model: MatchModel) -> float:
    """The term-frequency lift in a candidate's given-name and surname weights."""
    return sum(s.weights.get(c, 0.0) - model.weight(c, s.levels[c]) for c in ("first", "last")
               if c in s.levels)


def _named_but_not_by_the_tin(query: Query, best: Scored, plausible: Sequence[Scored]
                              ) -> Scored | None:
    """The best is the TIN's holder, bearing the requested given name only in part, and
    another at the address bears it exactly and is contradicted by the TIN alone: the name
    says one person, the TIN another, and nothing says which field is wrong (decisions.md:
    a contradicting TIN makes it M_CONFLICT). Audit 22 (F8): FRANCISCO IBANEZ asked with
    the TIN of MIGUEL FRANCISCO IBANEZ VAZQUEZ, where FRANCISCO IBANEZ-VAZQUEZ, his twin,
    lives too: MIGUEL FRANCISCO was disclosed (he may go by FRANCISCO; the request may as
    well be for his brother with his TIN, a generator's "TIN of a housemate").

    So too where the name fits both and another field of the request is another
    resident's alone (red team r2): its exact date of birth, the TIN's holder's record
    holding no date (F5: RAFAEL OROZCO with the undated father's TIN and his son's date),
    or its generation, the TIN's holder's record naming none (F6: ERNESTO VALDIVIA JR with
    the TIN of ERNESTO VALDIVIA, where ERNESTO VALDIVIA JR lives too). Had the holder's
    record held another date, or the other generation, the request would contradict it.
    Or its middle (second given) name, which the TIN's holder's contradicts (red team r23:
    JUAN PABLO ORTIZ asked with the TIN of JUAN CARLOS ORTIZ, his twin at the address,
    their one date of birth beside it, disclosed JUAN CARLOS)."""
    if not best.tin_equal:
        return None
    ob = best.levels

    def points_to(s: Scored) -> bool:
        lv = s.levels
        if lv.get("tin", -1) != 0 or lv.get("dob", -1) == 0:
            return False
        if ob["first"] < 5 and lv["first"] == 5 and lv["last"] >= ob["last"]:
            return True
        if lv["first"] < ob["first"] or lv["last"] < ob["last"]:
            return False
        return ((lv.get("dob", -1) == 3 and ob.get("dob", -1) != 3)
                or (bool(query.name.suffix) and bool(s.candidate.name.suffix)
                    and lv["suffix"] == 2 and ob["suffix"] != 2)
                or (ob.get("middle", -1) == 0 and lv.get("middle", -1) >= 1))

    return next((s for s in plausible if s is not best and points_to(s)), None)


def _namesake_at_address(s: Scored, best: Scored) -> bool:
    """Another candidate bearing the requested given name and surname at the requested
    address (address level 2 or more): the father, son or namesake whom the generation
    rules below weigh against the best. The name at level 3 or more on each part: a record
    holding both surnames where the request gives the first (JOSE GARCIA LOPEZ for JOSE
    GARCIA), or a given name the record holds second (JOSE LUIS for LUIS), is how such a
    relative is written as often as not; at level 4 only, a red-team probe of session 25
    disclosed the undated son JOSE GARCIA to a request whose date was the father JOSE
    GARCIA LOPEZ's with two digits transposed, and the father to a request naming JR with
    his date where the JR's record held both surnames (with one surname on either record,
    both were M_AMBIGUOUS). vector._RELEVANCE keeps the rows at the same levels."""
    return (s is not best and s.levels["first"] >= 3 and s.levels["last"] >= 3
            and s.levels["address"] >= 2)


def _other_generation(query: Query, best: Scored, scored: Sequence[Scored]) -> Scored | None:
    """Another taxpayer at the requested address bearing the name, whom the request's
    generation or its date of birth points to while the other points to the best: the
    suffix says one person, the date the other, and nothing says which field is wrong.
    A probe of session 16 (every suffix and date layout of a father and son at one address)
    disclosed:
    - ERNESTO VALDIVIA JR born 1958, where ERNESTO VALDIVIA SR born 1958 lives with
      ERNESTO VALDIVIA II, whose record holds no date: the son (the suffix's). Now a
      namesake of another generation (suffix level 0) whose record holds the request's
      exact date, the best's not, refuses.
    - ERNESTO VALDIVIA JR born 1958, where ERNESTO VALDIVIA (no suffix) born 1958 lives
      with ERNESTO VALDIVIA JR born 1986: the father (the date's). Now, where the best's
      record names no generation, a namesake whose record names the request's (JR, or II
      for JR) refuses, contradicted by the date or not.
    The TIN settles either."""
    if best.tin_equal:
        return None
    if best.levels.get("dob", -1) != 3:
        dated = next((s for s in scored if _namesake_at_address(s, best)
                      and s.levels.get("suffix") == 0 and s.levels.get("dob", -1) == 3), None)
        if dated is not None:
            return dated
    if query.name.suffix and not best.candidate.name.suffix:
        return next((s for s in scored if _namesake_at_address(s, best)
                     and s.candidate.name.suffix
                     and s.levels.get("suffix") != 0), None) or _generation_by_age(
                         query.name.suffix, best, scored)
    asked = _generation_in_middle(query.name)
    if asked and not same_generation(asked, best.candidate.name.suffix or asked):
        # JUNIOR (SENIOR) alone in the middle-name field, where the best's record names
        # another generation: a namesake whose record names the one read (red team r45:
        # ROBERT JUNIOR BROWN with ROBERT BROWN SR's date disclosed the SR, where ROBERT
        # BROWN JR lives; with the suffix field JR it is M_CONFLICT)
        return next((s for s in scored if _namesake_at_address(s, best)
                     and same_generation(asked, s.candidate.name.suffix)), None)
    if asked and not best.candidate.name.suffix:
        return _generation_by_age(asked, best, scored)
    return None


def _generation_in_middle(name: NormName) -> str:
    """The generation a request's middle-name field names when it holds JUNIOR or SENIOR
    alone (normalize/names reads either as a name there: JUNIOR is a given name too), and
    no suffix is given: read so only to find a rival, never to disclose."""
    if name.suffix:
        return ""
    return {"JUNIOR": "JR", "SENIOR": "SR"}.get(name.middle, "")


# The years by which a namesake at the address must be younger (or older) than the best for
# the request's generation to point to it: a generation apart, not a cousin or a brother.
_GENERATION_YEARS = 12
_YOUNGER_GENERATIONS = frozenset({"JR", "II", "III", "IV", "V"})


def _generation_by_age(asked: str, best: Scored, scored: Sequence[Scored]
                       ) -> Scored | None:
    """Where neither record names a generation, the request's generation read by the two
    dates of birth on record: JAMES MILLER JR born 1950-05-05 asked where JAMES MILLER born
    1950-05-05 lives with JAMES MILLER born 1980-06-06 (neither filing with a suffix)
    disclosed the father, the date's; JAMES MILLER SR with the son's date disclosed the son
    (red team r45). A JR (II, III …) is the younger of two namesakes a generation apart, a
    SR the elder: the suffix says one, the date the other, and nothing says which field is
    wrong (a request for the son bearing his father's date of birth, the conflicting DOB of
    a JR/SR household, took the father's address). Only a namesake at the address
    (`_namesake_at_address`) whose record names no generation either and holds a date at
    least `_GENERATION_YEARS` from the best's, on the suffix's side. The TIN settles it
    (`_other_generation`). `asked`: the request's generation (JR, SR, II …)."""
    if asked != "SR" and asked not in _YOUNGER_GENERATIONS:
        return None
    born = best.candidate.dob
    if born is None:
        return None

    def points_to(s: Scored) -> bool:
        other = s.candidate.dob
        if other is None or s.candidate.name.suffix or not _namesake_at_address(s, best):
            return False
        years = (other - born).days / 365.25   # > 0: the namesake is the younger
        return years >= _GENERATION_YEARS if asked != "SR" else years <= -_GENERATION_YEARS

    return next((s for s in scored if points_to(s)), None)


def _undated_against_dated(query: Query, best: Scored, scored: Sequence[Scored]
                           ) -> Scored | None:
    """The request's date of birth contradicts a namesake at the requested address and
    says nothing of the best, whose record holds no date: the request may be for the
    contradicted one with the date wrong as well as for the best. A probe of session 16:
    ERNESTO VALDIVIA born 1970 asked where ERNESTO VALDIVIA, born 1958, lives with ERNESTO
    VALDIVIA JR, whose record holds no date, disclosed the son; a request for the father
    with a wrong date (the conflicting DOB of a JR/SR household) would have disclosed his
    son. Not where the request names a generation the best's record names and the
    contradicted one's does not (ERNESTO VALDIVIA JR born 1970 there is the son). Only
    namesakes (_namesake_at_address, no conflicting suffix)
    at the address; the best settled by its own date (exact, or day and month swapped) or
    the TIN stays."""
    if query.dob is None or best.tin_equal or best.levels.get("dob", -1) != -1:
        return None

    def named_generation(s: Scored) -> bool:   # its record names the request's generation
        return bool(query.name.suffix and s.candidate.name.suffix) and s.levels["suffix"] != 0

    return next((s for s in scored
                 if _namesake_at_address(s, best) and s.contradicted
                 and s.levels.get("dob") == 0 and s.name_plausible
                 # the middle name too points away from it (MARIA DEL CARMEN ZAMORA born
                 # 1999 at the undated one's, MARIA ELENA born 2003 beside her: audit 19)
                 and not _middle_tells_apart(query, best, s)
                 # the request's generation on the best's record, not on this one's: the
                 # suffix and the date both point to the best
                 and not (named_generation(best) and not named_generation(s))), None)


def _swapped_date_a_housemates(best: Scored, scored: Sequence[Scored]) -> bool:
    """True if the request's date of birth agrees with the best's only read with day and
    month swapped (level 2), the TIN not settling it, and another taxpayer of the request's
    surname at the requested address (surname level 3 or more, address level 2 or more)
    was born on the request's date exactly, whatever its given name: the swap the policy
    forgives as the commonest slip is then the exact date of a relative (siblings, a twin's
    namesake, a parent and child born on one day and month read apart). vector._RELEVANCE
    keeps such rows."""
    if best.tin_equal or best.levels.get("dob", -1) != 2:
        return False
    return any(s is not best and s.levels.get("dob", -1) == 3 and s.levels["last"] >= 3
               and s.levels["address"] >= 2 for s in scored)


def _named_exactly_dated_otherwise(query: Query, best: Scored, scored: Sequence[Scored]
                                   ) -> Scored | None:
    """A taxpayer at the requested address bearing the request's given name exactly, whose
    record's date of birth contradicts the request's, where the best bears the given name
    only nearly (a slip, another spelling, a short form) and is settled by the date alone
    (exact, no TIN): the name says one person, the date the other. Red team r45: JON PARKER
    born 1992-05-05 asked where JON PARKER (1990-01-01) lives with his brother JOHN PARKER
    (1992-05-05) disclosed JOHN; MARK COOK with his son MARC's date disclosed MARC, DESHAWN
    BELL with his brother DESHAUN's date DESHAUN. A request for JON bearing his brother's
    date (the conflicting date of birth of a family) took the brother's record. Only such
    a one not told apart by a generation or a middle name of its own (suffix or middle
    level 0), of the best's surname and address or closer."""
    if best.tin_equal or best.levels.get("dob", -1) != 3:
        return None
    if _first_given_exact(query, best) >= 5:
        return None
    asked = query.name.first_tokens
    borne = (*best.candidate.name.first_tokens, *best.candidate.name.middle.split())
    if asked and asked[0] in borne:
        # The request's given name is one of the best's own, written alike, the best's
        # record holding more given names (VICTOR for VICTOR MIGUEL FLORES FLORES, who goes
        # by it, beside his father VICTOR FLORES FLORES; ROBERT for J ROBERT WHITFIELD
        # beside his son ROBERT, session 25's red team F4): the name fits both, only the
        # date tells them apart, and it names one. Session 38: the rule as first written
        # refused 10 such due requests of audit 22's seed 1 (2 of audit 19's, 3 of audit
        # 20's), and CI's test_initial_before_a_given_name F4D; JON for JOHN is another
        # spelling, not one of the person's names.
        return None
    ob = best.levels

    def named_exactly(s: Scored) -> bool:
        lv = s.levels
        return (s is not best and s.contradicted and lv.get("dob", -1) == 0
                and not s.tin_equal and _first_given_exact(query, s) == 5
                and lv["last"] >= max(ob["last"], 3) and lv["address"] >= max(ob["address"], 2)
                and lv["suffix"] != 0 and lv.get("middle", -1) != 0)

    return next((s for s in scored if named_exactly(s)), None)


def _undated_namesake(query: Query, best: Scored, scored: Sequence[Scored]) -> Scored | None:
    """A namesake at the requested address whom only a date of birth missing from its
    record keeps from agreeing with the request as well as the best: the best is settled
    by the request's date of birth alone (exact, or day and month swapped; no TIN), and
    the namesake's record holds no date, names the best's generation (both none, or the
    same suffix), is not contradicted, agrees at least as well on the given name, surname
    and address (a unit the request leaves out is no disagreement: LEONILA MARLOWE at 300
    OAK ST, born 1975, beside the undated one of 300 OAK ST APT 2), and holds no middle
    name that conflicts (none is a middle name missing). The given-name rules that tell a
    rival apart (`_given_name_tells_apart`, `_second_name_tells_apart`) need its given name
    below the best's, which this one's is not. JORGE OKAFOR born 1997-05-08
    asked where JORGE OKAFOR born 1997-05-08 lives with an undated JORGE OKAFOR was
    disclosed (audit 23's "judgment class", 40 a run; audits 21 and 22 counted the same
    shape "soft"). Not where the records name two generations (IGNACIO QUEZADA born 1958
    where IGNACIO QUEZADA born 1958 and the undated IGNACIO QUEZADA JR live: the JR is not
    born on his namesake's day), nor where a field the namesake's record holds points
    away from it (a middle name conflicting)."""
    if best.tin_equal or best.levels.get("dob", -1) not in (2, 3):
        return None
    ob = best.levels

    def lacks_only_the_date(s: Scored) -> bool:
        lv = s.levels
        return (_namesake_at_address(s, best) and not s.contradicted and not s.tin_equal
                and lv.get("dob", -1) == -1
                and s.candidate.name.suffix == best.candidate.name.suffix
                and all(lv.get(c, -1) >= ob.get(c, -1) for c in ("first", "last"))
                and (lv["address"] >= ob["address"]
                     # in a unit the request leaves out (the best's record has none)
                     or (lv["address"] == 4 and ob["address"] == 5 and not query.address.unit))
                and lv.get("middle", -1) != 0)   # a middle name conflicting tells apart

    return next((s for s in scored if s is not best and lacks_only_the_date(s)), None)


def _wins_only_by_missing(best: Scored, other: Scored) -> bool:
    """True if `other` agrees better than `best` on the address or the name, and `best` is
    ahead only on the date of birth or the TIN that `other`'s record lacks. Two namesakes,
    one with the request's date of birth at a near address (the requested unit missing),
    the other at exactly the requested address with no date on record: the bits favour the
    first by the date's weight, but nothing says the second is not the person (an
    acceptance audit: LEONILA MARLOWE with the DOB at 300 OAK ST, no unit, was disclosed
    for a request at 300 OAK ST APT 2, where a LEONILA MARLOWE without a DOB lives).
    Another ZIP of the city or a directional left out grade the address 5 like the exact
    one, so this rule cannot see them (docs/matching.md, session 10). A house-number slip
    was already ambiguous: it costs more bits."""
    ahead = [c for c in ("first", "last", "address")
             if other.levels.get(c, -1) > best.levels.get(c, -1)]
    if not ahead:
        return False
    behind = [c for c in best.levels
              if best.levels.get(c, -1) > other.levels.get(c, -1)
              and not (c == "middle" and best.levels.get(c, -1) < 2)]
    return bool(behind) and all(c in ("dob", "tin") and other.levels.get(c, -1) == -1
                                for c in behind)


def _swapped_readings(query: Query) -> list[NormName]:
    """The request's name with its given name and surname read the other way round: the
    fields swapped, and for a surname field of several words and no middle name, its last
    word as the given name and the words before it as the middle name (NGUYEN / VAN HAI for
    NGUYEN VAN HAI, whose given name is HAI, VAN the middle name: audit 11, R2)."""
    if not query.name.first or not query.name.last:
        return []
    readings = [normalize_name(first=query.name.last, middle=query.name.middle,
                               last=query.name.first, suffix=query.name.suffix)]
    last_words = query.name.last.split()
    if len(last_words) > 1 and not query.name.middle:
        readings.append(normalize_name(first=last_words[-1], middle=" ".join(last_words[:-1]),
                                       last=query.name.first, suffix=query.name.suffix))
    return readings


def _reads_swapped(readings: Sequence[NormName], name: NormName) -> tuple[int, NormName,
                                                                           NameComparison] | None:
    """The first reading under which `name` agrees (given name 4 or more, surname 3 or
    more, no conflicting suffix): its index, the reading and the comparison."""
    return next(((i, t, c) for i, t in enumerate(readings)
                 if first_may_be_canonical(t.first_tokens, name.first_tokens)
                 for c in (compare_names(t, name),)
                 if c.first >= 4 and c.last >= 3 and c.suffix != 0), None)


class SwappedNameTest:
    """Whether a seq's candidate name agrees with the request's name read swapped (what
    _swapped_housemate asks of a resident whose name is otherwise unrelated), each
    request's readings made once; `may_agree` is false where the candidate's given names
    alone rule it out. The DuckDB engine fetches only such residents' rows
    (setwise.swapped_names, vector.relevant_rows)."""

    def __init__(self, queries: Mapping[int, Query]) -> None:
        self._queries = queries
        self._readings: dict[int, list[NormName]] = {}
        self._word_lists: dict[int, tuple[str, ...] | None] = {}

    def _of(self, seq: int) -> list[NormName]:
        mine = self._readings.get(seq)
        if mine is None:
            mine = self._readings[seq] = _swapped_readings(self._queries[seq])
        return mine

    def may_agree(self, seq: int, first_tokens: tuple[str, ...]) -> bool:
        """False only where no swapped reading's given name can agree with a candidate's
        whose first_tokens these are (first level 4 or more: first_may_be_canonical). The
        readings are not made for it: a reading's first given-name word is a word of the
        request's surname or middle-name field, or two of the surname's run together (a
        connector fused, DE ANDRE); the first level 4 or more needs that word and the
        candidate's to be one name (same_canonical) or one the other's beginning (the same
        word, or the words joined alike). A field whose words the normalization rewrites
        otherwise (ABD compounds, MD for MUHAMMAD) is read through the readings."""
        if not first_tokens or len(first_tokens[0]) == 1:
            return False
        words = self._words(seq)
        if words is None:
            return any(first_may_be_canonical(t.first_tokens, first_tokens)
                       for t in self._of(seq))
        y = first_tokens[0]
        return any(w.startswith(y) or y.startswith(w) or same_canonical(w, y) for w in words)

    def _words(self, seq: int) -> tuple[str, ...] | None:
        """may_agree's words of the request (None: read through the readings), made once
        a request: may_agree runs for every resident row the chooser is offered."""
        if seq in self._word_lists:
            return self._word_lists[seq]
        name = self._queries[seq].name
        last, middle = name.last.split(), name.middle.split()
        words: tuple[str, ...] | None = None
        if not any(w.startswith("ABD") or w == "MD" for w in (*last, *middle)):
            words = (*last, *middle, *(a + b for a, b in itertools.pairwise(last)))
        self._word_lists[seq] = words
        return words

    def __call__(self, seq: int, name: NormName) -> bool:
        return _reads_swapped(self._of(seq), name) is not None


def _swapped_housemate(query: Query, best: Scored, scored: Sequence[Scored]) -> Scored | None:
    """A resident of the requested address whose name is the request's read the other way
    round (given name and surname swapped), as consistent with the request as the best: an
    independent audit (21) asked for LI CHEN, no date of birth, where LI CHEN and CHEN LI
    live, and the first was disclosed; yet the swapped reading alone would be read as the
    request's (_read_swapped), and for Chinese, Korean and Vietnamese names the order is
    easily written either way. Not where the best's date of birth (exact, or day and month
    swapped) or TIN agrees and the other's does not. vector._RELEVANT_SQL keeps these rows:
    a resident (address 2 or more), uncontradicted, with no conflicting suffix (a plausible
    one is kept anyway). Until red team r2 only one whose given name and surname both
    related below 2: YANG YAN beside YAN YANG (surnames one slip apart) was never read."""
    if best.tin_equal:
        return None
    best_dated = best.levels.get("dob", -1) in (2, 3)
    readings: list[NormName] | None = None
    # Whatever the straight levels: YANG YAN beside YAN YANG relates to the request at
    # surname level 2 (YAN / YANG, one slip), and was passed over (red team r2, F1).
    for s in scored:
        if (s.candidate.tin == best.candidate.tin or not s.address_plausible or s.contradicted
                or s.levels["suffix"] == 0
                or (best_dated and s.levels.get("dob", -1) not in (2, 3))):
            continue
        if readings is None:
            readings = _swapped_readings(query)
        if _reads_swapped(readings, s.candidate.name) is not None:
            return s
    return None


def _read_swapped(query: Query, scored: Sequence[Scored], model: MatchModel, *,
                  namesakes_elsewhere: bool = False) -> list[Scored]:
    """Candidates at the requested address whose names agree once the request's given name
    and surname are read the other way round (GARCIA / JOSE for JOSE GARCIA: a common
    data-entry slip, and with Spanish names the order is easily misread). Such a reading is
    evidence of the name, strong with an exact date of birth or the TIN, or without them
    where the slip is evident (_evidently_swapped); else a person decides.
    benchmarks/noise.py: every swapped request used to be M_ADDRESS_ONLY.

    An evident swap is not strong by itself (red team r2) where the name as written is a
    taxpayer's elsewhere (F4: CHEN / WEI at WEI CHEN's address, a CHEN WEI in Denver; or
    more bear it than the search fetches, `namesakes_elsewhere`): the request names him,
    and the reading only resembles it, as _closer_name_elsewhere holds straight; nor where
    the request names a unit the record lacks (F3): no key fetches a namesake in another
    unit under the reading, so _namesake_in_another_unit cannot see one."""
    readings = _swapped_readings(query)
    written_elsewhere = namesakes_elsewhere or any(
        not s.address_plausible and not s.contradicted and s.levels["first"] == 5
        and s.levels["last"] == 5 and s.levels["suffix"] != 0
        and s.levels.get("middle", -1) != 0 for s in scored)
    out = []
    for s in scored:
        if not s.address_plausible:
            continue
        hit = _reads_swapped(readings, s.candidate.name)
        if hit is None:
            continue
        i, t, c = hit
        levels = dict(s.levels, first=c.first, last=c.last, middle=c.middle)
        weights = dict(s.weights)
        for comp in ("first", "last", "middle"):
            weights[comp] = model.weight(comp, levels[comp])   # no term-frequency lift
        titled = title_conflict(query.name, s.candidate.name)
        # a courtesy title of the other sex is settled by the TIN with the exact date of
        # birth beside it, not by the TIN alone (compare.assess, red team r23)
        strong = (s.tin_equal and (not titled or s.levels.get("dob", -1) == 3)) or (
            (s.levels.get("dob", -1) == 3 or (
                # no DOB or TIN asked: one the record lacks may be a taxpayer's
                # elsewhere, whom no key fetches under the swapped reading
                query.dob is None and not query.tin and not query.dob_unread and i == 0
                and not written_elsewhere
                and not (query.address.unit and s.levels["address"] == 4)
                and _evidently_swapped(t, s.candidate.name, c)))
            and not titled)
        held = () if strong else ((HELD_TITLE if titled else HELD_SWAPPED),)
        out.append(dataclasses.replace(
            s, levels=levels, weights=weights, bits=sum(weights.values()),
            name_plausible=True, name_strong=strong,
            held=held + tuple(h for h in s.held if h == HELD_ADDRESS)))
    return out


def _evidently_swapped(reading: NormName, cand: NormName, c: NameComparison) -> bool:
    """A swapped reading that no other person's record could produce, strong without a
    date of birth: the given-name field holds the taxpayer's surname, a word of which no
    list holds as a given name (GARCIA / JOSE, ZAVALA CRUZ / MONICA), so nobody of the
    household is called by it; and the names agree exactly once read so.

    Exactly means where _closer_name_elsewhere could never send the straight request to
    review, because the search fetches no namesake of the swapped reading elsewhere (the
    name keys are the request's as written): the given names exact; the surname exact, or
    the request giving only the taxpayer's first surname(s) (GARCIA / JOSE for JOSE GARCIA
    LOPEZ); the middle names equal, none on the request's side, or the request's the
    initial of the record's full one (NGUYEN / T / VY for VY THI NGUYEN). Not HUERTA CARRILLO /
    ISABEL at ISABEL HUERTA's address (an ISABEL HUERTA CARRILLO elsewhere would be closer),
    nor the surnames in another order, nor a middle name the record lacks or has only as an
    initial; not another generation. JAMES / THOMAS (both given names: THOMAS JAMES may be
    another man) and NGUYEN / VAN HAI (a layout, not a slip) stay with a person unless the
    DOB or the TIN settles them. Audit 16 (an independent generator) sent its swapped names
    without a DOB to review, a cost to recall that nothing here needed."""
    if c.first != 5 or reading.suffix != cand.suffix or not (
            c.middle in (-1, 2) or (c.middle == 1 and (
                not reading.middle or _initial_of(reading.middle, cand.middle)))):
        return False
    if not (c.last == 5 or (c.last == 3 and leading_surnames(reading.last, cand.last))):
        return False
    # One word no list holds as a given name is enough: nobody is called ZAVALA CRUZ or
    # LUNA ROJAS by given name, although CRUZ and LUNA alone are given names (session 17's
    # generator sent such swaps to review). A surname of given-name words only (JAMES,
    # MARTIN, LEE) stays with a person, unless the full middle name agrees as well: THOMAS
    # JAMES may live where JAMES THOMAS does, but a WILSON CHRISTOPHER JAMES where JAMES
    # CHRISTOPHER WILSON lives would be a third coincidence (the generator's English swaps).
    if c.middle == 2 and len(reading.middle.replace(" ", "")) > 1:
        return bool(reading.last_tokens)
    if not reading.last_tokens:
        return False
    if not all(is_attested_given_name(w) for w in reading.last_tokens):
        return True
    # Nor, where the surname field holds no common surname, a word that the census holds
    # mostly as a surname (JOHNSON / JENNIFER, LIN / LEI, WILSON / NANCY, CRUZ / ARMANDO):
    # some list holds JOHNSON as a given name, but nobody is JOHNSON by given name and
    # JENNIFER by surname (audit 19: 46 swapped due requests to review, most such). WILSON
    # / JAMES stays with a person: JAMES is a surname, and a WILSON JAMES may be someone.
    return (any(reads_as_surname(w) for w in reading.last_tokens)
            and not any(is_common_surname(w) for w in reading.first_tokens))


def _initial_of(initial: str, middle: str) -> bool:
    """The request's middle name is the initial of the record's full one (NGUYEN / T / VY
    for VY THI NGUYEN): as far as it goes the same, and the record has a middle name, so
    no namesake elsewhere bearing it in full would be closer (_closer_name_elsewhere)."""
    first = middle.split(" ")[0]
    return len(initial) == 1 and len(first) > 1 and first[0] == initial


def reads_unseen_namesakes(scored: Sequence[Scored]) -> bool:
    """Whether the unfetched namesakes of a common-named request (`decide`'s
    `unseen_namesakes`) can bear on its decision: only through _closer_name_elsewhere, and
    only when a plausible candidate's name is inexact, or exact but for a middle name its
    record lacks (a cheap superset of where the rule reads them)."""
    return any(s.plausible and (not (s.levels["first"] == 5 and s.levels["last"] == 5)
                                or s.levels.get("middle", -1) == 1)
               for s in scored)


def _first_surnames_only(q: NormName, c: NormName) -> bool:
    """The request gives the taxpayer's first surname(s) and leaves out the rest (FRANCISCO
    RODRIGUEZ for FRANCISCO RODRIGUEZ MARTINEZ): how most people with two surnames are
    written outside their own papers. Not the second surname alone (CARMEN RODRIGUEZ for
    CARMEN JIMENEZ RODRIGUEZ), which is rarely how she is called.

    Such a request with the given name exact is not sent to review for a namesake elsewhere
    bearing the shorter surname exactly (_closer_name_elsewhere), unless, as with the exact
    surname, the namesake also bears a full middle name that the request gives and the
    resident's record lacks. The namesake alone says little:
    a common name always has them, the person's or not. With that rule `dgate evaluate` sent
    2.3% of the due requests to review, nearly all of them this reading, and at 1M taxpayers
    (seed 14) it put recall at 0.9663 and review at 3.27% (0.9898 and 0.92% without it),
    with no wrongful disclosure either way on seeds 11-14. What it did catch, and no longer
    does: benchmarks/scale.py's "strangers" (one taxpayer's name at another's address,
    chosen at random) where the resident bears that name with a second surname (1 of about
    8,000 at 1M taxpayers: CARMEN JIMENEZ at CARMEN JIMENEZ RODRIGUEZ's address). That is
    the same chance collision as a stranger at the address of a resident with the exact
    name (MARGARET BROWN), which no rule can tell from the person either."""
    return leading_surnames(q.last, c.last)


def _shortened_from_the_record(q: NormName, c: NormName) -> bool:
    """The requested name is the resident's as recorded, shortened and nothing added: its
    given names are the record's first ones in order (a later one perhaps as an initial:
    JOSE for JOSE ALFREDO, OSCAR M for OSCAR MIGUEL, JOSE A for JOSE ANTONIO), and its
    surnames the record's, or the record's first ones (RIVERA for RIVERA OROZCO). A namesake
    elsewhere bearing that shorter name exactly is then no closer than the resident: the
    short form is how the resident is written outside his own papers, and a common short
    name always has bearers elsewhere, the person's or not (_closer_name_elsewhere).

    Session 26, audit 22 seed 1: the rule sent 80 of 1,613 due requests to review, nearly
    all JOSE RIVERA for JOSE ALFREDO RIVERA Y OROZCO at his own address; with this reading
    29 of them are disclosed (recall 0.903 to 0.926), no wrongful disclosure added there,
    on audits 19-21, on `dgate evaluate` seed 11, or among benchmarks/scale.py's 8,000
    "strangers" at 1M taxpayers (one taxpayer's name at another's address, chosen at
    random). Two readings were measured and left out, each disclosing strangers there:
    the record bearing fewer surnames than the request (FRANCISCO MARTINEZ RODRIGUEZ asked
    at the address of FRANCISCO MARTINEZ: the request says more than the record, and the
    namesake elsewhere bears all of it; 3 more strangers), and the second surname alone
    (MARIA RUIZ for MARIA PADILLA RUIZ, rarely how she is called; 1 more). Not either
    when the request gives a full middle name the record lacks (the namesake may bear it:
    the rule's own test below). A bearer of the short name a slip away (address level 2:
    the same line in another ZIP of the city, say) is still read by the rule, and so is one
    next door (level 1: another unit of the building, another house of the street).

    Nothing added means no surname particle the record lacks (JOSE DE LEON is not JOSE
    ALFREDO LEON shortened: names.recorded_surnames), and a Korean given name of two
    syllables is never cut to the first (JI SEO is not JI YEON SEO shortened). Each of
    these was disclosed beside a bearer of the requested name elsewhere (session 26's red
    team, tests/e2e/test_shortened_names.py P1-P3, K1-K2)."""
    given_q = [*q.first_tokens, *q.middle.split()]
    given_c = [*c.first_tokens, *c.middle.split()]
    if not given_q or len(given_q[0]) < 2 or len(given_q) > len(given_c):
        return False
    if not all(a == b or (len(a) == 1 and b.startswith(a))
               for a, b in zip(given_q, given_c, strict=False)):
        return False
    if len(q.middle.split(" ")[0]) >= 2 and not c.middle:
        return False
    # Two Korean syllables are one given name (JI YEON, MIN JI: normalize/korean.py): the
    # first syllable alone is no short form of it but another name (JI SEO asked at JI YEON
    # SEO's address, a JI SEO elsewhere, was disclosed: session 26's red team). A request
    # that writes the first syllable in full writes the second in full too.
    for i in range(min(len(given_q), len(given_c) - 1)):
        if (len(given_q[i]) > 1
                and joins_given_name([given_c[i]], [given_c[i + 1]], c.last_tokens)
                and (len(given_q) <= i + 1 or given_q[i + 1] != given_c[i + 1])):
            return False
    # The surnames as recorded or the first of them, a particle perhaps left out but none
    # added (DE LEON is not LEON: names.recorded_surnames)
    return recorded_surnames(q.last, c.last)


def _identified_elsewhere(s: Scored) -> bool:
    """A taxpayer elsewhere bearing the request's TIN, or its exact date of birth, with a
    name that could be the request's and no middle name or suffix against it. With the
    resident's date of birth unknown, that one is closer than any reading of the
    resident's name (a review: FRANCISCO RODRIGUEZ born 1980-01-01 at FRANCISCO
    RODRIGUEZ MARTINEZ's address, no date on his record, while a FRANCISCO RODRIGUEZ born
    that day lives elsewhere: disclosed; the same with the resident's name exact)."""
    if s.contradicted or not (s.tin_equal or s.levels.get("dob", -1) == 3):
        return False
    return (s.name_plausible and s.levels["suffix"] != 0
            and s.levels.get("middle", -1) != 0)


def _closer_name_elsewhere(query: Query, best: Scored, scored: Sequence[Scored],
                           unseen: Sequence[Namesake] = ()) -> bool:
    """True if `best` agrees with the requested name less than exactly while a candidate
    not at the requested address agrees exactly (given name and surname), is not
    contradicted by the date of birth or TIN, and whose middle name does not conflict with
    the request's (level 0 makes it someone else; a middle name missing from its record is
    no evidence either way). `dgate evaluate`: a namesake with a conflicting middle name
    sent requests to review.

    Not when the request's own date of birth (exact) or TIN is the resident's: a namesake
    elsewhere whose record holds no date to compare would have to share it by chance. Nor
    against a namesake who lacks the full middle name that the request and the resident
    share: a given name, a second given name, a surname and the address in common outweigh
    a given name and a surname alone (session 9: of 223 true requests this rule sent to
    review on `dgate evaluate` seed 11, 15 had the resident's exact date of birth or the
    middle name in common).

    `unseen`: the namesakes no key fetched, where more taxpayers bear the name than the
    search fetches; judged the same way (session 10: without them, of `dgate evaluate` seed
    11's true requests 48 were disclosed that the same rule sent to review whenever the
    namesakes were fetched, and benchmarks/scale.py disclosed strangers at 1M and 10M).

    The middle name counts the same way when the given name and surname are exact: the
    request's full middle name is borne elsewhere with them while the resident's record has
    no middle name at all (ROBERT DANIEL CLARK asked for at the address of ROBERT CLARK,
    another ROBERT DANIEL CLARK elsewhere: benchmarks/scale.py). A record with the middle
    initial agrees as far as it goes and is not passed over (session 10: that sent 13 true
    requests of `dgate evaluate` seed 12 to review, CHRISTOPHER KENNETH KING at the address
    of CHRISTOPHER K KING).

    Whatever the names, with the resident's date of birth unknown, or only its day and
    month swapped, a taxpayer elsewhere identified by the request's TIN or exact date of
    birth is closer (_identified_elsewhere)."""
    if best.tin_equal or best.levels.get("dob") == 3:
        return False
    # Elsewhere is also a slip away (address level 2: the house number one slip off, a ZIP
    # of another sectional center, or another ZIP of the city whose requested ZIP holds the
    # request's line; compare.address_level): at least as near as a namesake across town,
    # whom the rule reads, and weighed 11 bits below the resident, so no rival either
    # (session 26, a red team: WILLIAM SMITH asked at 2178 E 18TH CT, 90033, where BILL
    # SMITH lives, was disclosed beside a WILLIAM SMITH at 2178 E 18TH CT, 90022, or at
    # 2179 E 18TH CT; with that WILLIAM SMITH at 99 OAK ST it went to review).
    elsewhere = [s for s in scored if s is not best and s.levels["address"] <= 2]
    if best.levels.get("dob", -1) in (-1, 2) and any(_identified_elsewhere(s)
                                                     for s in elsewhere):
        return True
    if _shortened_from_the_record(query.name, best.candidate.name):
        # no bearer of the short name across town is closer; one a slip away still is, and
        # so is one next door (address level 1: another unit of the building, another house
        # of the street): JOSE RIVERA asked at APT 2, where JOSE ALFREDO RIVERA OROZCO lives,
        # was disclosed beside a JOSE RIVERA in APT 5 (session 26's red team)
        elsewhere = [s for s in elsewhere if s.levels["address"] in (1, 2)]
        unseen = ()
    middle = best.levels.get("middle", -1)
    # The same given names laid out otherwise (JUAN MANUEL / "" against JUAN / MANUEL:
    # given-name level 4, middle 2) are the exact name: a namesake elsewhere writing them
    # in the first-name field is no closer (audit 11: once both-in-the-first-field second
    # names were compared as middle names, 11 due requests of seeds 11-13 went to review
    # for such a namesake).
    # So are given-name words joined or split otherwise (JI-YEON, JI YEON against JIYEON:
    # audit 20 sent such requests to review for a JI YEON SEO elsewhere, the same name).
    exact_first = best.levels["first"] == 5 or (
        best.levels["first"] == 4 and middle == 2
        and same_given_names(query.name, best.candidate.name)) or (
        best.levels["first"] == 4 and middle in (-1, 2)
        and "".join(query.name.first_tokens) == "".join(best.candidate.name.first_tokens))
    # The first surname only (FRANCISCO RODRIGUEZ for FRANCISCO RODRIGUEZ MARTINEZ) is the
    # person's usual name, as good as the exact one here; so with the given names laid out
    # otherwise (red team r44: MARIA / DEL CARMEN AGUILAR at MARIA DEL CARMEN / "" AGUILAR
    # MORA's address went to review for a MARIA DEL CARMEN AGUILAR elsewhere, MARIA DEL
    # CARMEN / "" was disclosed)
    if exact_first and (best.levels["last"] == 5
                        or _first_surnames_only(query.name, best.candidate.name)):
        if (middle != 1 or best.candidate.name.middle
                or len(query.name.middle.split(" ")[0]) < 2):
            return False
        wanted = 2     # the namesake must bear the full middle name
    else:
        # against a namesake who lacks the full middle name the request and the resident
        # share, the resident is the closer
        wanted = 2 if middle == 2 else 1
    namesakes: list[Scored | Namesake] = [*elsewhere, *unseen]
    return any(not s.contradicted
               and s.levels["first"] == 5 and s.levels["last"] == 5 and s.levels["suffix"] != 0
               and s.levels.get("middle", -1) != 0
               and (wanted < 2 or s.levels.get("middle", -1) == 2)
               for s in namesakes)

"""Comparison of one request against one candidate taxpayer: levels, weights, evidence.

Pure functions over normalized values. The request is compared with EVERY address in the
candidate's history (the requester may hold an old one); the best-corresponding address
is the one that counts. What is disclosed is never that address but the last known one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from dgate.match.model import MatchModel
from dgate.model import DisclosedAddress, NormAddress, NormName
from dgate.normalize.address import (
    AddressComparison,
    compare_addresses,
    grid_axis_left_out,
    is_post_office_bound,
    request_city_zips,
)
from dgate.normalize.names import (
    compare_names,
    gendered_pair,
    nickname_slip,
    other_sex,
    real_surname_slip,
    title_conflict,
    two_given_names,
    unvouched_given_slip,
    unvouched_middle_slip,
)
from dgate.normalize.nicknames import cross_language_equivalent, is_known_given_name


@dataclass(frozen=True, slots=True)
class Query:
    """A legally sufficient request, normalized."""

    seq: int
    name: NormName
    address: NormAddress
    dob: date | None
    tin: str  # 9 digits or ""
    # a date of birth was given but could not be read: it may contradict the candidate,
    # so nothing is disclosed without a person (decide/policy.py)
    dob_unread: bool = False
    # a date of birth no person under the record's final order can have
    # (rules.dates.birth_impossible): read and compared, but a person decides the rest
    dob_impossible: bool = False
    # the requested street is a street of the requested ZIP in the master (someone's
    # address there, any house): a street name one slip from it is that other street, not
    # a slip of it (engine.PAIRS_SQL's known_street; address_level)
    street_known: bool = False
    # the urbanizations the master holds at the requested house and street of the
    # requested ZIP (engine.PAIRS_SQL's urb_here), sorted: two or more, or one that is not
    # the one given, and an address whose urbanization one side leaves out is not settled
    # by the street line (address_level)
    urbs_here: tuple[str, ...] = ()
    # the directionals the master holds at the requested house and street of the requested
    # ZIP ("" for a row without one; engine.PAIRS_SQL's dir_here), sorted: where one side
    # gives a directional and the other none, another one here (or a row without one, for
    # a request without one) means the street line does not settle the house
    # (address_level, dir_unsettled)
    dirs_here: tuple[str, ...] = ()
    # a row at the requested house and street of the requested ZIP is the request's street
    # line as written: its directional and urbanization the request's (none where the
    # request gives none; engine.PAIRS_SQL's dir_here.line). Then the same line in another
    # ZIP of the city is another house, not a slip in the ZIP (address_level,
    # zip_unsettled)
    line_here: bool = False
    # the street types the master holds at the requested house and street of the requested
    # place ("" for a row without one; engine.PAIRS_SQL's dir_here), sorted: as dirs_here,
    # for a type given on one side only (type_unsettled)
    types_here: tuple[str, ...] = ()
    # for a request without a ZIP: how many ZIPs of its city hold the requested house and
    # street, and how many the request's line as written (its directional, urbanization
    # and type; engine.PAIRS_SQL's dir_here nz, nzl): city_unsettled
    zips_here: int = 0
    line_zips: int = 0


@dataclass(frozen=True, slots=True)
class CandidateAddress:
    addr_id: int
    norm: NormAddress
    source: str
    effective_date: date


@dataclass(frozen=True, slots=True)
class Candidate:
    tin: str
    name: NormName
    dob: date | None
    dod: date | None
    addresses: tuple[CandidateAddress, ...]
    last_known: DisclosedAddress
    # the extract holds another address of the last known one's date and source (store.
    # master's lka.tied): which is last known it does not say
    last_known_tied: bool = False
    # the person's history goes on under another TIN (an ITIN's record, an SSN's of the name
    # and date of birth begun since: store.master's lka.later_elsewhere), at a later address:
    # this last known address may not be the person's
    last_known_elsewhere: bool = False
    # that other record carries a date of death (store.master's lka.later_deceased): were
    # the two one person, the person is dead
    elsewhere_deceased: bool = False


@dataclass(frozen=True, slots=True)
class Scored:
    """One candidate's evidence against one request."""

    candidate: Candidate
    levels: Mapping[str, int]
    weights: Mapping[str, float]
    bits: float
    best_addr_id: int
    name_plausible: bool    # the name could be this taxpayer's
    name_strong: bool       # the name is strong enough to disclose on
    address_plausible: bool  # the request's address corresponds to one in the history
    address_strong: bool     # … closely enough to disclose on
    contradicted: bool       # a date of birth or TIN in the request contradicts it
    tin_equal: bool
    # why the name or the address is not strong enough to disclose on (HELD_*): the rule
    # that held a plausible candidate back, for the review page (policy.review_because)
    held: tuple[str, ...] = ()

    @property
    def plausible(self) -> bool:
        return self.name_plausible and self.address_plausible


@dataclass(frozen=True, slots=True)
class Namesake:
    """A taxpayer bearing the request's exact given names and surname whom the search does
    not fetch (more taxpayers bear the name than engine.NAME_KEY_CAP): what the policy's
    closer-name rule reads of them, as it reads a Scored candidate's."""

    levels: Mapping[str, int]   # first, last, middle and suffix against the request
    contradicted: bool           # the request's date of birth or TIN contradicts it


def namesake(query: Query, name: NormName, dob: date | None, tin: str) -> Namesake:
    c = compare_names(query.name, name)
    return Namesake(
        levels={"first": c.first, "last": c.last, "middle": c.middle, "suffix": c.suffix},
        contradicted=dob_level(query.dob, dob) == 0 or (bool(query.tin) and query.tin != tin))


def address_level(q: NormAddress, c: NormAddress, *, street_known: bool = False,
                  urbs_here: tuple[str, ...] = (), dirs_here: tuple[str, ...] = (),
                  dob_exact: bool = False, line_here: bool = False,
                  types_here: tuple[str, ...] = (), zips_here: int = 0,
                  line_zips: int = 0) -> int:
    """5 same address; 4 same but the unit is missing on one side; 3 street name one slip
    off; 2 house number off by a typo; 1 same building other unit, or same street other
    house; 0 different. `street_known`: the requested street exists in the requested ZIP,
    so a street one slip from it is another street (an acceptance audit: 100 MORRIS ST,
    another taxpayer's address, disclosed the namesake at 100 MORRISON ST; JOHNSON /
    JOHNSTON, CLINTON / CLIFTON and STANFORD / STAFFORD are one slip apart and two streets).
    `urbs_here`: Query.urbs_here; `dirs_here`: Query.dirs_here; `line_here`:
    Query.line_here; `types_here`, `zips_here`, `line_zips`: Query's (type_unsettled,
    city_unsettled). `dob_exact`: the request's
    date of birth is the candidate's, so a street name one edit off in any word
    (`street_near`: MAIM / MAIN, PAK / PARK, LAKKE / LAKE) is a slip of it as well: with
    the name, the date and the house number agreeing, only the street's spelling is in
    question."""
    cmp = compare_addresses(q, c, slips=not street_known, near=dob_exact)
    level = _address_level(cmp, q, c)
    if cmp.urb == 0:
        # Two Puerto Rico urbanizations given and different: the same house and street
        # name repeat across the urbanizations of one ZIP (URB LAS GLADIOLAS / URB VILLA
        # NEVAREZ, 150 CALLE A), so this is another address, as another unit of a building
        # is (an acceptance audit disclosed a taxpayer of one urbanization to a request
        # naming the other). Names are compared exactly, once normalized (`urbanization`).
        return min(level, 1)
    if (cmp.zip == 0 or urb_unsettled(q.urb, c.urb, urbs_here)
            or dir_unsettled(q, c, dirs_here) or zip_unsettled(q, c, line_here)
            or type_unsettled(q, c, types_here) or city_unsettled(q, c, zips_here, line_zips)):
        # ZIPs of two sectional centers, the address placed by the city and state: a slip
        # in the ZIP or another town of that name (an acceptance audit: 12 MAIN ST,
        # WASHINGTON NJ 08691 disclosed the namesake at 12 MAIN ST, WASHINGTON NJ 07882).
        # Or one side leaves the urbanization out where the master holds this house and
        # street in another urbanization of the ZIP: the street line names two addresses,
        # and the name alone would pick one. At most a slip (level 2): it decides with the
        # exact date of birth or the TIN, else a person does. Or the directional is given
        # on one side only, and another ZIP or another house of that number and street
        # here leaves the house unsettled (dir_unsettled), likewise. Or the ZIPs differ and
        # the requested ZIP holds the house and street itself (zip_unsettled).
        return min(level, 2)
    return level


def zip_unsettled(q: NormAddress, c: NormAddress, line_here: bool) -> bool:
    """The ZIPs are both given and differ, and the master holds the request's street line
    as written in the requested ZIP (`line_here`: a row at the house and street there with
    the request's directional and urbanization, or none where the request gives none). A
    street address in another ZIP of the same city is otherwise placed by the city (a slip
    in the ZIP); but where the ZIP written holds that very street line, the row in the
    other ZIP is another house of another part of the city, not a slip (session 26, audit
    22: VERONICA HERNANDEZ HERNANDEZ at 2178 E 18TH CT, LOS ANGELES 90033 was M_AMBIGUOUS
    beside a namesake at 2178 E 18TH CT, 90022, nine requests a seed of that audit). At
    most a slip (level 2): it decides with the exact date of birth or the TIN, else a
    person does.

    Only the line as written settles it: a row there that only omits or adds a
    directional or an urbanization is itself one slip from the request, as the other
    ZIP's is (session 26, a red team: 4410 N KEDZIE AVE, CHICAGO 60632 disclosed the JOSE
    GARCIA of 4410 KEDZIE AVE, 60632, no directional on record, where a JOSE GARCIA lives
    at 4410 N KEDZIE AVE, 60625; and URB LAS GLADIOLAS 150 CALLE A, 00921 the CARMEN
    RIVERA of 150 CALLE A there, beside the one at that urbanization's line in 00926: each
    was M_AMBIGUOUS before, the request's two fields pointing at two people). Written in
    SQL as vector.ZIP_OPEN_SQL over engine.DIR_HERE_SELECT's `line`."""
    return line_here and q.zip5 != "" and c.zip5 != "" and q.zip5 != c.zip5


def dir_unsettled(q: NormAddress, c: NormAddress, dirs_here: tuple[str, ...]) -> bool:
    """A directional (before or after the name) is given on one side only, and the street
    line does not settle the house (session 25, a red team: 4410 KEDZIE AVE, CHICAGO 60632,
    another taxpayer's house at 4410 S KEDZIE AVE, disclosed the namesake at 4410 N KEDZIE
    AVE, 60625): either the ZIPs are both given and differ (the city placed it: 4410 N and
    4410 S KEDZIE AVE are two houses of two ZIPs of one city, 1200 E ST NE and SE two of
    Washington), or the master holds that house and street in the requested ZIP
    (`dirs_here`) with a directional other than the one given, or, for a request without
    one, without any (the request's line as written is that row's). For a request without
    a ZIP, `dirs_here` is read in its city (engine.dirs_in_city_sql, session 27). Written
    in SQL as vector.DIR_OPEN_SQL over engine.DIR_HERE_SELECT.
    A Utah grid street's axis given on one side only (3222 E 1900 / 3222 E 1900 N:
    normalize.address.grid_axis_left_out) is always unsettled: 1900 N and 1900 S are two
    streets, each with a house 3222 E, and the line names neither (session 26, audit 22;
    vector.GRID_AXIS_SQL). So is any other street a requested bare number (a number
    after a directional, no type, no axis: rules.address._names_a_street) is read as, but
    that line as written (3222 E 1900 / 3222 E 1900 ST, NW 19 / NW 19TH AVE: Miami's NW 19
    ST, AVE, CT and TER share house numbers; vector.BARE_NUMBER_SQL)."""
    if (grid_axis_left_out(q.street_name, c.street_name) or bare_number_read(q, c)
            or second_dir_left_out(q, c)):
        return True
    q_dir, c_dir = q.predir or q.postdir, c.predir or c.postdir
    if bool(q_dir) == bool(c_dir):
        return False
    if q.zip5 and c.zip5 and q.zip5 != c.zip5:
        return True
    return _another_here(q_dir, c_dir, dirs_here)


def second_dir_left_out(q: NormAddress, c: NormAddress) -> bool:
    """One side names the road with a directional before and after it (N LOOP 1604 W), the
    other with one at most (N LOOP 1604, LOOP 1604 W): the directional left out names
    another road as often as none (San Antonio's N LOOP 1604 W and N LOOP 1604 E, Houston's
    FM 1960 RD W and E), so the line never settles it, as a grid axis left out
    (`grid_axis_left_out`) does not (red team r39). Written in SQL in vector.DIR_OPEN_SQL."""
    return bool(q.predir and q.postdir) != bool(c.predir and c.postdir)


def _another_here(asked: str, held: str, here: tuple[str, ...]) -> bool:
    """A part of the street line (a directional, a type) given on one side only, and the
    place holding the house and street with another one, or, for a request without one,
    a row without one (the request's line as written is that row's)."""
    if bool(asked) == bool(held):
        return False
    given = asked or held
    return any(v != given and (v != "" or not asked) for v in here)


def type_unsettled(q: NormAddress, c: NormAddress, types_here: tuple[str, ...]) -> bool:
    """A street type is given on one side only, and the master holds the requested house
    and street in the requested place with a type other than the one given, or, for a
    request without one, without any (the request's line as written is that row's): the
    line names two houses, as with a directional (`dir_unsettled`). Session 27, a red team:
    610 SYCAMORE, FRESNO 93721, where the ZIP holds 610 SYCAMORE ST and 610 SYCAMORE AVE,
    disclosed the namesake of the ST. Written in SQL in vector.DIR_OPEN_SQL over
    engine.DIR_HERE_SELECT's nt, t1, tblank."""
    return _another_here(q.suffix, c.suffix, types_here)


def city_unsettled(q: NormAddress, c: NormAddress, zips_here: int, line_zips: int) -> bool:
    """A request without a ZIP, whose city holds the requested house and street in two
    ZIPs or more (`zips_here`): two houses, which the line settles only where the
    candidate's row is the line as written (directional, urbanization and type) and one
    ZIP alone holds that (`line_zips`). Session 27, a red team: 2178 E 18TH CT, LOS
    ANGELES CA, a house of 90022 and of 90033, disclosed the JOSE GARCIA of the one where
    the request may mean the other; 4410 N KEDZIE AVE, CHICAGO IL the JOSE GARCIA whose
    record holds 4410 KEDZIE AVE in 60632. Written in SQL in vector.ZIP_OPEN_SQL over
    engine.DIR_HERE_SELECT's nz, nzl."""
    if q.zip5 or zips_here < 2:
        return False
    as_written = ((q.predir or q.postdir) == (c.predir or c.postdir) and q.urb == c.urb
                  and q.suffix == c.suffix)
    return not (as_written and line_zips == 1)


def bare_number_read(q: NormAddress, c: NormAddress) -> bool:
    """The request's street is a bare number (digits, no type, no postdirectional: 3222 E
    1900) and the candidate's line is not that one (another type, an axis, an ordinal):
    see `dir_unsettled`. Written in SQL as vector.BARE_NUMBER_SQL."""
    return (q.street_name.isascii() and q.street_name.isdigit() and not q.suffix
            and not q.postdir and (c.street_name, c.suffix, c.postdir) != (q.street_name, "", ""))


def urb_unsettled(q_urb: str, c_urb: str, urbs_here: tuple[str, ...]) -> bool:
    """The urbanization is given on at most one side, and the master holds the requested
    house and street in the ZIP under an urbanization other than the one given (under two,
    when neither side gives one). Written in SQL as vector.URB_LEVELS_SQL (urb_open)."""
    if q_urb and c_urb:
        return False
    given = q_urb or c_urb
    return len(urbs_here) >= 2 or (len(urbs_here) == 1 and given != "" and
                                   urbs_here[0] != given)


def _address_level(cmp: AddressComparison, q: NormAddress, c: NormAddress) -> int:
    if (q.zip5 and c.zip5 and q.zip5 != c.zip5 and is_post_office_bound(q.street_name)):
        # A PO box or a rural route box (RR 2 BOX 15, HC 1 BOX 4, PO BOX 12) is numbered
        # within its post office: another ZIP, even of the same sectional center, is
        # another place whatever the city says (an acceptance audit: RR 2 BOX 15, AMES IA
        # 50014 disclosed the namesake at RR 2 BOX 15, AMES IA 50010). A street address in
        # a second ZIP of its center stays placed by the city (10013 / 10025).
        return 0
    # the same ZIP, or the same city and state; or, without a ZIP in the request, a ZIP the
    # requested city names (request_city_zips: HOLLYWOOD for LOS ANGELES 90028)
    place = cmp.zip == 2 or (q.state != "" and q.state == c.state and (
        cmp.city == 2 or c.zip5 in request_city_zips(q)))
    if not place:
        return 0
    if cmp.house == 2 and cmp.street >= 2:
        if cmp.unit in (2, -1):
            return 5
        if cmp.unit == 1:
            return 4
        return 1  # both units given and different: another household in the building
    if cmp.unit == 0:
        return 1 if cmp.street >= 2 else 0
    if cmp.house == 2 and cmp.street == 1:
        # A street one slip off (MAPEL / MAPLE, 1 AVE / 1ST AVE) with the requested unit
        # missing on record is two things unsettled, and the namesake in another unit of
        # the building grades 0 (another unit, one slip off): policy.
        # _namesake_in_another_unit, which reads a best of level 4, never sees it (red team
        # r3: 100 MAPEL AVE APT 3C disclosed the ISADORA WETHERBY of 100 MAPLE AVE, no unit
        # on record, beside the one in its APT 2B; written MAPLE it is M_AMBIGUOUS). At most
        # a slip: the exact date of birth or the TIN decides, else a person. Written in SQL
        # in vector._AD_SQL and spark_sql (unit_asked).
        return 2 if q.unit and not c.unit else 3
    if cmp.house == 1 and cmp.street >= 2 and cmp.zip == 2:
        return 2
    if cmp.street >= 2 and cmp.house in (0, 1):
        return 1
    return 0


def dob_level(q: date | None, c: date | None) -> int:
    """3 equal; 2 day and month swapped; 1 one digit off; 0 different; -1 missing."""
    if q is None or c is None:
        return -1
    if q == c:
        return 3
    if q.year == c.year and q.month == c.day and q.day == c.month:
        return 2
    a, b = q.strftime("%Y%m%d"), c.strftime("%Y%m%d")
    if sum(x != y for x, y in zip(a, b, strict=True)) == 1:
        return 1
    return 0


def score(query: Query, cand: Candidate, model: MatchModel,
          tf_last: Mapping[str, float], tf_first: Mapping[str, float]) -> Scored:
    names = compare_names(query.name, cand.name)
    best_level, best_id = -1, cand.addresses[0].addr_id if cand.addresses else -1
    dob = dob_level(query.dob, cand.dob)
    for a in cand.addresses:
        lv = address_level(query.address, a.norm, street_known=query.street_known,
                           urbs_here=query.urbs_here, dirs_here=query.dirs_here,
                           dob_exact=dob == 3, line_here=query.line_here,
                           types_here=query.types_here, zips_here=query.zips_here,
                           line_zips=query.line_zips)
        if lv > best_level:
            best_level, best_id = lv, a.addr_id
    tin_equal = bool(query.tin) and query.tin == cand.tin
    levels = level_vector(first=names.first, last=names.last, middle=names.middle,
                          suffix=names.suffix, address=max(best_level, 0),
                          dob=dob,
                          tin=(1 if tin_equal else 0) if query.tin else None)
    best_house = next((a.norm.house for a in cand.addresses if a.addr_id == best_id), None)
    return assess(query, cand, levels, best_id, model, tf_last, tf_first,
                  best_house=best_house)


def level_vector(*, first: int, last: int, middle: int, suffix: int, address: int, dob: int,
                 tin: int | None) -> dict[str, int]:
    """The comparison vector, in the order its weights are summed (the order matters to
    the last bit of a float sum, and decisions are compared to the bit)."""
    levels = {"first": first, "last": last, "middle": middle, "suffix": suffix,
              "address": address, "dob": dob}
    if tin is not None:
        levels["tin"] = tin
    return levels


# The rules of `assess` that hold a plausible name or address back from disclosure.
HELD_NAME_WEAK = "name_weak"                # two weak agreements (levels under 6 together)
HELD_GIVEN_VARIANT = "given_variant_undated"  # a name of its own, no DOB or TIN
HELD_TWIN_NAMES = "twin_names"              # two names of their own, one birth date
HELD_SECOND_GIVEN = "second_given_name"     # going by the second given name, unsettled
HELD_MIDDLE = "middle_conflict"             # the middle names conflict
HELD_GENERATION = "generation_not_on_record"  # JR asked, no generation on record
HELD_SLIP = "slip_may_be_a_name"            # the slipped word may be a name of its own
HELD_TWO_GIVEN = "two_given_names"          # JOSE / JOSUE, or names of the other sex
HELD_TITLE = "title_conflict"               # MRS JOHN: the title names someone else
HELD_SWAPPED = "names_swapped_unsettled"    # read swapped, nothing settles it
HELD_ADDRESS = "address_near"               # the address agrees only nearly
HELD_TIN_OTHER_NAME = "tin_alone_other_name"  # the TIN agrees, the name is another's


def assess(query: Query, cand: Candidate, levels: dict[str, int], best_addr_id: int,
           model: MatchModel, tf_last: Mapping[str, float], tf_first: Mapping[str, float],
           *, best_house: str | None = None,
           weights: dict[str, float] | None = None) -> Scored:
    """Weights, bits and the policy's flags from a comparison vector (`level_vector`),
    however the levels were computed (here in Python, or in SQL by match/vector.py).
    `best_house`: the house number of the candidate's address that gave the address level
    (None where unknown: read as another house). `weights`: the levels' weights, one per
    level in the levels' order, where already computed (vector._VEC_SQL's w_* columns,
    which are these to the last bit: tests/match/test_vector.py); else computed here."""
    tin_equal = bool(query.tin) and query.tin == cand.tin
    settled = tin_equal or levels["dob"] == 3  # the identity told by the TIN or exact DOB
    # A given name that is another person's (the other sex's form, a name of its own one
    # slip away, a conflicting middle name, a title of the other sex) is settled by the TIN
    # only with the exact date of birth beside it. The TIN alone may be a household
    # member's (a spouse's from a joint return, a sibling's): MANUEL LOPEZ asked with the
    # TIN of MANUELA LOPEZ, who lives at the requested address and he not in the master,
    # disclosed her; with MANUEL in the master too it was M_CONFLICT (policy's
    # _named_but_not_by_the_tin), and whether he files does not say which field is wrong.
    # The name and address of one taxpayer are needed; the TIN does not stand in for the
    # name. A person decides (red team r23).
    tin_names = tin_equal and levels["dob"] == 3
    if weights is None:
        weights = {}
        for comp, lv in levels.items():
            tf = None
            if comp == "last" and lv == 5:
                tf = _tf(query.name.last_tokens, tf_last, product=True)
            elif comp == "first" and lv == 5:
                tf = _tf(query.name.first_canon[:1], tf_first, product=False)
            weights[comp] = model.weight(comp, lv, tf)
    bits = sum(weights.values())

    first, last, suffix = levels["first"], levels["last"], levels["suffix"]
    name_plausible = suffix != 0 and first >= 2 and last >= 2
    # Strong enough to disclose on: the two names together carry at least one clear
    # agreement (levels sum to 6: e.g. a typo in one with the other exact or reordered, a
    # nickname with a subset surname); a pair of weaker agreements needs a person.
    # The TIN lets one level go (a typo in the given name with a dropped maternal surname,
    # 2 + 3). An exact address does not: a relative at that address is the very person a
    # weak name pair could be (found by `dgate evaluate`: JOHN MEJIA at JUAN MANUEL MEJIA
    # RAMIREZ's address).
    # Two weak agreements never add up to a strong one without the TIN: a second given name
    # with a subset surname (MARTHA PATRICIA PEREZ / PATRICIA ROSARIO PEREZ, 3 + 3) is
    # another woman of the family as often as the person (found by benchmarks/scale.py).
    name_strong = name_plausible and first + last >= (5 if tin_equal else 6) and (
        tin_equal or max(first, last) >= 4)
    held = "" if name_strong else HELD_NAME_WEAK
    if (name_plausible and not name_strong and first == 2 and last == 3
            and levels["dob"] == 3):
        # A slip in the given name with one surname of two (ISABBEL HUERTA / ISABEL HUERTA
        # CARRILLO) is settled by the exact date of birth, as the TIN would settle it — a
        # slip, not another name: two given names of their own (a translation, a sound-alike,
        # the other sex's form) with the same birth date at one address may be twins.
        # `dgate evaluate`: every such request went to review, about 0.13% of those due.
        # Not where the first given names agree and a later one differs (MARIA ELENA /
        # MARIA GUADALUPE): that level 2 is two sisters as often as one person.
        qf, cf = query.name.first_tokens[:1], cand.name.first_tokens[:1]
        name_strong = (bool(qf and cf) and qf[0] != cf[0]
                       and not _distinct_names(qf[0], cf[0]))
        held = "" if name_strong else HELD_NAME_WEAK
    if name_strong and first == 2 and not tin_names:
        # Two distinct real given names that are only variants of each other — a translation
        # (CARLOS/CHARLES, MARY/MARIA) or a sound-alike (MICHAEL/MICHELLE, DANIEL/DANIELLE) —
        # at an address where the surname agrees are as likely a spouse or sibling as the
        # person: without a matching DOB or TIN a person decides. A typo of a name (SANIAGO)
        # is not a name of its own and still counts.
        qf, cf = query.name.first_tokens[:1], cand.name.first_tokens[:1]
        # A slip of a nickname (DEBBIIE / DEBORAH) likewise: the slipped word may be a real
        # name our tables lack, another member of the household's.
        # Even with the exact date of birth, two names of their own that are not one name in
        # two languages — the other sex's form (MANUEL / MANUELA, FREDERICK / FREDERICA) or
        # two names we know (JOSE / JOSUE) — at one address with one birth date are twins as
        # often as one person; only the TIN tells them apart (found by an acceptance audit:
        # MANUEL LOPEZ with the exact DOB took MANUELA LOPEZ's address).
        # With the TIN alone, a translation or a slip of a nickname is the person; two
        # names of their own are two people's (above).
        undated = levels["dob"] != 3 and bool(qf and cf) and not tin_equal and (
            _distinct_names(qf[0], cf[0]) or nickname_slip(qf[0], cf[0]))
        if undated or (qf and cf and _twin_names(qf[0], cf[0])):
            name_strong = False
            held = (HELD_GIVEN_VARIANT if undated
                    else HELD_TIN_OTHER_NAME if tin_equal else HELD_TWIN_NAMES)
    if name_strong and first == 3 and not settled:
        # One side's first given name is only the other's SECOND given name (BENJAMIN
        # CHRISTOPHER MITCHELL / CHRISTOPHER MITCHELL). Someone who goes by a middle name
        # reads exactly so — and so does a relative or a stranger named after it, living at
        # the address. benchmarks/scale.py at 10M disclosed six such strangers on name and
        # address alone. Without a matching DOB or TIN a person decides: `dgate evaluate`
        # (200K taxpayers, 20K requests, seeds 11-13) sent 5 of 33,000 due requests to
        # review for it.
        name_strong = False
        held = HELD_SECOND_GIVEN
    if name_strong and levels.get("middle") == 0 and not tin_names:
        # The middle or second given names conflict (MARIA JOSE against MARIA ADRIANA): two
        # women who share a first given name and a surname, one of them at the requested
        # address, are two people as often as one. Found by benchmarks/scale.py: a request
        # for MARIA JOSE MARTINEZ took MARIA ADRIANA MARTINEZ-PINEDA's address. The exact
        # date of birth does not settle it: twins share it (an acceptance audit: MARIA JOSE
        # CASTRO with the DOB took MARIA ADRIANA CASTRO's address); the TIN does.
        name_strong = False
        held = HELD_TIN_OTHER_NAME if tin_equal else HELD_MIDDLE
    if name_strong and query.name.suffix and not cand.name.suffix and not settled:
        # The request names a generation (JOHN SMITH JR) and the record names none: the
        # record may be the other generation's (the father filing without a suffix, at the
        # same address), and nothing but the DOB or the TIN says which (an acceptance audit:
        # ROBERT KING JR disclosed ROBERT KING, born 1955). A person decides.
        name_strong = False
        held = HELD_GENERATION
    if name_strong and (
            (not settled and last == 2 and real_surname_slip(query.name, cand.name))
            or (first == 2 and unvouched_given_slip(query.name, cand.name) and (
                not settled or (tin_equal and not tin_names
                                 and _first_twin_names(query.name, cand.name))))
            or (not settled and levels["middle"] == 1
                and unvouched_middle_slip(query.name, cand.name))):
        # A slip that may be a name of its own, not a slip of this taxpayer's:
        # - the surname, when the request's is itself a common surname (MINH PHAM at MINH
        #   PHAN's address, JOSE MARIN at JOSE MARTIN's, LE / LEE, DIAZ / DIAS): another
        #   family's name as often as a slip, and the person asked for may live elsewhere or
        #   not be in the master at all (an acceptance audit disclosed some 40 such pairs).
        #   A slip into no common surname (RAMOZ for RAMOS) still counts;
        # - the given name, when the taxpayer's is one our lists lack (RAKESH / RAJESH) or
        #   both are established names (CARL / CAROL): a brother's, a sister's, or a
        #   stranger's whose name a taxpayer here nearly bears (audits 11, W2, and 12);
        # - the middle name, when the requested one is itself a given name or the
        #   taxpayer's one we cannot vouch for (NOEL ERWIN DIZON asked for at NOEL EDWIN
        #   DIZON's address; AMIT RAKESH / AMIT RAJESH MEHTA): a father and son or two
        #   sisters, differing in the middle name alone (audit 12, N1). Clearly different
        #   middle names were already no disclosure (level 0, above).
        # The exact date of birth or the TIN settles it; else a person decides.
        name_strong = False
        held = HELD_TIN_OTHER_NAME if tin_equal else HELD_SLIP
    if name_strong and not tin_names and (
            (first == 2 and two_given_names(query.name, cand.name))
            or (first == 3 and query.name.first_tokens and cand.name.first_tokens
                and other_sex(query.name.first_tokens[0], cand.name.first_tokens[0]))):
        # Two given names of their own one slip apart (JOSE / JOSUE, LOIS / LOUIS, KYLIE /
        # KYLE) with one date of birth are twins as often as one person, the other twin
        # perhaps no filer: only the TIN tells them apart (audit 14: 212 of 312 such pairs
        # that went to review without a DOB were disclosed with the twins' shared one).
        # So too given names laid out otherwise whose first words the census gives to
        # different sexes (JOSE MARIA / MARIA JOSE: a brother and a sister).
        name_strong = False
        held = HELD_TIN_OTHER_NAME if tin_equal else HELD_TWO_GIVEN
    if name_strong and not tin_names and title_conflict(query.name, cand.name):
        # A courtesy title of the other sex than the given name's (MRS JOHN PEMBERLEY,
        # John's wife; MR MARY): the request names someone other than the given name's
        # bearer. Only the TIN settles it (an acceptance audit: MRS JOHN disclosed John).
        name_strong = False
        held = HELD_TIN_OTHER_NAME if tin_equal else HELD_TITLE
    contradicted = levels["dob"] == 0 or (bool(query.tin) and not tin_equal)
    # An address of level 2 is strong enough only when the identity is settled otherwise,
    # by an exact date of birth or the TIN, and its house number is the requested one: a
    # ZIP of another sectional center with the city and state agreeing, or an urbanization
    # left out where the street line names two (address_level), is then the person's
    # address written otherwise. A house number one slip off is never strong: another house
    # number is another delivery point, the neighbour's, and the request must name one of
    # the taxpayer's addresses (decisions.md, M_NAME_ONLY); a person decides. Until session
    # 14 the DOB or the TIN made that strong too; audit 16's independent generator asked
    # for people at a neighbour's house with their DOB and 81 of 92 were disclosed.
    house_slip = best_house is None or best_house != query.address.house
    address_strong = levels["address"] >= 3 or (
        levels["address"] == 2 and settled and not house_slip)
    reasons = tuple(r for r in (held if name_plausible and not name_strong else "",
                                "" if address_strong or levels["address"] < 2
                                else HELD_ADDRESS) if r)
    return Scored(
        candidate=cand, levels=levels, weights=weights, bits=bits, best_addr_id=best_addr_id,
        name_plausible=name_plausible, name_strong=name_strong,
        address_plausible=levels["address"] >= 2, address_strong=address_strong,
        contradicted=contradicted, tin_equal=tin_equal, held=reasons,
    )


def resembles(levels: Mapping[str, int]) -> bool:
    """True if a candidate with this comparison vector can bear on a decision: its given
    name relates to the request's (level 2 or more) with no conflicting suffix, its TIN
    agrees, or the request's address is one of its (level 2 or more). decide/policy.py
    reads no other candidate but to count it; the set-wise engines drop the others before
    comparing surnames and addresses (match/vector.py's gate) and keep only their count."""
    return ((levels["first"] >= 2 and levels["suffix"] != 0) or levels.get("tin") == 1
            or levels["address"] >= 2)


def exact_name_weights(query: Query, model: MatchModel, tf_last: Mapping[str, float],
                       tf_first: Mapping[str, float]) -> tuple[float, float]:
    """The weights of exact agreement on this request's given name and surname, term
    frequencies applied (`assess` gives the same for a level of 5)."""
    return (model.weight("first", 5, _tf(query.name.first_canon[:1], tf_first, product=False)),
            model.weight("last", 5, _tf(query.name.last_tokens, tf_last, product=True)))


def _distinct_names(a: str, b: str) -> bool:
    """Two given names that may belong to two people of one household: a translation, two
    names we know, or a change of ending that may be the other sex's form (DANIEL/DANIELA;
    PAMELO is more likely a slip of PAMELA, but JULIANO may be a name our tables lack)."""
    return a != b and (cross_language_equivalent(a, b) or gendered_pair(a, b)
                       or (is_known_given_name(a) and is_known_given_name(b))
                       or other_sex(a, b))


def _first_twin_names(q: NormName, c: NormName) -> bool:
    """The first given names of the two are two names that may be twins' (`_twin_names`)."""
    qf, cf = q.first_tokens[:1], c.first_tokens[:1]
    return bool(qf and cf) and _twin_names(qf[0], cf[0])


def _twin_names(a: str, b: str) -> bool:
    """Two given names that may be twins': distinct, not a translation of one name
    (MARIA / MARY), and either the other sex's form or two names we know."""
    return _distinct_names(a, b) and not cross_language_equivalent(a, b)


def _tf(terms: tuple[str, ...], table: Mapping[str, float], *, product: bool) -> float | None:
    """Frequency of agreeing on these terms in the master. For compound surnames the
    tokens' frequencies multiply (GARCIA LOPEZ is rarer than GARCIA)."""
    freqs = [table[t] for t in terms if t in table]
    if not freqs:
        return None
    if not product:
        return freqs[0]
    out = 1.0
    for f in freqs:
        out *= f
    return out

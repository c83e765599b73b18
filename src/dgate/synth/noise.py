"""How another agency writes a name and an address: the formatting noise of requests.

Name noise that loses information (a dropped maternal surname, the first of two given names,
a nickname, a typo) is "hard" and capped per record; the rest (case, accents, hyphens,
splitting a double given name into first + middle) only changes the spelling. Address noise
is formatting only (case, USPS abbreviations spelled out or not, unit designators, ZIP+4,
the whole address on one line), so a simple folding recovers the master's address.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dgate.synth.geo import Geography, unit_label
from dgate.synth.namebook import NameBook, canon_given
from dgate.synth.population import SUFFIXES
from dgate.synth.render import street_text
from dgate.synth.tables_names import NICKNAMES, fold


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person's name as table entries (see NameBook)."""

    first: int
    middle: int = -1
    sur1: int = 0
    sur2: int = -1
    suffix: int = 0


def _case(rng: np.random.Generator) -> str:
    return str(rng.choice(["upper", "title", "lower"], p=[0.6, 0.3, 0.1]))


def apply_case(text: str, case: str) -> str:
    if case == "title":
        return text.title()
    return text.lower() if case == "lower" else text.upper()


def typo(rng: np.random.Generator, word: str) -> str:
    """One keyboard-style slip inside the word (never the first letter)."""
    if len(word) < 5:
        return word
    i = int(rng.integers(1, len(word) - 1))
    kind = int(rng.integers(0, 4))
    if kind == 0:  # substitution by a different letter
        letters = [c for c in "AEIOURSTNL" if c != word[i]]
        return word[:i] + str(rng.choice(letters)) + word[i + 1:]
    if kind == 1:  # deletion
        return word[:i] + word[i + 1:]
    if kind == 2:  # doubled letter
        return word[:i] + word[i] + word[i:]
    j = min(i + 1, len(word) - 1)  # transposition of neighbours
    if word[i] == word[j]:
        return word[:i] + word[i + 1:]
    return word[:i] + word[j] + word[i] + word[j + 1:]


def request_name(rng: np.random.Generator, book: NameBook, parts: NameParts, *,
                 hard_budget: int = 2, suffix_p: float = 0.75) -> dict[str, str]:
    """first_name, middle_name, last_name, name_suffix as another agency writes them."""
    budget = hard_budget
    given = book.first[parts.first]
    head, _, tail = given.partition(" ")
    first, middle = given, ""
    if tail:
        r = rng.random()
        if r < 0.25:
            first, middle = head, tail
        elif r < 0.55 and budget > 0:
            first, budget = head, budget - 1
    elif budget > 0 and rng.random() < 0.12 and canon_given(head) in NICKNAMES:
        first, budget = str(rng.choice(NICKNAMES[canon_given(head)])), budget - 1
    if parts.middle >= 0 and not middle:
        r = rng.random()
        mid = book.first[parts.middle]
        middle = mid if r < 0.4 else (fold(mid)[0] if r < 0.65 else "")
    last = book.surname[parts.sur1]
    if parts.sur2 >= 0:
        second = book.surname[parts.sur2]
        r = rng.random()
        if r < 0.3 and budget > 0:
            budget -= 1
        else:
            last = f"{last}-{second}" if r > 0.85 else f"{last} {second}"
    if " " in book.surname[parts.sur1] and budget > 0 and rng.random() < 0.25:
        last, budget = last.replace(book.surname[parts.sur1],
                                    book.surname[parts.sur1].replace(" ", ""), 1), budget - 1
    if budget > 0 and rng.random() < 0.15:
        if rng.random() < 0.5:
            first = " ".join([typo(rng, fold(first).split(" ")[0]), *first.split(" ")[1:]])
        else:
            words = last.split(" ")
            longest = max(range(len(words)), key=lambda k: len(words[k]))
            words[longest] = typo(rng, fold(words[longest]))
            last = " ".join(words)
    suffix = ""
    if parts.suffix > 0 and rng.random() < suffix_p:
        suffix = SUFFIXES[parts.suffix]
        if suffix in ("JR", "SR") and rng.random() < 0.3:
            suffix = suffix.title() + "."
    keep_accents = rng.random() < 0.25
    case = _case(rng)
    out = {"first_name": first, "middle_name": middle, "last_name": last, "name_suffix": suffix}
    return {k: apply_case(v if keep_accents else fold(v), case) if k != "name_suffix" else v
            for k, v in out.items()}


UNIT_FORMATS = ("APT {u}", "#{u}", "# {u}", "UNIT {u}", "{u}", "APT. {u}", "NO. {u}")
UNIT_FORMAT_P = (0.4, 0.15, 0.1, 0.15, 0.1, 0.05, 0.05)


def street_line(geo: Geography, building: int, house: int, *, spelled: bool) -> str:
    """Upper case, USPS abbreviations or spelled out (the master's styles 0 and 2)."""
    text = street_text(geo, np.array([building]), np.array([2 if spelled else 0]),
                       house=np.array([house]))
    return str(text[0].as_py())


def request_address(rng: np.random.Generator, geo: Geography, building: int, unit: int, *,
                    house: int | None = None, unit_text: str | None = None,
                    drop_unit: bool = False, one_line_p: float = 0.04,
                    inline_unit_p: float = 0.08) -> dict[str, str]:
    """street, unit, city, state, zip, address of a building (and unit index, -1 for none)
    as another agency writes it. `unit_text` overrides the unit identifier."""
    z = geo.building_zip(building)
    house = int(geo.bldg_house[building]) if house is None else house
    street = street_line(geo, building, house, spelled=rng.random() < 0.3)
    label = unit_text if unit_text is not None else (
        unit_label(int(geo.bldg_unit_style[building]), unit) if unit >= 0 else "")
    unit_out = ""
    if label and not drop_unit:
        fmt = UNIT_FORMATS[int(rng.choice(len(UNIT_FORMATS), p=UNIT_FORMAT_P))]
        unit_out = fmt.format(u=label)
    zip_code = geo.zip_code[z]
    if rng.random() < 0.2:
        zip_code = f"{zip_code}-{int(rng.integers(1, 10000)):04d}"
    case = str(rng.choice(["upper", "title", "lower"], p=[0.7, 0.25, 0.05]))
    city = apply_case(geo.zip_city[z], case)
    street, unit_out = apply_case(street, case), apply_case(unit_out, case)
    out = {"street": street, "unit": unit_out, "city": city, "state": geo.zip_state[z],
           "zip": zip_code, "address": ""}
    if rng.random() < one_line_p:
        line1 = f"{street} {unit_out}".strip()
        out = {"street": "", "unit": "", "city": "", "state": "", "zip": "",
               "address": f"{line1}, {city}, {geo.zip_state[z]} {zip_code}"}
    elif unit_out and rng.random() < inline_unit_p:
        out["street"], out["unit"] = f"{street} {unit_out}", ""
    return out

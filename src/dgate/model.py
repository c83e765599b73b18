"""Frozen value types shared by every stage.

Stages exchange these plain values; none of them does I/O. Text fields hold the request's
values as given (stripped); the normalized forms live in `NormName` / `NormAddress`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum

# A long stage's progress callback: (stage name, units done, units in all). The CLI turns
# the calls into Rich progress bars; the core never prints.
Progress = Callable[[str, int, int], None]


class Disposition(StrEnum):
    REJECTED = "REJECTED"
    NOT_DISCLOSED = "NOT_DISCLOSED"
    REVIEW = "REVIEW"
    DISCLOSE = "DISCLOSE"


class Outcome(StrEnum):
    """What the requesting agency is told, per record, in the response file."""

    DISCLOSED = "DISCLOSED"
    NOT_DISCLOSED = "NOT_DISCLOSED"
    REJECTED = "REJECTED"


class Role(StrEnum):
    INTAKE = "intake"
    REVIEWER = "reviewer"
    DISCLOSURE_OFFICER = "disclosure_officer"
    AUDITOR = "auditor"
    ADMIN = "admin"


RECORD_COLUMNS: tuple[str, ...] = (
    "request_id", "first_name", "middle_name", "last_name", "name_suffix", "date_of_birth",
    "tin", "a_number", "street", "unit", "city", "state", "zip", "address",
    "taxable_periods", "statute", "reason", "final_order_date", "case_number", "case_agent_id",
)
"""Every column of the records file (request-format.md), lower case."""

REQUIRED_COLUMNS: tuple[str, ...] = (
    "request_id", "first_name", "last_name", "taxable_periods", "reason",
    "final_order_date", "case_number", "case_agent_id",
)
"""Columns whose absence makes the records file unreadable as a whole. The address columns
are required only as a group: `street`/`city`/`state`/`zip`, or `address` instead."""


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One row of a records file. `seq` is its 1-based position; `fields` maps every column
    of RECORD_COLUMNS to its stripped text ('' where missing or empty)."""

    seq: int
    fields: Mapping[str, str]

    def get(self, name: str) -> str:
        return self.fields.get(name, "")

    @property
    def request_id(self) -> str:
        return self.get("request_id")


@dataclass(frozen=True, slots=True)
class Address:
    street: str
    unit: str
    city: str
    state: str
    zip: str


@dataclass(frozen=True, slots=True)
class DisclosedAddress:
    """A taxpayer's last known address with where it came from (kept internal)."""

    street: str
    unit: str
    city: str
    state: str
    zip: str
    source: str
    effective_date: date


@dataclass(frozen=True, slots=True)
class NormName:
    """A person's name, folded for comparison (normalize/names.py builds it).

    All text is upper case ASCII with accents removed and punctuation turned to spaces.
    """

    first: str                     # all given names, folded: "MARIA GUADALUPE"
    first_tokens: tuple[str, ...]  # ("MARIA", "GUADALUPE")
    first_canon: tuple[str, ...]   # canonical form per token (nicknames mapped): PEPE -> JOSE
    middle: str                    # folded middle name(s), "" if none
    last: str                      # folded surname, particles kept: "DE LA CRUZ"
    last_tokens: tuple[str, ...]   # significant surname tokens, particles dropped: ("CRUZ",)
    suffix: str                    # "", "JR", "SR", "II", "III", "IV", "V"
    first_phon: str                # phonetic key of the first given name
    last_phon: tuple[str, ...]     # phonetic key per significant surname token
    # the sexes ("F", "M", "FM") that courtesy titles written in the name give (MRS, MR,
    # SRA …; DR gives none), "" without one. The titles themselves are not kept as names.
    title_sex: str = ""


@dataclass(frozen=True, slots=True)
class NormAddress:
    """A US street address standardized per USPS Publication 28 (normalize/address.py)."""

    house: str        # address number as written, folded: "123", "123A", "123 1/2"; "" if none
    predir: str       # "N", "SW" … or ""
    street_name: str  # the name alone: "MAIN", "MARTIN LUTHER KING JR", "1ST"
    suffix: str       # Pub 28 abbreviation: "ST", "AVE" … or ""
    postdir: str
    unit: str         # unit identifier without its designator: "4B"; "" if none
    city: str         # folded city name
    state: str        # USPS two-letter code, upper case; "" if unknown
    zip5: str         # 5 digits or ""
    zip4: str         # 4 digits or ""
    urb: str = ""     # Puerto Rico urbanization, normalized: "LAS GLADIOLAS"; "" if none

    @property
    def street(self) -> str:
        """The standardized street line without house number or unit: "N MAIN ST"."""
        return " ".join(p for p in (self.predir, self.street_name, self.suffix, self.postdir) if p)


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome for one record. `reason_codes` is sorted and unique."""

    seq: int
    request_id: str
    disposition: Disposition
    reason_codes: tuple[str, ...]
    match_tin: str = ""
    match_probability: float | None = None
    candidate_count: int | None = None
    address: DisclosedAddress | None = None
    explanation: Mapping[str, object] = field(default_factory=dict)

    def __reduce__(self) -> tuple[type[Decision], tuple[object, ...]]:
        # A Decision that crosses a process boundary is pickled: the frozen dataclass's own
        # pickling calls dataclasses.fields() for each one (py-spy: 4% of a worker, when the
        # matching workers sent Decisions back; since session 19 they send decision rows as
        # Arrow IPC, service/submit.py).
        return Decision, tuple(getattr(self, name) for name in _DECISION_FIELDS)


_DECISION_FIELDS = tuple(f.name for f in fields(Decision))


@dataclass(frozen=True, slots=True)
class ProcessingContext:
    """What the rules need besides the package: the processing date handed in, never the
    wall clock."""

    processing_date: date

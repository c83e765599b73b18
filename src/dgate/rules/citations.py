"""Statutory citations: one canonical spelling, and "is this cited statute designated?".

Requesters write the same statute many ways (`8 USC 1253(a)(1)`, `8 U.S.C. § 1253(a)(1)`,
`Title 8, United States Code, Section 1253(a)(1)` …). An agency registers its designated
criminal statutes once; a request's authority is accepted only when it names one of them or
a subdivision of one. A subdivision is covered by its section (designating §1253 covers
§1253(a)(1)), never the reverse, and a different section (8 U.S.C. §1229a, civil removal
proceedings) is never covered by §1253 however similar the number looks.

Text that is not a recognisable U.S.C. / C.F.R. citation is still normalized (Unicode,
case, blanks) and then compares only by exact equality: an unknown form is never widened.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["is_designated", "normalize_citation", "split_citations"]

_USC = "U.S.C."
_CFR = "C.F.R."

_SECTION_SIGN = r"(?:§+|sections?\.?|secs?\.?|ss?\.)"
_SECTION = r"(?P<section>[0-9]+[a-z]*(?:[.\-][0-9]+[a-z]*)*)"
_SUBS = r"(?P<subs>(?:\s*\(\s*[a-z0-9]+\s*\))*)"
_TAIL = r"\s*\.?\s*"

_CODE_CITATION = re.compile(
    r"(?:title\s+)?(?P<title>[0-9]+)\s*,?\s*"
    r"(?P<code>u\.?\s*s\.?\s*c\.?(?:\s*a\.?)?|united\s+states\s+code(?:\s+annotated)?"
    r"|c\.?\s*f\.?\s*r\.?|code\s+of\s+federal\s+regulations)"
    rf"\s*,?\s*(?:{_SECTION_SIGN}\s*)?{_SECTION}{_SUBS}{_TAIL}",
    re.IGNORECASE,
)
# Treasury Regulations are Title 26 of the C.F.R.: "Treas. Reg. §301.6212-2" is
# "26 C.F.R. §301.6212-2".
_TREAS_REG = re.compile(
    r"treas(?:ury)?\.?\s*reg(?:ulations?|s)?\.?\s*,?\s*"
    rf"(?:{_SECTION_SIGN}\s*)?{_SECTION}{_SUBS}{_TAIL}",
    re.IGNORECASE,
)
_SUB_TOKEN = re.compile(r"\(\s*([a-z0-9]+)\s*\)", re.IGNORECASE)

# Subdivision lettering by depth. U.S.C.: (a)(1)(A)(i)(I); C.F.R.: (a)(1)(i)(A)(1)(i).
# Writing (A) where (a) belongs names the same subdivision, so the case is set by depth.
_CASE_BY_DEPTH = {
    _USC: ("lower", "lower", "upper", "lower", "upper"),
    _CFR: ("lower", "lower", "lower", "upper", "lower", "lower"),
}


@dataclass(frozen=True, slots=True)
class _Citation:
    title: str
    code: str
    section: str
    subs: tuple[str, ...]

    def text(self) -> str:
        return f"{self.title} {self.code} §{self.section}" + "".join(f"({s})" for s in self.subs)

    def covers(self, other: _Citation) -> bool:
        """True if `other` is this citation or one of its subdivisions."""
        return (
            (self.title, self.code, self.section) == (other.title, other.code, other.section)
            and other.subs[: len(self.subs)] == self.subs
        )


def normalize_citation(text: str) -> str:
    """The canonical spelling of a citation: ``8 U.S.C. §1253(a)(1)``.

    Unrecognised text comes back upper case with blanks collapsed, so that it still
    compares equal to the same text written with other spacing or case.
    """
    parsed = _parse(text)
    return parsed.text() if parsed is not None else _fold(text).upper()


def is_designated(cited: str, designated: Iterable[str]) -> bool:
    """True if `cited` is one of `designated` or a subdivision of one of them."""
    cited_parsed = _parse(cited)
    cited_plain = _fold(cited).upper()
    if not cited_plain:
        return False
    for entry in designated:
        entry_parsed = _parse(entry)
        if cited_parsed is not None and entry_parsed is not None:
            if entry_parsed.covers(cited_parsed):
                return True
        elif cited_parsed is None and entry_parsed is None and cited_plain == _fold(entry).upper():
            return True
    return False


def split_citations(text: str) -> tuple[str, ...]:
    """Split a field that may hold several citations separated by ``;`` (commas are part of
    spellings like "Title 8, United States Code, Section 1253" and never split)."""
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _fold(text: str) -> str:
    # NFKC turns non-breaking and full-width characters into their plain forms.
    return " ".join(unicodedata.normalize("NFKC", text).split())


@lru_cache(maxsize=4096)
def _parse(text: str) -> _Citation | None:
    folded = _fold(text)
    match = _CODE_CITATION.fullmatch(folded)
    if match is not None:
        code_text = re.sub(r"[^a-z]", "", match.group("code").lower())
        code = _CFR if code_text.startswith(("cfr", "codeoffederal")) else _USC
        title = str(int(match.group("title")))  # "08" and "8" are one title
        return _build(title, code, match.group("section"), match.group("subs"))
    match = _TREAS_REG.fullmatch(folded)
    if match is not None:
        return _build("26", _CFR, match.group("section"), match.group("subs"))
    return None


def _build(title: str, code: str, section: str, subs_text: str) -> _Citation:
    cases = _CASE_BY_DEPTH[code]
    subs = []
    for depth, token in enumerate(_SUB_TOKEN.findall(subs_text)):
        case = cases[depth] if depth < len(cases) else "lower"
        subs.append(token.upper() if case == "upper" else token.lower())
    return _Citation(title, code, section.lower(), tuple(subs))

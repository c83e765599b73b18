"""Generate docs/rules.md, the reference of the rule catalogue, from the catalogue itself.

    python -m dgate.rules.docs            rewrite docs/rules.md
    python -m dgate.rules.docs --check    exit 1 if docs/rules.md is stale
    python -m dgate.rules.docs PATH       write elsewhere

The reference is never edited by hand: a test fails when it differs from `render()`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dgate.rules.catalogue import CATALOGUE, RULESET_VERSION, Level, Rule, ruleset_hash

__all__ = ["default_path", "main", "render"]

_LEVELS: tuple[tuple[Level, str, str], ...] = (
    ("batch", "Batch rules",
     "A batch code rejects every record of the batch (disposition `REJECTED`)."),
    ("record", "Record rules",
     "A record carries every record code that applies; any one rejects it (`REJECTED`) and "
     "nothing about it is looked up in the master file."),
    ("match", "Match outcomes",
     "For records that passed every rule; the disposition is given as a parameter."),
)

_READINGS = """\
## Readings of the contract

Where the specification leaves a choice, these are the readings the checks implement.

- **Day 90 (R_ORDER_90_DAYS).** `days = signed_at − final_order_date`; the record is flagged
  when `days < 90`, so a request signed exactly 90 days after the order passes, as
  decisions.md ("less than 90 days before") prescribes. Caution: 8 U.S.C. §1253(a)(1)
  speaks of failing to depart "within a period of 90 days from the date" of the order.
  Counting that period the usual way (the day of the order excluded), day 90 is its last
  day, so the failure to depart is complete only from day 91. A stricter office can set
  `waiting_days` to 91; the change alters the ruleset hash.
- **Order after the request.** An order dated after `signed_at` is `R_ORDER_FUTURE` only,
  not also `R_ORDER_90_DAYS` (it is not "before" `signed_at`). Without a readable
  `signed_at` (the batch fails `B_SIGNED_AT`) the order comparisons are skipped and only
  `R_ORDER_MISSING` can be reported.
- **Order before 1952-12-24 (R_ORDER_MISSING).** A final order dated before the Immigration
  and Nationality Act came into force (the Act whose §243, now 8 U.S.C. §1253, makes the
  failure to depart a crime) is a date written for an unknown one (0001-01-01,
  1900-01-01), not the order's: missing in substance, as a placeholder address is
  (`first_order_date`; red team r13: such records were disclosed).
- **Request ids** compare after Unicode NFKC, stripping and case folding: `REQ-1` and `req-1`
  repeat each other, and so do `000123` and `123` (an id of digits only is read as its
  number, as a spreadsheet opening the response file shows it); so do ids that differ
  only in the dash written or in a look-alike letter of another script (`P1` with a
  Cyrillic Р). An id holding an invisible (format) character shows as another id (a
  zero-width space, a right-to-left override) and is `R_REQUEST_ID` wherever it stands.
- **Text not read as it shows.** A name or address field that begins with `=`, `+` or `@`
  is a spreadsheet formula, not the value it shows; one holding a bidirectional control
  shows its letters in another order; a Latin word holding a letter that does not read as
  a Latin one (a Lisu or Cherokee letter drawn as A, a small capital) would be read
  without it. Such a name is `R_NAME` (a middle name or suffix too, which may otherwise be
  an initial or nothing), such an address field `R_ADDRESS_INVALID`. The
  Cyrillic and Greek letters drawn like Latin ones are read as those letters; invisible
  joiners (zero-width space, soft hyphen) are dropped; full-width forms read as ASCII.
- **A first name of one letter (R_NAME)** is one however the given names are laid out:
  `X` / `JOHN` and `X JOHN` / "" (first-name field / middle-name field) both name a first
  given name of a single letter, as `J ROBERT` / "" does (and `D ANDRE`: matching reads
  its D as an initial, not as the D of `D'ANDRE`).
- **Two units.** A unit in the street line and another in the unit field, neither a
  building or a floor and neither's identifiers among the other's (`APT 1` / `APT 2`),
  are two addresses: `R_ADDRESS_INVALID`. The same unit twice (`APT 1` / `#1`) is one.
- **Case number / agent** that only stands in for a value (`N/A`, `NONE`, `UNKNOWN`, `TBD`,
  zeros, punctuation) counts as missing.
- **Reasons** are placeholders when empty, without letters, a placeholder phrase, fewer
  than three words, or made only of filler words (see the `B_REASON` parameters).
- **Statutes** compare after normalization (`8 USC 1253(a)(1)` = `8 U.S.C. § 1253(a)(1)`);
  a designated section covers its subdivisions, never the reverse, and never another
  section (`8 U.S.C. §1229a` is not `§1253`). A record statute may list several citations
  separated by `;` and passes if any is designated; an empty one defers to the manifest.
- **Unknown signer / agency.** With no registered official, `B_SIGNER` is reported and
  `B_SIGNATURE` only if the signature is absent (no key to verify against). With no
  registered agency, `B_AGENCY` is reported and the designation test of `B_AUTHORITY` is
  skipped (a missing or malformed authority is still reported).
- **Taxable periods** of the current year are allowed; a year after the processing date's
  year is in the future.
- **Duplicates** need the same canonical given names, surname tokens, suffix and normalized
  address, and no contradicting TIN; every occurrence after the first is flagged.
"""


def render() -> str:
    """The whole reference as Markdown."""
    lines = [
        "# Rule catalogue",
        "",
        "<!-- Generated by `python -m dgate.rules.docs` from src/dgate/rules/catalogue.py. "
        "Do not edit by hand. -->",
        "",
        f"- Ruleset version: `{RULESET_VERSION}`",
        f"- Ruleset hash (SHA-256 of the canonical catalogue): `{ruleset_hash()}`",
        f"- Rules: {len(CATALOGUE)}",
        "",
        "| code | level | title |",
        "| --- | --- | --- |",
    ]
    lines += [f"| `{r.code}` | {r.level} | {_cell(r.title)} |" for r in CATALOGUE]
    for level, heading, intro in _LEVELS:
        lines += ["", f"## {heading}", "", intro]
        for entry in CATALOGUE:
            if entry.level == level:
                lines += ["", *_rule_section(entry)]
    lines += ["", _READINGS.rstrip()]
    return "\n".join(lines) + "\n"


def _rule_section(entry: Rule) -> list[str]:
    lines = [
        f"### `{entry.code}` — {entry.title}",
        "",
        f"- Message: {entry.message}",
        f"- Citation: {entry.citation}",
        f"- Effective: {entry.effective.isoformat()}",
    ]
    if entry.params:
        lines.append("- Parameters:")
        lines += [f"  - `{name}`: {_value(value)}" for name, value in entry.params.items()]
    return lines


def _value(value: Any) -> str:
    if isinstance(value, (tuple, list)):
        if not value:
            return "(none)"
        if all(isinstance(v, (tuple, list)) for v in value):  # ranges: `50-65`
            return ", ".join("`" + "-".join(str(x) for x in v) + "`" for v in value)
        return ", ".join(_value(v) for v in value)
    return f"`{value}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def default_path() -> Path:
    """docs/rules.md at the root of the source tree (src/dgate/rules/docs.py is 3 below)."""
    return Path(__file__).resolve().parents[3] / "docs" / "rules.md"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    paths = [a for a in args if a != "--check"]
    if any(p.startswith("-") for p in paths):
        # an option it does not know is not a file to write (session 29 committed a stale
        # rules.md named "--help")
        print("usage: python -m dgate.rules.docs [--check] [PATH]", file=sys.stderr)
        return 2
    target = Path(paths[0]) if paths else default_path()
    text = render()
    if check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is stale: run python -m dgate.rules.docs", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

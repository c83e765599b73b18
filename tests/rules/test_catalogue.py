"""The catalogue holds exactly the codes of decisions.md, each with real sources."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from types import MappingProxyType

import pytest

from .factory import missing_peers

if missing_peers("dgate.rules.vocab"):
    pytest.skip("dgate.rules.vocab not written yet", allow_module_level=True)

from dgate.rules import catalogue, vocab  # noqa: E402
from dgate.rules.catalogue import CATALOGUE, codes, rule, ruleset_hash  # noqa: E402
from dgate.rules.dates import FIRST_ORDER_DATE  # noqa: E402

# Copied by hand from /work/shared/spec/decisions.md, in its order.
DECISIONS_BATCH = ("B_SIGNATURE", "B_SIGNER", "B_AGENCY", "B_RECORDS_HASH", "B_AUTHORITY",
                   "B_REASON", "B_CERTIFICATION", "B_SIGNED_AT")
DECISIONS_RECORD = ("R_REQUEST_ID", "R_NAME", "R_ADDRESS_MISSING", "R_ADDRESS_PLACEHOLDER",
                    "R_ADDRESS_INCOMPLETE", "R_ADDRESS_INVALID", "R_ADDRESS_FACILITY", "R_TIN",
                    "R_PERIOD", "R_STATUTE", "R_REASON", "R_ORDER_MISSING", "R_ORDER_FUTURE",
                    "R_ORDER_90_DAYS", "R_CASE", "R_CASELOAD", "R_DUPLICATE")
DECISIONS_MATCH = {"M_NO_MATCH": "NOT_DISCLOSED", "M_NAME_ONLY": "NOT_DISCLOSED",
                   "M_ADDRESS_ONLY": "NOT_DISCLOSED", "M_AMBIGUOUS": "NOT_DISCLOSED",
                   "M_CONFLICT": "NOT_DISCLOSED", "M_DECEASED": "NOT_DISCLOSED",
                   "M_REVIEW": "REVIEW", "M_MATCH": "DISCLOSE"}

# Every source a citation may name: legal-basis.md / master-format.md, verbatim.
KNOWN_SOURCES = {
    "26 U.S.C. §6103(i)(2)(A)", "26 U.S.C. §6103(i)(2)(B)(i)", "26 U.S.C. §6103(i)(2)(B)(ii)",
    "26 U.S.C. §6103(i)(2)(B)(iii)", "26 U.S.C. §6103(i)(2)(B)(iv)", "26 U.S.C. §6103(i)(2)(C)",
    "26 U.S.C. §6103(p)(3)(A)", "26 U.S.C. §6103(p)(4)", "26 U.S.C. §7213",
    "8 U.S.C. §1253(a)(1)", "8 C.F.R. §241.1", "Treas. Reg. §301.6212-2",
    "IRS–ICE memorandum of understanding of 7 April 2025",
    "Center for Taxpayer Rights v. IRS, No. 1:25-cv-00457 (D.D.C.), ruling of 21 Nov 2025",
    "Center for Taxpayer Rights v. IRS, No. 1:25-cv-00457 (D.D.C.), ruling of 26 Feb 2026",
    "TIGTA report (June 2026)", "office policy parameter",
}


def test_codes_are_exactly_those_of_decisions_md() -> None:
    assert codes("batch") == DECISIONS_BATCH
    assert codes("record") == DECISIONS_RECORD
    assert codes("match") == tuple(DECISIONS_MATCH)
    assert len({r.code for r in CATALOGUE}) == len(CATALOGUE)


def test_match_dispositions_follow_decisions_md() -> None:
    for code, disposition in DECISIONS_MATCH.items():
        assert rule(code).params["disposition"] == disposition


def test_every_rule_cites_only_known_sources_and_has_a_message() -> None:
    for r in CATALOGUE:
        parts = r.citation.split("; ")
        assert parts and set(parts) <= KNOWN_SOURCES, r.code
        assert any(p != "office policy parameter" for p in parts), r.code
        assert r.title.strip() and r.message.strip() and "\n" not in r.message, r.code


def test_policy_values_of_the_contract() -> None:
    assert rule("B_SIGNED_AT").params["staleness_days"] == 90
    assert rule("R_ORDER_90_DAYS").params["waiting_days"] == 90
    # the floor dgate.rules.dates applies is the one the catalogue publishes
    assert rule("R_ORDER_MISSING").params["first_order_date"] == FIRST_ORDER_DATE.isoformat()
    assert rule("R_CASELOAD").params["cap"] == 100
    assert rule("R_CASELOAD").params["window_days"] == 365
    assert rule("R_ADDRESS_PLACEHOLDER").params["placeholders"] == tuple(vocab.PLACEHOLDERS)
    assert rule("R_ADDRESS_FACILITY").params["facilities"] == tuple(vocab.FACILITIES)
    assert "see attached" in rule("R_REASON").params["placeholders"]
    assert rule("B_CERTIFICATION").params["required"] == (
        "subjects_under_criminal_investigation", "use_solely_for_proceeding",
        "recipients_personally_and_directly_engaged", "publication_1075_safeguards")


def test_the_90_day_rule_cites_the_removal_statute() -> None:
    assert "8 U.S.C. §1253(a)(1)" in rule("R_ORDER_90_DAYS").citation
    assert "26 U.S.C. §6103(i)(2)(B)(ii)" in rule("R_PERIOD").citation
    assert "21 Nov 2025" in rule("R_CASELOAD").citation


def test_rules_are_immutable() -> None:
    r = rule("R_CASELOAD")
    with pytest.raises(AttributeError):
        r.code = "X"  # type: ignore[misc]
    with pytest.raises(TypeError):
        r.params["cap"] = 1_000_000  # type: ignore[index]
    assert hash(r) == hash(rule("R_CASELOAD"))


def test_unknown_code() -> None:
    with pytest.raises(KeyError, match="R_NOPE"):
        rule("R_NOPE")


def test_hash_is_sha256_of_canonical_json() -> None:
    import hashlib

    text = catalogue.canonical_json()
    assert json.loads(text)["rules"][0]["code"] == "B_SIGNATURE"
    assert ruleset_hash() == hashlib.sha256(text.encode()).hexdigest()


def test_hash_is_stable_across_processes() -> None:
    script = "from dgate.rules.catalogue import ruleset_hash; print(ruleset_hash())"
    outputs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, check=True)
        outputs.add(done.stdout.strip())
    assert outputs == {ruleset_hash()}


def test_hash_changes_with_any_parameter(monkeypatch: pytest.MonkeyPatch) -> None:
    before = catalogue.canonical_json()
    changed = tuple(
        replace(r, params=MappingProxyType({**r.params, "cap": 101})) if r.code == "R_CASELOAD"
        else r
        for r in CATALOGUE
    )
    monkeypatch.setattr(catalogue, "CATALOGUE", changed)
    assert catalogue.canonical_json() != before

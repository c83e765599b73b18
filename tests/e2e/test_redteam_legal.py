"""Red team r5, end to end: requests the contract refuses that were DISCLOSED.

The record is the spec's own R1 (María Guadalupe García López at 123 N Main St #4B,
Austin TX: DISCLOSE M_MATCH, tests/e2e/handmade.py) with one field turned into a
placeholder the rules missed. Each was disclosed at the code of session 28; each must be
REJECTED with the code decisions.md names. Synthetic people.
"""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide, setup_home

R1 = dict(request_id="R1", first_name="Maria", last_name="Garcia", street="123 N Main St",
          unit="#4B", city="Austin", state="TX", zip="78701-1234")

# case -> (fields over R1, the code decisions.md gives)
CASES = {
    # R_ADDRESS_PLACEHOLDER: "placeholder text … in any field of the address"
    "city_dont_know": (dict(city="DON'T KNOW"), "R_ADDRESS_PLACEHOLDER"),
    "city_redacted": (dict(city="REDACTED"), "R_ADDRESS_PLACEHOLDER"),
    "unit_question_mark_on_the_street_line": (dict(street="123 N Main St Apt ?", unit=""),
                                              "R_ADDRESS_PLACEHOLDER"),
    # R_CASE: "case_number or case_agent_id missing" (a placeholder is missing in substance)
    "case_unknown_unknown": (dict(case_number="UNKNOWN UNKNOWN"), "R_CASE"),
    "case_not_applicable": (dict(case_number="NOT APPLICABLE"), "R_CASE"),
    "agent_xxxxx": (dict(case_agent_id="XXXXX"), "R_CASE"),
    # R_REASON: "record reason missing or a placeholder"
    "reason_refused": (dict(reason="REFUSED TO PROVIDE"), "R_REASON"),
    "reason_none_given": (dict(reason="No reason given"), "R_REASON"),
    "reason_filler": (dict(reason="blah blah blah"), "R_REASON"),
}


def test_placeholders_the_rules_missed_are_refused_not_disclosed(tmp_path: Path) -> None:
    """decisions.md: a record that fails a record-level rule is REJECTED and "nothing about
    it is looked up in the master file"; each case below was DISCLOSE M_MATCH. Every
    failure is listed at once (each case is its own finding)."""
    home, key = setup_home(tmp_path)
    control = decide(home, key, tmp_path, [R1], "ICE-2026-000500")["R1"]
    assert control["disposition"] == "DISCLOSE", control
    wrong = []
    for n, (name, (fields, code)) in enumerate(CASES.items()):
        got = decide(home, key, tmp_path, [dict(R1, **fields)], f"ICE-2026-{501 + n:06d}")["R1"]
        if got["disposition"] != "REJECTED" or code not in got["reason_codes"].split(";"):
            wrong.append((name, got["disposition"], got["reason_codes"]))
    assert not wrong, wrong


def test_a_placeholder_manifest_reason_rejects_the_batch(tmp_path: Path) -> None:
    """decisions.md B_REASON: "manifest reason missing or a placeholder" — every record of
    the batch REJECTED. "No reason given" was accepted and R1 disclosed."""
    from tests.e2e.handmade import AS_OF, dgate, write_package

    home, key = setup_home(tmp_path)
    pkg = write_package(tmp_path / "pkg", key, [R1], batch_id="ICE-2026-000600",
                        reason="No reason given")
    batch = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk").last_line
    out = tmp_path / "d.csv"
    assert dgate(home, "batch", "decisions", batch, "--out", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    assert "REJECTED" in text and "B_REASON" in text, text

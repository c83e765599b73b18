"""Batch rules beyond the golden cases: every code at once, malformed inputs never crash."""

from __future__ import annotations

import base64
from datetime import date, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .factory import missing_peers

if missing_peers("dgate.rules.vocab"):
    pytest.skip("dgate.rules.vocab not written yet", allow_module_level=True)

from dgate.rules.batch import is_placeholder_reason  # noqa: E402

from .factory import (  # noqa: E402
    OTHER_KEY,
    SIGNED_AT,
    BatchScenario,
    default_agency,
    default_official,
)


def test_clean_batch_passes() -> None:
    assert BatchScenario().run() == frozenset()


def test_raw_signature_bytes_are_accepted_too() -> None:
    scenario = BatchScenario()
    facts = scenario.facts()
    raw = base64.b64decode(facts.signature)
    assert BatchScenario(signature_override=raw).run() == frozenset()


def test_signature_by_another_key_fails() -> None:
    assert BatchScenario(signing_key=OTHER_KEY).run() == {"B_SIGNATURE"}


@pytest.mark.parametrize(
    "signature", [b"", b"not base64 at all!", base64.b64encode(b"\x00" * 63), b"\x00" * 64]
)
def test_malformed_or_wrong_signature_fails_without_crashing(signature: bytes) -> None:
    assert BatchScenario(signature_override=signature).run() == {"B_SIGNATURE"}


def test_missing_signature_file() -> None:
    assert BatchScenario(signing_key=None).run() == {"B_SIGNATURE"}


BROKEN_PEM = b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"


@pytest.mark.parametrize("pem", [b"", b"garbage", BROKEN_PEM])
def test_unloadable_registered_key_fails_signature(pem: bytes) -> None:
    assert BatchScenario(official=default_official(public_key_pem=pem)).run() == {"B_SIGNATURE"}


def test_non_ed25519_registered_key_fails_signature() -> None:
    pem = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    assert BatchScenario(official=default_official(public_key_pem=pem)).run() == {"B_SIGNATURE"}


def test_unknown_official_is_a_signer_defect_not_a_signature_guess() -> None:
    assert BatchScenario(official=None).run() == {"B_SIGNER"}
    assert BatchScenario(official=None, signing_key=None).run() == {"B_SIGNER", "B_SIGNATURE"}


@pytest.mark.parametrize(
    "signed_by",
    [None, "ICE-DIR-01", {}, {"official_id": ""}, {"official_id": 7}, {"name": "x"},
     # the registered official, but the manifest lacks the signer's name or title
     {"official_id": "ICE-DIR-01"}, {"official_id": "ICE-DIR-01", "name": "Pat Example"},
     {"official_id": "ICE-DIR-01", "name": " ", "title": "Director"}],
)
def test_malformed_signed_by(signed_by: object) -> None:
    scenario = BatchScenario()
    scenario.manifest["signed_by"] = signed_by
    assert scenario.run() == {"B_SIGNER"}


def test_official_of_another_agency_or_id_is_not_the_signer() -> None:
    assert BatchScenario(official=default_official(agency="CBP")).run() == {"B_SIGNER"}
    assert BatchScenario(official=default_official(official_id="ICE-DIR-02")).run() == {
        "B_SIGNER"}


def test_validity_bounds_are_inclusive_and_optional() -> None:
    at = SIGNED_AT
    one = timedelta(days=1)
    assert BatchScenario(official=default_official(valid_from=at)).run() == frozenset()
    assert BatchScenario(official=default_official(valid_from=at + one)).run() == {"B_SIGNER"}
    unbounded = default_official(valid_from=None, valid_to=None)
    assert BatchScenario(official=unbounded).run() == frozenset()


def test_unreadable_signed_at_is_reported_once() -> None:
    scenario = BatchScenario()
    scenario.manifest["signed_at"] = "11/20/2026"
    assert scenario.run() == {"B_SIGNED_AT"}


@pytest.mark.parametrize("signed_at", [None, "", "2026-11-26", "2026-11-20T10:00:00", 20261120])
def test_signed_at_defects(signed_at: object) -> None:
    scenario = BatchScenario()
    if signed_at is None:
        del scenario.manifest["signed_at"]
    else:
        scenario.manifest["signed_at"] = signed_at
    assert "B_SIGNED_AT" in scenario.run()


def test_signed_on_the_processing_date_passes() -> None:
    assert BatchScenario(processing_date=SIGNED_AT).run() == frozenset()


@pytest.mark.parametrize(
    "agency",
    [None, "suspended", "revoked", "blocked", "other-code"],
)
def test_agency_defects(agency: str | None) -> None:
    value = {
        None: None,
        "suspended": default_agency(status="suspended"),
        "revoked": default_agency(status="ACTIVE "),  # anything but "active" fails closed
        "blocked": default_agency(safeguard_block=True),
        "other-code": default_agency(code="CBP"),
    }[agency]
    # an agency not registered has no designated statute: none cited is one (B_AUTHORITY)
    expected = {"B_AGENCY", "B_AUTHORITY"} if agency is None else {"B_AGENCY"}
    assert BatchScenario(agency=value).run() == expected


def test_unknown_agency_has_no_designated_statute() -> None:
    """Whatever it cites, an unknown agency's batch carries B_AUTHORITY, as its records
    carry R_STATUTE: the designation is the registered agency's."""
    scenario = BatchScenario(agency=None)
    for cited in (["8 U.S.C. 1229a"], ["8 U.S.C. 1253(a)(1)"], []):
        scenario.manifest["statutory_authority"] = cited
        assert scenario.run() == {"B_AGENCY", "B_AUTHORITY"}


@pytest.mark.parametrize(
    "authority",
    [None, [], [""], "8 U.S.C. 1253(a)(1)", ["8 U.S.C. 1253(a)(1)", 7], ["8 U.S.C. 1253 ", None],
     ["18 U.S.C. 1001"], ["8 U.S.C."]],
)
def test_authority_defects(authority: object) -> None:
    scenario = BatchScenario()
    scenario.manifest["statutory_authority"] = authority
    assert scenario.run() == {"B_AUTHORITY"}


def test_one_designated_statute_among_others_suffices() -> None:
    scenario = BatchScenario()
    scenario.manifest["statutory_authority"] = ["18 U.S.C. 1001", "8 USC § 1253(a)(1)"]
    assert scenario.run() == frozenset()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("records_sha256", None),
        ("records_sha256", "abc"),
        ("records_sha256", "g" * 64),
        ("records_sha256", "0" * 64),
        ("record_count", None),
        ("record_count", "3"),
        ("record_count", 3.0),
        ("record_count", True),
        ("record_count", 4),
    ],
)
def test_records_defects(field: str, value: object) -> None:
    scenario = BatchScenario()
    scenario.manifest[field] = value
    assert scenario.run() == {"B_RECORDS_HASH"}


def test_records_file_changed() -> None:
    assert BatchScenario(records_sha256="ab" * 32).run() == {"B_RECORDS_HASH"}


@pytest.mark.parametrize("value", ["true", 1, "yes", None, False, [True], {"value": True}])
def test_certification_must_be_json_true(value: object) -> None:
    scenario = BatchScenario()
    scenario.manifest["certifications"]["publication_1075_safeguards"] = value
    assert scenario.run() == {"B_CERTIFICATION"}


def test_certifications_missing_entirely_or_one_key_missing() -> None:
    scenario = BatchScenario()
    del scenario.manifest["certifications"]["recipients_personally_and_directly_engaged"]
    assert scenario.run() == {"B_CERTIFICATION"}
    scenario.manifest["certifications"] = [True, True, True, True]
    assert scenario.run() == {"B_CERTIFICATION"}


def test_every_defect_is_reported_at_once() -> None:
    scenario = BatchScenario(
        signing_key=None,
        official=default_official(valid_to=date(2026, 1, 31)),
        agency=default_agency(status="suspended"),
        record_count=99,
    )
    scenario.manifest.update(
        statutory_authority=["8 U.S.C. 1229a"], reason="TBD",
        certifications={}, signed_at=(SIGNED_AT - timedelta(days=200)).isoformat(),
    )
    # Processing date stays 2026-11-25: signed 205 days earlier, outside validity too.
    assert scenario.run() == {
        "B_SIGNATURE", "B_SIGNER", "B_AGENCY", "B_RECORDS_HASH", "B_AUTHORITY", "B_REASON",
        "B_CERTIFICATION", "B_SIGNED_AT",
    }


def test_manifest_that_is_not_an_object_rejects_without_crashing() -> None:
    from dgate.rules.batch import BatchFacts, check_batch

    facts = BatchFacts(manifest_bytes=b"[]", manifest=[], signature=None,  # type: ignore[arg-type]
                       records_sha256="", record_count=0)
    codes = check_batch(facts, default_agency(), default_official(), date(2026, 11, 25))
    assert codes == {"B_SIGNATURE", "B_SIGNER", "B_AGENCY", "B_RECORDS_HASH", "B_AUTHORITY",
                     "B_REASON", "B_CERTIFICATION", "B_SIGNED_AT"}


@pytest.mark.parametrize(
    "reason",
    ["", "   ", "N/A", "n / a", "TBD", "see attached", "See Attached.", "reason", "investigation",
     "none", "Criminal investigation", "12345 6789", "---", "open case", "see attached memo",
     "criminal investigation pending", "xxx xxx xxx", None, 42, ["a", "b", "c"],
     # filler and pointers elsewhere, found by an audit passing as reasons
     "To be determined", "Please see attached", "See attached memorandum",
     "Lorem ipsum dolor sit amet", "Placeholder reason text", "Reason goes here",
     "Insert reason here", "As stated in the attached letter"],
)
def test_placeholder_reasons(reason: object) -> None:
    assert is_placeholder_reason(reason)


@pytest.mark.parametrize(
    "reason",
    ["Failed to depart", "Subject of open investigation into failure to depart",
     "Sujeto de investigación penal por no salir", "Willful failure to depart, case 2026-17",
     "Each listed person is the subject of an open criminal investigation",
     "Wanted on warrant 12-345 for smuggling"],
)
def test_specific_reasons(reason: str) -> None:
    assert not is_placeholder_reason(reason)

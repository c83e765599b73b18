"""What `dgate master load` stores of each name and address field, fingerprinted over a
fixed corpus of synthetic forms (data/stored_forms.json: values `dgate synth` writes and
forms the audits found). A change that alters any stored form changes the fingerprint:
then raise normalize.NORMALIZER_VERSION (so that masters loaded before are refused until
they are loaded again, store.master.require_format) and record the new fingerprint here
under it. Session 9 changed stored names and nothing told anyone that masters had to be
loaded again: a master loaded before kept the old forms and was compared with new ones."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from dgate.normalize import NORMALIZER_VERSION
from dgate.normalize.address import normalize_city, normalize_state
from dgate.store import master

FINGERPRINTS = {
    "dgate-norm/10": "21c0bc815bfa8f4a7ceb959fcac87f48bd2903557be8c8f51e61c7eef117936e",
    # session 10, addresses: grid house numbers and streets, lettered avenues, highway names
    "dgate-norm/11": "1c10c8b237ded776f2e90c87c861b01bd2305c64dea4fbd08bc6b6ab644ded03",
    # audit 12: DAS is a surname word, not a particle (SINGH DAS); VALERA a known given
    # name. 13, not 12: main's 12 came from another branch (addresses); merge them as 14.
    "dgate-norm/13": "35ce6df0ae8d98dfddb926e1a4916ee4870e8f6485dc279f7323abf3736fa472",
}

# each raw master column and the function load maps its distinct values through
_STORED = {
    "first_name": master._first_parts, "middle_name": master._middle_parts,
    "last_name": master._last_parts, "name_suffix": master._suffix_parts,
    "street": master._street_parts, "unit": master._unit_parts,
    "city": lambda v: (normalize_city(v),), "state": lambda v: (normalize_state(v),),
    "zip": master._zip_parts,
}


def _fingerprint() -> str:
    corpus = json.loads((Path(__file__).parent / "data" / "stored_forms.json"
                         ).read_text(encoding="utf-8"))
    assert set(corpus) == set(_STORED)
    forms = {column: [[value, list(fn(value))] for value in corpus[column]]
             for column, fn in _STORED.items()}
    text = json.dumps(forms, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_the_stored_forms_are_those_of_the_normalizer_version() -> None:
    assert FINGERPRINTS.get(NORMALIZER_VERSION) == _fingerprint(), (
        "what master load stores of a name or an address changed: raise "
        "dgate.normalize.NORMALIZER_VERSION and record the new fingerprint in FINGERPRINTS")


def test_the_fingerprint_sees_a_changed_form(monkeypatch: pytest.MonkeyPatch) -> None:
    before = _fingerprint()
    monkeypatch.setitem(_STORED, "city", lambda v: (normalize_city(v).lower(),))
    assert _fingerprint() != before

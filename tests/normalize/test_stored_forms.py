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
    # helper-18: a courtesy title at the end of the first-name field (JOHN MRS); lettered
    # avenues stored as AVE N however AVENUE is written; 100 RR 620 is Ranch Road RM 620
    # (route numbers from 100); Puerto Rico lines in the Spanish order (URB VILLA NEVAREZ
    # CALLE A 150)
    "dgate-norm/12": "b3033a670544b03febbd1ecb7cdeee30ba9d30968816a47af9efeed79516e69f",
    # audit 12 (branch names12, never on main alone): DAS is a surname word, not a
    # particle (SINGH DAS); VALERA a known given name
    "dgate-norm/13": "35ce6df0ae8d98dfddb926e1a4916ee4870e8f6485dc279f7323abf3736fa472",
    # session 11: 12 and 13 merged
    "dgate-norm/14": "6758a373cbb92cacaa96d70306c20f20a3459959869b7c073824638e43dc20da",
    # session 11: MUHAMMAD, YUSUF, SAEED name groups (canonical given names); the corpus
    # gained MOHAMMED, MOHD, YOUSEF, SAID, MIKHAIL
    "dgate-norm/15": "866e1391398e4ed9d90ce7b47e00a3acb65c79157a3c61d92f582d34d16cfb4c",
    # issue 5, addresses: Queens house numbers without their hyphen (45-10 = 4510), spelled
    # house numbers (ONE MAIN ST), military boxes (PSC 1234 BOX 5678: a post office's box),
    # a unit before the street line, E AVENUE K a lettered avenue, and each street name's
    # key stored (skey); the corpus gained these forms
    "dgate-norm/16": "ada3b38ace7f16ecf2df5635a378e2f4bbc4a27cc2d0e0afff3397dad1e15b30",
    # audit 13 (A1): format characters (soft hyphen, zero-width space …) and the middle dot
    # dropped inside a word instead of read as a space; the corpus gained such values
    "dgate-norm/17": "c00cbdf18a26f048753f5658b216e33a5a493141a05fe1518ee63372f94f257c",
    # branch names (issue 5): ABD compounds (ABD AL RAHMAN, ABDELRAHMAN, ABDURRAHMAN …)
    # stored as ABDUL RAHMAN, the forms of ABDULLAH as ABDULLAH; MD before more given names
    # as MOHD; the corpus gained those forms
    "dgate-norm/18": "6a1211779371a0edea860cdfd4b130503c9c35113cc8f34f8b5d7fb857f3dbc0",
    # audit 14 (F3): Cyrillic and Greek look-alikes of Latin letters inside a Latin word
    # read as those letters (ACОSTA), another script's letters there dropped (the
    # Hawaiian okina too: KAʻAHUMANU is KAAHUMANU, was KA AHUMANU); the corpus gained such
    # values
    "dgate-norm/19": "24522e8fbbe27d64c218dbe9bebbdb55ebf82b4cb6c1bfcf5a05309ac6de78e6",
    # branch addrfix (a review of session 12): house numbers spelled out read as words of
    # the street's name again (SEVEN OAKS DR); a Queens house number without its hyphen only
    # in Queens (10-12 in Phoenix keeps it), the street lines fingerprinted as stored in
    # Queens too; U+2063 a space; the middle dot a space but in L·L (addresses); the
    # corpus gained those forms
    # (dgate-norm/19 on that branch: 62093f4e…), merged with main's 19; the middle dot
    # read so in names too (JOSE·MARIA two words)
    "dgate-norm/20": "52ccabb026418be7889f39a1cb07aef955ee6ab54379346860ba8798611aed79",
    # session 14: SEÑOR ending the surname field is the surname's end written
    # apart (VILLA SEÑOR is VILLASEÑOR), not a title; the corpus gained such values
    "dgate-norm/21": "d7294c643ec96adce5bac1d368a592d8114b0775dffbb59e9b16834a6aa450af",
    # session 16: Spanish diminutives GOYO (GREGORIO), POLO (LEOPOLDO, HIPOLITO, APOLINAR),
    # TENCHA (HORTENSIA), CHILO (ISIDRO), EFRA (EFRAIN), LEO also LEOPOLDO's (canonical
    # given names stored); the corpus gained those forms
    "dgate-norm/22": "dec12eb4f5007ed8d7e4c2ff2bc57b7026e6337e9018e30758e4fc7ce5e0a01d",
    # session 17: Arabic given names in their usual Latin spellings (AHMAD / AHMED, KHALED /
    # KHALID, HUSSAIN / HUSSEIN, UMAR / OMAR, TAREK / TARIQ, NOOR / NOUR, FATMA / FATIMA:
    # canonical given names stored); the corpus gained those forms
    "dgate-norm/23": "a3b1e800cbb1e904020453fa18afb395aa9543314f5a3670e2bc91b038d5293c",
    # session 18, addresses: a lone directional before a type that is a place word read as
    # the predirectional of a street so named (11599 E LAKE: street LAKE, no type); MLK
    # stored as MARTIN LUTHER KING; the corpus gained such lines
    "dgate-norm/24": "19cc1cb629fb7f02408d5db2b2018e51786a637803482ec1bd4a828a6afc4382",
    # session 18 (audit 20): Ukrainian, Russian and Belarusian given names in their usual
    # Latin spellings one name each (SERGIY / SERGEI, IULIIA / YULIA, HALYNA / GALINA:
    # canonical given names stored); the corpus gained those forms
    "dgate-norm/25": "fb54227c46ac9e4d4c041bd379790554102c78602d4b876f735782fbc22e8194",
    # session 18 (audit 20): nicknames SHELLY (MICHELLE), KEV, CATHIE, RODRI, GABY,
    # FREDDY (ALFREDO too), TURI, and MA for MARIA (canonical given names stored); the
    # corpus gained those forms
    "dgate-norm/26": "19f3c259ff8886d8384c972f27dcb1ea45ee794e80bfbf79334e79a0f6a79f03",
    # session 18, helper-44's review: GABI no longer GABRIELA's (GABRIEL's and GABRIELLE's
    # only); the corpus gained GABI
    "dgate-norm/27": "eb2452b76ebbabff7f2ce37a892f2449c7b6e0e0afe2285716eaa7ad21120c04",
    "dgate-norm/28": "09f1c006ad598acbe8f273df3491e45e34047f2d0e7725b97a7b28f7e221a305",
    # session 20: the Vietnamese middle name VAN or THI written first in the given-name
    # field stored after the given name (VAN HIEU as HIEU VAN); the corpus gained such
    # values and Korean syllables written apart (YOUNG HEE), which store as before
    "dgate-norm/29": "e7c9eb4737db56c22d2d6d6d14ac1f0a878ba860d267eab39a0578d869973bba",
    # session 24 (audit 21): a plural suffix word inside a street's name keyed apart from
    # its singular (PARKS, FORESTS -> FRSTS, TRAILS and TRLS -> TRLS: skey); the corpus
    # gained such lines
    "dgate-norm/30": "6fbfef4e403c982d1d1de8c36d445895cb8742c8e35ec9ee66771c763a95a608",
    # session 25 (a red-team reading): nicknames two names of a household may share, VIC
    # (VICTOR, VICTORIA), MANNY (EMMANUEL too), BENNY (BENITO too), MEL, VAL, ED, EDDIE,
    # JO, NAT, JESS (canonical given names stored); audit 22: a rural route or highway
    # contract box with a hyphen (HC-02 BOX 7150) and Puerto Rico's highway lines by
    # kilometre (CARR 172 KM 13.0: house 13 of CARR 172); the corpus gained those forms
    "dgate-norm/31": "a6723d228996f3e10aca133c9c63128d4d85aec30d23cad789dfa5a598d64504",
    # session 26 (audit 22): SO after a grid number is SOUTH (687 W 300 SO = 687 W 300 S);
    # a kilometre and its hectometre are one marker (CARR 14 KM 9 HM 2: house 9.2); the
    # corpus gained such lines
    "dgate-norm/32": "f494441406b97498626112693474afb18d35e7db5f460c6b222c1493a8956f8e",
    # red team r4 (session 28): nicknames two names of a household share, ALEX (ALEXIS
    # too), DANI (DANIELA), FER (FERNANDA), MANU (MANUEL), MARI (MARIBEL, MARISOL), VALE
    # (VALERIA), RAFA (RAFAELA), NATI (NATALIA) (canonical given names stored); the corpus
    # gained those forms
    "dgate-norm/33": "f717f94c2950b1e9a81413bf339fdc733c3e656815bb79f0c03390142f0d5146",
    # session 29: red team r12, a Puerto Rico line with its house number last (CALLE LUNA
    # 123); r17, a unit after a rural box kept (HC 68 BOX 12 LOT 4), RR #2 and BOX 7 RR 3,
    # single-axis grid house numbers (N1234, 27W100), a unit that is only a fraction joined
    # to the house number; the corpus gained those forms
    "dgate-norm/34": "e09750e1a9e5cf7fd1bc10dbf9fb2a95091aa56b8b806bce92ccfc51b06fb252",
    # session 30: a unit naming only a building or a floor keeps its designator (BLDG 2 ->
    # BLDG2, FL 2 -> FL2: address._container_unit), no longer apartment 2
    "dgate-norm/35": "7b1b6bb4e7bf2946b07e9d94b6e04cc04e9abad52a0e3fd399c4202369a2a75e",
    # session 33 (red team r32): MAC written apart before another surname word is the
    # prefix of that word (MAC DONALD = MACDONALD); MAC alone stays a surname; the corpus
    # gained such surnames
    "dgate-norm/36": "b5ffa1023219efce4b5ad1199d7118695de7d872632e30c380df8599b3e4a45c",
    # session 35 (red team r39): roads of the Southwest and units glued to their number
    # (CO RD / CNTY RD 123, ST RD 84, ST HWY 6, FM1960, IH 35, NW LOOP 410, TX 6 as STATE
    # HWY 6, APT4 / SPC12 / LOT7, ordinal floors 2ND FL as FL2, CALLE LUNA 123 LOT 4); the
    # corpus gained those forms
    "dgate-norm/37": "262ff332b4b9d32bb12dd8217ee297dae28dc1bf8e3aa234c190226b136b5321",
    # session 38: a name before the street line, set off by a comma ("C/O MARIA LOPEZ, 12
    # OAK ST"), read as the line after it (address.named_street_line); the corpus gained
    # such lines
    "dgate-norm/38": "11aecd4fbcf7ead33008729995300fb28e1480797df0a2f4ac621685f4a89c72",
}

# each raw master column and the function load maps its distinct values through
_STORED = {
    "first_name": master._first_parts, "middle_name": master._middle_parts,
    "last_name": master._last_parts, "name_suffix": master._suffix_parts,
    # a street line as stored anywhere, then as stored in Queens (master._queens_street_parts)
    "street": lambda v: (*master._street_parts(v), *master._queens_street_parts(v)),
    "unit": master._unit_parts,
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

"""A Korean given name split across the given-name and middle-name fields.

A Korean given name is usually two syllables, one name: 영희 is YOUNGHEE, YOUNG-HEE or
YOUNG HEE. US forms have a first-name box and a middle-name box, and a clerk (or the
person) often writes the two syllables one in each: YOUNG / HEE / LEE for the taxpayer who
files as YOUNGHEE LEE. Read field by field, that is a given name YOUNG against YOUNGHEE
(no agreement) and a middle name HEE the record lacks: audit 20 (session 20) found such
requests M_ADDRESS_ONLY at the person's own address, the exact date of birth agreeing
(YOUNG / HEE LEE, EUN / JI JANG, MIN / JI AHN, YU / NA PARK).

`joins_given_name` says when a request's two fields are read as one given name of two
syllables (as if written YOUNG HEE in the given-name field, which names.compare_names
already relates to YOUNGHEE and YOUNG-HEE): each field one word, both words Korean
given-name syllables, the surname a Korean one. The reading costs little where the
person does have a middle name of that form: the given names still agree as a given name
and its second word (level 4), the middle name as a later given name.

Only the request is read so (a record's fields are normalized one by one when the master
is loaded, store/master.py), so both SQL engines see the same request tokens and no stored
form changes.
"""

from __future__ import annotations

from dgate.normalize.romanized import KOREAN_ROMANIZATIONS

# Syllables of Korean given names in the usual US spellings (Revised Romanization,
# McCune-Reischauer and older forms), folded. Some are English words or names too (DAN,
# MAN, SO, HO): a reading needs both fields' words listed and a Korean surname.
GIVEN_SYLLABLES: frozenset[str] = frozenset({
    "AE", "AH", "BIN", "BO", "BOK", "BONG", "BYUL", "BYUNG", "BYEONG", "CHAE", "CHAN",
    "CHANG", "CHEOL", "CHEON", "CHI", "CHOL", "CHUL", "CHUN", "CHUNG", "DA", "DAE",
    "DAL", "DAN", "DEOK", "DO", "DOK", "DONG", "DOO", "DU", "DUK", "EUI", "EUN", "EUNG",
    "EUL", "GA", "GEUN", "GEUM", "GI", "GIL", "GU", "GUK", "GYU", "GYEONG", "GWANG",
    "HA", "HAE", "HAK", "HAN", "HEE", "HEON", "HEUI", "HO", "HONG", "HOON", "HUI",
    "HUN", "HWA", "HWAN", "HWI", "HYANG", "HYE", "HYEOK", "HYEON", "HYEONG", "HYO",
    "HYUK", "HYUN", "HYUNG", "IL", "IN", "JA", "JAE", "JEONG", "JI", "JIN", "JOO",
    "JOON", "JONG", "JU", "JUN", "JUNG", "KI", "KUK", "KYU", "KYUNG", "KWANG", "MAN",
    "MI", "MIN", "MOK", "MOO", "MUN", "MYUNG", "MYEONG", "NA", "NAM", "NAN", "OK",
    "RAN", "RI", "RIN", "RO", "RYUNG", "SAE", "SANG", "SEO", "SEOK", "SEON", "SEONG",
    "SEUNG", "SIK", "SIN", "SO", "SOO", "SOOK", "SOON", "SU", "SUK", "SUN", "SUNG",
    "TAE", "TAK", "UK", "UN", "WON", "WOO", "WOOK", "WOONG", "YE", "YEON", "YEONG",
    "YONG", "YOON", "YOUNG", "YU", "YUL", "YUN", "YUNG",
})

# Korean surnames in their usual US spellings, with romanized.py's Korean groups.
_KOREAN_SURNAMES = frozenset({
    "KIM", "LEE", "PARK", "CHOI", "JUNG", "KANG", "CHO", "YOON", "JANG", "LIM", "HAN",
    "OH", "SEO", "SHIN", "KWON", "HWANG", "AHN", "SONG", "YOO", "HONG", "JEON", "KO",
    "GO", "MOON", "YANG", "SON", "BAE", "BAEK", "PAIK", "HEO", "HUH", "NAM", "SIM",
    "SHIM", "NOH", "HA", "KWAK", "SUNG", "CHA", "JOO", "JU", "WOO", "KOO", "MIN", "RYU",
    "NA", "JIN", "JI", "UM", "EOM", "CHAE", "WON", "CHUN", "BANG", "KONG", "HYUN",
    "YEO", "CHOO", "DO", "SO", "SEOK", "SUH", "JEONG",
})
KOREAN_SURNAMES: frozenset[str] = _KOREAN_SURNAMES | frozenset(
    s for k, spellings in KOREAN_ROMANIZATIONS.items() for s in (k, *spellings))


def joins_given_name(first_words: list[str], middle_words: list[str],
                     last_tokens: tuple[str, ...]) -> bool:
    """True if the request's given-name word and middle-name word are one Korean given
    name of two syllables (YOUNG / HEE LEE is YOUNGHEE LEE). Folded words."""
    return (len(first_words) == 1 and len(middle_words) == 1 and len(last_tokens) == 1
            and first_words[0] in GIVEN_SYLLABLES and middle_words[0] in GIVEN_SYLLABLES
            and last_tokens[0] in KOREAN_SURNAMES)

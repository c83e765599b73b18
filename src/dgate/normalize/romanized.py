"""One surname, romanized several ways: the surname key of `names.NormName.last_phon`.

A surname written in another script reaches US records in whichever romanization the
person, an employer or a clerk chose: the Korean surname 이 as LEE, RHEE, YI or RI; 박 as
PARK, BAK or PAK; the Chinese 张 as ZHANG (Pinyin) or CHANG (Wade-Giles, and Taiwan's
passports); the Arabic الخطيب as KHATIB or KHATEEB; the Russian Иванов as IVANOV or, in
the older French-style spelling of many émigré families, IVANOFF. No spelling rule relates
them (the phonetic key hears LEE and YI, XU and HSU, as different names), so the
systematic ones are listed here, one group per surname in its commonest US spellings,
and the Russian endings -OV/-EV and -OFF/-EFF are read alike.

Audit 20 (session 19) found 141 due requests over three seeds M_ADDRESS_ONLY at the
person's own address, most with the exact date of birth, for want of these (MEI RHEE at
MEI LEE's, JIAN HSU at JIAN XU's, ALI EL-SAYYID at ALI EL-SAYED's, PAVEL IVANOFF at
PAVEL IVANOV's).

Only pairs that are one surname in one script are grouped. Surnames that merely sound
alike in one dialect are left out: Cantonese WONG is 黄 (HUANG) and 王 (WANG), CHAN is
陈 (CHEN) and 曾; JANG and JUNG, ZHANG and ZHENG are different families (see
names._surname_of_its_own). A group relates its spellings at the variant level (2), the
level of a spelling variant, never as the same surname: the other fields must still carry
the decision, and the exact date of birth or the TIN must settle it (CHANG is also 常:
names.real_surname_slip).
"""

from __future__ import annotations

from functools import lru_cache

from dgate.normalize.phonetic import phonetic_key

# canonical spelling -> its other romanizations. Every spelling is folded (upper-case
# ASCII). A spelling may appear in one group only. The Korean groups are a table of their
# own: normalize/korean.py reads them as Korean surnames.
KOREAN_ROMANIZATIONS: dict[str, tuple[str, ...]] = {
    # Korean (Revised Romanization, McCune-Reischauer and the usual US forms); 이 is also
    # the Chinese 李, whose Pinyin is LI
    "LEE": ("RHEE", "YI", "RI", "REE", "LI"),
    "PARK": ("BAK", "PAK", "BAHK", "PAHK"),
    "KANG": ("GANG",),
    "YOON": ("YUN",),
    "JUNG": ("JEONG", "CHUNG", "CHEONG", "JOUNG"),
    "CHO": ("JO", "CHOH"),
    "LIM": ("IM", "YIM", "RIM"),
    "CHOI": ("CHOE", "CHOY"),
    "SHIN": ("SIN",),
    "KWON": ("GWON",),
    "HWANG": ("WHANG",),
    "SEO": ("SUH",),
    "KOO": ("GU", "KU"),
    "YOO": ("YU", "RYU", "RYOO"),
    "JEON": ("CHUN", "CHEON", "JUN"),
    "MOON": ("MUN",),
    "BAE": ("PAE",),
    "NOH": ("ROH",),
    "AHN": ("AN",),
    "KIM": ("GIM",),
}

SURNAME_ROMANIZATIONS: dict[str, tuple[str, ...]] = {
    **KOREAN_ROMANIZATIONS,
    # Chinese, Pinyin and Wade-Giles (the latter Taiwan's and older emigrants' spelling);
    # ZHANG's CHANG is also the Korean 장 (JANG)
    "ZHANG": ("CHANG", "JANG"),
    "ZHOU": ("CHOU",),
    "XU": ("HSU",),
    "ZHAO": ("CHAO",),
    "ZHENG": ("CHENG",),
    "ZHU": ("CHU",),
    "XIE": ("HSIEH",),
    "GUO": ("KUO",),
    "CAI": ("TSAI",),
    "CAO": ("TSAO",),
    "ZENG": ("TSENG",),
    "JIANG": ("CHIANG",),
    "QIU": ("CHIU",),
    "XIAO": ("HSIAO",),
    "DENG": ("TENG",),
    "DING": ("TING",),
    "GAO": ("KAO",),
    "GONG": ("KUNG",),
    "XIONG": ("HSIUNG",),
    "QIAN": ("CHIEN",),
    "ZOU": ("TSOU",),
    "SONG": ("SUNG",),
    "DONG": ("TUNG",),
    # Arabic surnames in their usual Latin spellings (the article AL/EL is its own word)
    "KHATIB": ("KHATEEB", "KHATEB"),
    "SAYED": ("SAYYID", "SAYYED", "SAIED", "SAYID"),
    "YOUSSEF": ("YUSUF", "YOUSEF", "YOUSIF", "YUSEF", "YOUSSIF"),
    "HUSSEIN": ("HUSAYN", "HUSSAIN", "HUSAIN", "HOSSEIN", "HUSEIN"),
    "MAHMOUD": ("MAHMUD", "MAHMOOD"),
    "IBRAHIM": ("EBRAHIM", "IBRAHEEM"),
    "ABDULLAH": ("ABDALLAH", "ABDULLA"),
    "NASSER": ("NASIR", "NASSIR", "NASER"),
    "SALEH": ("SALIH",),
    "KASSEM": ("QASSEM", "QASIM", "KASEM", "KASSIM", "QASEM"),
    "SHAKER": ("SHAKIR",),
    "MANSOUR": ("MANSUR", "MANSOOR"),
    "OTHMAN": ("OSMAN", "UTHMAN"),
    "RASHID": ("RASHEED", "RACHID"),
    "HAMID": ("HAMEED",),
    "MAJID": ("MAJEED",),
    "SAID": ("SAEED", "SAYEED"),
}

_CANONICAL: dict[str, str] = {
    spelling: canonical
    for canonical, spellings in SURNAME_ROMANIZATIONS.items()
    for spelling in (canonical, *spellings)
}

# Russian surnames in the older French-style spelling (IVANOFF, SMIRNOFF, ALEKSEEFF): the
# ending -OV/-EV written -OFF/-EFF. All four are read -OF/-EF (the phonetic key already
# hears FF as F, so a German BISCHOFF keeps its key and its relation to BISCHOF); a stem
# of three letters at least (no GOFF, TEFF, LEV)
_RUSSIAN_ENDINGS = (("OFF", "OF"), ("EFF", "EF"), ("OV", "OF"), ("EV", "EF"))
_RUSSIAN_STEM = 3


def surname_canonical(token: str) -> str:
    """The one spelling a romanized surname word is compared as (`token` itself for any word
    no group holds, but for a final -OV/-EV/-OFF/-EFF read -OF/-EF)."""
    canonical = _CANONICAL.get(token)
    if canonical is not None:
        return canonical
    for written, read in _RUSSIAN_ENDINGS:
        if token.endswith(written) and len(token) - len(written) >= _RUSSIAN_STEM:
            return token[: -len(written)] + read
    return token


@lru_cache(maxsize=1 << 16)
def surname_key(token: str) -> str:
    """The phonetic key of a surname word, after its romanization is made one
    (`surname_canonical`): equal for LEE / RHEE / YI, XU / HSU, IVANOV / IVANOFF, and for
    spellings `phonetic.phonetic_key` already hears as one."""
    return phonetic_key(surname_canonical(token))


def romanized_alike(a: str, b: str) -> bool:
    """True if two different surname words are one surname romanized two ways."""
    return a != b and surname_canonical(a) == surname_canonical(b)

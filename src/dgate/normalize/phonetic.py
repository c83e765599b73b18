"""A phonetic key for personal names that hears Spanish as well as English.

English-only keys (Soundex, Metaphone) were built for English spelling: they split
Spanish names whose spellings vary only because the letters sound alike in Spanish
(VASQUEZ/VAZQUEZ/BASQUEZ, YBARRA/IBARRA, JIMENEZ/XIMENEZ/GIMENEZ, CEBALLOS/CEVALLOS), and
their consonant skeletons merge names Spanish keeps apart (GARCIA and GARZA both reduce to
"GRS" in a vowel-less key). This key therefore:

- rewrites letters that are one sound in Spanish to one symbol: B/V -> B; Z, S and soft C
  (before E, I, Y) -> S; hard C, K, QU -> K; LL and consonant Y -> Y; J, soft G and the
  old X of XIMENEZ/MEXIA -> J; hard G and GU before E/I -> G; Ñ was already folded to N;
- drops H, which is silent in Spanish (HERNANDEZ = ERNANDEZ) and after C, S, P, T is part
  of a digraph handled with its first letter (CH -> C, SH/SCH -> X, PH -> F, TH -> T);
- reads Y before a consonant or at the end as the vowel I (YBARRA = IBARRA);
- keeps the vowels, so GARCIA (GARSIA) and GARZA (GARSA), MARTINEZ and MARTIN stay apart;
- collapses doubled symbols last (RR -> R, SS -> S).

LOPEZ and the Portuguese LOPES share a key on purpose: in US records they are spelling
variants of one name far more often than two families.

The key is written for this project (no library's algorithm is copied). Input is expected
folded (upper case ASCII, see names.fold_name); any other character is ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

_VOWELS = frozenset("AEIOU")
_SOFTENING = frozenset("EIY")  # C and G are soft before these


@lru_cache(maxsize=65536)
def phonetic_key(text: str) -> str:
    """The phonetic key of one folded word ("" for no letters). Spaces inside are ignored,
    so pass one name token at a time."""
    word = "".join(ch for ch in text.upper() if "A" <= ch <= "Z")
    if not word:
        return ""
    word = _english_initials(word)
    out: list[str] = []
    i = 0
    while i < len(word):
        symbol, used = _symbol(word, i)
        out.append(symbol)
        i += used
    return _collapse("".join(out))


def _english_initials(word: str) -> str:
    """Silent initial letters of English spelling: KNIGHT -> NIGHT, WRIGHT -> RIGHT."""
    if word.startswith(("KN", "WR")) and len(word) > 2:
        return word[1:]
    return word


def _symbol(word: str, i: int) -> tuple[str, int]:
    """The key symbol(s) for the letter at `i` and how many letters it consumed."""
    c = word[i]
    nxt = word[i + 1] if i + 1 < len(word) else ""
    after = word[i + 2] if i + 2 < len(word) else ""
    if c in _VOWELS:
        return c, 1
    handler = _HANDLERS.get(c)
    if handler is not None:
        return handler(word, i, nxt, after)
    return _PLAIN.get(c, c), 1


def _c(word: str, i: int, nxt: str, after: str) -> tuple[str, int]:
    if nxt == "H":
        return "C", 2  # CH: its own sound in both languages; plain C never yields "C"
    if nxt in _SOFTENING:
        return "S", 1
    if nxt == "K":
        return "K", 2
    return "K", 1


def _g(word: str, i: int, nxt: str, after: str) -> tuple[str, int]:
    if nxt == "U" and after in ("E", "I"):
        return "G", 2  # GUERRERO: the U only keeps the G hard
    if nxt == "H":
        return "G", 2
    if nxt in _SOFTENING:
        return "J", 1  # GIMENEZ sounds as JIMENEZ
    return "G", 1


def _h(word: str, i: int, nxt: str, after: str) -> tuple[str, int]:
    return "", 1  # silent; digraph H is consumed with the letter before it


def _l(word: str, i: int, nxt: str, after: str) -> tuple[str, int]:
    if nxt == "L":
        return "Y", 2  # yeismo: CEVALLOS and CEVAYOS sound alike
    return "L", 1


def _p(word: str, i: int, nxt: str, after: str) -> tuple[str, int]:
    return ("F", 2) if nxt == "H" else ("P", 1)


def _q(word: str, i: int, nxt: str, after: str) -> tuple[str, int]:
    return ("K", 2) if nxt == "U" else ("K", 1)


def _s(word: str, i: int, nxt: str, after: str) -> tuple[str, int]:
    if nxt == "H":
        return "X", 2
    if nxt == "C" and after == "H":
        return "X", 3  # German SCH (SCHMIDT)
    return "S", 1


def _t(word: str, i: int, nxt: str, after: str) -> tuple[str, int]:
    return ("T", 2) if nxt == "H" else ("T", 1)


def _x(word: str, i: int, nxt: str, after: str) -> tuple[str, int]:
    # Old Spanish X sounds as J at the start (XIMENEZ, XAVIER) and in MEXIA/MEXICO;
    # elsewhere it is KS (ALEXANDER, MAXIMO).
    if nxt in _VOWELS and (i == 0 or word[:i] == "ME"):
        return "J", 1
    return "KS", 1


def _y(word: str, i: int, nxt: str, after: str) -> tuple[str, int]:
    return ("Y", 1) if nxt in _VOWELS else ("I", 1)


_Handler = Callable[[str, int, str, str], tuple[str, int]]
_HANDLERS: dict[str, _Handler] = {
    "C": _c, "G": _g, "H": _h, "L": _l, "P": _p, "Q": _q, "S": _s, "T": _t, "X": _x, "Y": _y,
}
_PLAIN: dict[str, str] = {"V": "B", "Z": "S", "W": "U"}


def _collapse(key: str) -> str:
    """Drop a symbol equal to the one before it (RR, SS, and those the rewrite created)."""
    out: list[str] = []
    for ch in key:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)

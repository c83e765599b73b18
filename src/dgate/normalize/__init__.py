"""normalize stage.

NORMALIZER_VERSION names what the functions here make of a name or an address as the
master store keeps it. `dgate master load` stores the normalized forms of every name and
address (store/master.py) and matching compares them with requests normalized at submit
time, so a master normalized by other functions would be compared in forms that no longer
mean the same: everything that matches against it refuses it (store.master.require_format)
until it is loaded again. Change the version whenever a change here, or to a table these
functions read, can change a stored form: tests/normalize/test_stored_forms.py fails until
you do (session 9 changed stored names and nothing warned that masters needed reloading).
"""

import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

NORMALIZER_VERSION = "dgate-norm/38"

# Characters that join rather than separate (audit 13, A1): a word pasted out of a web page,
# a PDF or a word processor may carry a soft hyphen or a zero-width space inside it
# (ACO\u00adSTA), and read as a space they split one surname into two words, which relate
# otherwise to a relative's. Every format character (Unicode category Cf: soft hyphen,
# zero-width spaces and joiners, word joiner, byte-order mark, direction marks) and the
# combining grapheme joiner are dropped instead. Not the INVISIBLE SEPARATOR (U+2063, a Cf
# character that says the words either side are two): a space, as every other character
# that is no letter or digit.
#
# The middle dot joins only in Catalan's L\u00b7L (GOL\u00b7LA, COL\u00b7LEGI; NFKD writes the
# letter \u0140 so too): `middle_dots` reads it there as nothing and elsewhere as the
# space it is ("100 MAIN ST\u00b7APT 4", "JOSE\u00b7MARIA"). names.fold_name and
# address.fold read the text through it before they ask `joining_character`.
_JOINERS = frozenset("\u034f")
_SEPARATORS = frozenset("\u2063")
_CATALAN_DOT = re.compile("(?<=[Ll])\u00b7(?=[Ll])")


def joining_character(ch: str) -> bool:
    """True for a character dropped from a name or address before folding, so that the
    letters either side of it stay one word."""
    return ch not in _SEPARATORS and (ch in _JOINERS or unicodedata.category(ch) == "Cf")


def middle_dots(text: str) -> str:
    """`text` with each middle dot read: dropped between two L's (Catalan's L\u00b7L, one
    word: GOL\u00b7LA = GOLLA), a space anywhere else ("ST\u00b7APT 4" = "ST APT 4")."""
    if "\u00b7" not in text:
        return text
    return _CATALAN_DOT.sub("", text).replace("\u00b7", " ")


# Cyrillic and Greek letters drawn exactly like a Latin one (audit 14, F3): pasted inside a
# Latin word (ACОSTA with a Cyrillic O), such a letter had no ASCII form and split the
# surname in two, as a soft hyphen did (audit 13, A1), and a household's father was
# disclosed. Inside a word that has Latin letters they are read as those letters; a word
# written wholly in another script is left alone (it folds to nothing and is refused).
_LOOKALIKES = str.maketrans({
    # Cyrillic
    "\u0410": "A", "\u0412": "B", "\u0415": "E", "\u041a": "K", "\u041c": "M",
    "\u041d": "H", "\u041e": "O", "\u0420": "P", "\u0421": "C", "\u0422": "T",
    "\u0423": "Y", "\u0425": "X", "\u0405": "S", "\u0406": "I", "\u0408": "J",
    "\u04ae": "Y", "\u051a": "Q", "\u051c": "W",
    "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c",
    "\u0443": "y", "\u0445": "x", "\u0455": "s", "\u0456": "i", "\u0458": "j",
    "\u04bb": "h", "\u051b": "q", "\u051d": "w",
    # Greek
    "\u0391": "A", "\u0392": "B", "\u0395": "E", "\u0396": "Z", "\u0397": "H",
    "\u0399": "I", "\u039a": "K", "\u039c": "M", "\u039d": "N", "\u039f": "O",
    "\u03a1": "P", "\u03a4": "T", "\u03a5": "Y", "\u03a7": "X", "\u03bf": "o",
})
_LETTERS = re.compile(r"[^\W\d_]+")


def latin_lookalikes(text: str) -> str:
    """`text` with the Cyrillic and Greek look-alikes of Latin letters read as those letters
    inside each word that also holds a Latin letter (A-Z), and any other letter of another
    script there dropped; other words as they are."""
    if text.isascii():
        return text
    return _LETTERS.sub(_latin_word, text)


def latin_skeleton(text: str) -> str:
    """`text` with every Cyrillic and Greek look-alike of a Latin letter read as that letter,
    wherever it stands: for identifiers, where a word wholly of look-alikes (a Cyrillic
    \u0420 before a 1) shows a Latin one as well (rules.record's request ids, intake's
    column names)."""
    return text if text.isascii() else text.translate(_LOOKALIKES)


def unread_letters(text: str) -> bool:
    """True if a word of `text` that holds a Latin letter (A-Z) also holds a letter that the
    folds cannot read as a Latin one, and would drop or read as a break: a letter of
    another script that is no look-alike of ours, or a Latin letter without an ASCII form
    (a small capital). DANIEL followed by a Lisu letter, a Cherokee letter or a small
    capital drawn as A shows DANIELA and was read DANIEL (red team r10). Letters only (a
    modifier letter such as the Hawaiian okina is none), after accents and joining
    characters are taken off and the case raised, as the folds do; the letters the name
    fold spells out (Æ, Ø, Ł, Þ ...) are read."""
    if text.isascii():
        return False
    text = "".join(ch for ch in middle_dots(unicodedata.normalize("NFKD", text))
                   if not unicodedata.combining(ch) and not joining_character(ch)).upper()
    for m in _LETTERS.finditer(text):
        word = m.group(0)
        if word.isascii() or not any(c.isascii() for c in word):
            continue
        if any(not c.isascii() and ord(c) not in _LOOKALIKES and c not in SPELLED_OUT
               and unicodedata.category(c) in _SCRIPT_LETTERS for c in word):
            return True
    return False


# Letters without an ASCII decomposition, spelled out in Latin letters: names.fold_name
# reads them so, and unread_letters takes them as read (str.upper() already spells the
# sharp s, SS).
SPELLED_OUT: Mapping[str, str] = MappingProxyType({
    "\u00c6": "AE", "\u0152": "OE", "\u00d8": "O", "\u0141": "L", "\u0110": "D",
    "\u00d0": "D", "\u00de": "TH", "\u0126": "H",
})
_SCRIPT_LETTERS = frozenset({"Lu", "Ll", "Lt", "Lo"})
# A field that begins with one of these is a spreadsheet formula (or written to be taken
# for one), not the text it shows: not a name and not an address (red team r10). The minus
# sign is left out: "-" alone is a placeholder already, and a dash may open a pasted line.
FORMULA_SIGNS = ("=", "+", "@")

# Embeddings, overrides and isolates: the text between them is shown in another order
# than it is written ("\u202eAIRAM" shows MARIA and is read AIRAM).
_REORDERING = re.compile("[\u202a-\u202e\u2066-\u2069]")


def not_as_shown(text: str) -> bool:
    """True if `text` is not read as it shows: a spreadsheet formula (it begins with one of
    FORMULA_SIGNS), a bidirectional control that shows its letters in another order, or
    a letter that would be dropped from a Latin word (`unread_letters`). A name or an
    address so written is refused (rules), not matched on a reading the requester did not
    see (red team r10)."""
    return (text.lstrip().startswith(FORMULA_SIGNS)
            or (not text.isascii() and (bool(_REORDERING.search(text))
                                        or unread_letters(text))))


def _latin_word(m: re.Match[str]) -> str:
    word = m.group(0)
    if word.isascii() or not any(c.isascii() for c in word):
        return word
    # a letter of another script left over (ACЖSTA) is dropped, not read as a space: the
    # word stays one word with a letter missing, as a slip would leave it
    return "".join(c for c in word.translate(_LOOKALIKES)
                   if c.isascii() or unicodedata.name(c, "LATIN").startswith("LATIN"))

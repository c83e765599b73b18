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

NORMALIZER_VERSION = "dgate-norm/19"

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
# space it is ("100 MAIN ST\u00b7APT 4", "JOSE\u00b7MARIA"). `joining_character` sees one
# character without its neighbours and still counts the middle dot among the joiners, for
# names.fold_name, which folds character by character (GOL\u00b7LA, and JOSE\u00b7MARIA
# too, one word there until it reads the text through `middle_dots`); address.fold reads
# the text through `middle_dots` first, so none is left when it asks.
_JOINERS = frozenset("\u034f\u00b7")
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

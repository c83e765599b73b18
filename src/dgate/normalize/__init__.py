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

import unicodedata

NORMALIZER_VERSION = "dgate-norm/18"

# Characters that join rather than separate (audit 13, A1): a word pasted out of a web page,
# a PDF or a word processor may carry a soft hyphen or a zero-width space inside it
# (ACO\u00adSTA), and read as a space they split one surname into two words, which relate
# otherwise to a relative's. Every format character (Unicode category Cf: soft hyphen,
# zero-width spaces and joiners, word joiner, byte-order mark, direction marks), the
# combining grapheme joiner and the middle dot (Catalan's L·L) are dropped instead.
_JOINERS = frozenset("\u034f\u00b7")


def joining_character(ch: str) -> bool:
    """True for a character dropped from a name or address before folding, so that the
    letters either side of it stay one word."""
    return ch in _JOINERS or unicodedata.category(ch) == "Cf"

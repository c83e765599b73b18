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

NORMALIZER_VERSION = "dgate-norm/16"

"""One exception tree for the whole system.

    DgateError            exit 1  anything else
    ├── UsageError        exit 2  the command was used wrongly (bad option, unknown id)
    │   └── NotFoundError exit 2  a named object (batch, user, request key) does not exist
    ├── InputError        exit 3  an input file or package cannot be read; nothing imported
    ├── PolicyError       exit 4  refused by policy: role, approvals, pending review
    └── IntegrityError    exit 1  a stored artefact (ledger, master store) fails verification

Every message is one line that names the problem and the place (file, line, column, command)
and never carries taxpayer data: no names, TINs, dates of birth or addresses. Values from a
request are described ("date_of_birth is not a YYYY-MM-DD date"), never echoed.
Foreign exceptions are translated to these at the boundary where they occur.
"""

from __future__ import annotations


class DgateError(Exception):
    """Base of every error the system raises on purpose."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        # Keep messages on one line: a multi-line message is a formatting bug, not a feature.
        super().__init__(" ".join(str(message).split()))

    @property
    def message(self) -> str:
        return str(self)


class UsageError(DgateError):
    exit_code = 2


class NotFoundError(UsageError):
    exit_code = 2


class InputError(DgateError):
    """The input cannot be read at all. Nothing of it is imported."""

    exit_code = 3


class PolicyError(DgateError):
    """The action is refused by policy (role, separation of duties, approvals, review)."""

    exit_code = 4


class IntegrityError(DgateError):
    """A stored artefact fails verification (tampered ledger, corrupt store)."""

    exit_code = 1

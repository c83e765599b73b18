"""A master extract written by tests, in master-format.md's CSV form: `taxpayers.csv` and
`addresses.csv`, each with its header. The rows are the test's own."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

TAXPAYER_HEADER = ("tin", "tin_type", "first_name", "middle_name", "last_name",
                   "name_suffix", "date_of_birth", "date_of_death")
ADDRESS_HEADER = ("tin", "street", "unit", "city", "state", "zip", "source", "tax_year",
                  "effective_date")


def write_extract(folder: Path, taxpayers: Iterable[Sequence[str]],
                  addresses: Iterable[Sequence[str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, header, rows in (("taxpayers", TAXPAYER_HEADER, taxpayers),
                               ("addresses", ADDRESS_HEADER, addresses)):
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)
    return folder

"""Stream the master extract to Parquet, chunk by chunk, keeping compact arrays for requests.

Memory: the Parquet writers hold one chunk of text at a time; what is kept across chunks is
the compact integer arrays (about 35 bytes per taxpayer and 20 per address row), which the
request generator needs to find households, namesakes and co-residents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from dgate.model import Progress
from dgate.synth.geo import Geography, build_geography
from dgate.synth.namebook import NameBook, namebook
from dgate.synth.population import Counters, People, Rows, TinKeys, concat, draw_chunk
from dgate.synth.render import ADDRESS_SCHEMA, TAXPAYER_SCHEMA, addresses_table, taxpayers_table
from dgate.synth.tables_places import METROS

CHUNK = 250_000
HISPANIC_SHARE = 0.40


@dataclass(frozen=True, slots=True)
class World:
    """What the request generator needs to know about the master it was given."""

    geo: Geography
    book: NameBook
    people: People
    rows: Rows
    row_start: np.ndarray   # per taxpayer: index of its first row; row_start[-1] = total rows

    def rows_of(self, person: int) -> range:
        return range(int(self.row_start[person]), int(self.row_start[person + 1]))


def write_master(folder: Path, taxpayers: int, seed: int, as_of: date,
                 progress: Progress | None = None) -> World:
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng([seed, 0])
    geo = build_geography(rng, taxpayers, HISPANIC_SHARE)
    tins = TinKeys.draw(rng)
    book = namebook()
    metro_p = (np.array([m.weight_hispanic for m in METROS]),
               np.array([m.weight_other for m in METROS]))
    counters = Counters()
    people_parts: list[People] = []
    row_parts: list[Rows] = []
    tp_writer = pq.ParquetWriter(folder / "taxpayers.parquet", TAXPAYER_SCHEMA,
                                 compression="zstd")
    ad_writer = pq.ParquetWriter(folder / "addresses.parquet", ADDRESS_SCHEMA,
                                 compression="zstd")
    try:
        for c, lo in enumerate(range(0, taxpayers, CHUNK)):
            n = min(CHUNK, taxpayers - lo)
            person0 = counters.person
            people, rows = draw_chunk(np.random.default_rng([seed, 1, c]), n, geo=geo, book=book,
                                      metro_p=metro_p, tins=tins, counters=counters, as_of=as_of,
                                      hispanic_share=HISPANIC_SHARE)
            style_rng = np.random.default_rng([seed, 2, c])
            tp_writer.write_table(taxpayers_table(style_rng, people, book))
            ad_writer.write_table(addresses_table(style_rng, rows, people.tin, person0, geo))
            people_parts.append(people)
            row_parts.append(rows)
            if progress:
                progress("master", lo + n, taxpayers)
    finally:
        tp_writer.close()
        ad_writer.close()
    all_people = concat(people_parts, People)
    all_rows = concat(row_parts, Rows)
    counts = np.bincount(all_rows.person, minlength=taxpayers)
    row_start = np.r_[0, np.cumsum(counts)].astype(np.int64)
    return World(geo=geo, book=book, people=all_people, rows=all_rows, row_start=row_start)

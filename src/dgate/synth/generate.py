"""Entry point: a synthetic master extract, a signed request batch, keys, and ground truth.

    out/master/taxpayers.parquet, out/master/addresses.parquet   (master-format.md)
    out/pkg/batch.json, records.csv, batch.json.sig              (request-format.md)
    out/keys/official_ed25519.pem, official_ed25519.pub.pem, registration.json
    out/truth.csv                                                 expected outcome per record

Same seed and arguments, byte-identical files: every draw comes from a numpy Generator seeded
from (seed, stage, chunk), and nothing iterates a set or depends on hash order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from dgate.errors import UsageError
from dgate.synth.index import SOURCE_PRIORITY, Index
from dgate.synth.master import Progress, World, write_master
from dgate.synth.package import (
    TRUTH_COLUMNS,
    Address,
    assign,
    csv_bytes,
    official_key,
    order_drafts,
    signed_date,
    truth_rows,
    write_keys,
    write_package,
)
from dgate.synth.population import SOURCES
from dgate.synth.scenarios import DEFAULT_MIX, SCENARIOS, Builder, Draft, allocate

SOURCE_RANK = {name: int(SOURCE_PRIORITY[code]) for code, name in enumerate(SOURCES)}


@dataclass(frozen=True, slots=True)
class SynthSummary:
    out: Path
    taxpayers: int
    address_rows: int
    records: int
    batch_id: str
    signed_at: date
    scenarios: dict[str, int]       # records per scenario actually generated
    dispositions: dict[str, int]    # expected dispositions


def check_sizes(taxpayers: int, requests: int) -> None:
    """Refuse (UsageError) sizes `generate` cannot draw a master and a batch of."""
    if taxpayers < 100:
        raise UsageError("synthetic master needs at least 100 taxpayers")
    if requests < 1 or requests > taxpayers // 2:
        raise UsageError("synthetic requests must be between 1 and half the taxpayers")


def generate(out: Path, *, taxpayers: int, requests: int, seed: int = 0, as_of: date,
             progress: Progress | None = None, mix: Mapping[str, float] | None = None
             ) -> SynthSummary:
    """Write a synthetic master of `taxpayers` people and a batch of `requests` records.

    `mix` maps scenario names (SCENARIOS) to weights and replaces DEFAULT_MIX entirely.
    """
    check_sizes(taxpayers, requests)
    out = Path(out)
    world = write_master(out / "master", taxpayers, seed, as_of, progress)
    rng = np.random.default_rng([seed, 3])
    signed_at = signed_date(as_of, rng)
    batch_id = f"ICE-{signed_at.year}-{int(rng.integers(1, 1_000_000)):06d}"
    counts = allocate(requests, dict(mix if mix is not None else DEFAULT_MIX))
    drafts = _draft_all(Builder(Index(world), rng, as_of=as_of, signed_at=signed_at), counts,
                        requests, progress)
    ordered = order_drafts(drafts, rng)
    records = assign(ordered, rng, batch_id=batch_id, signed_at=signed_at)
    key = official_key(seed)
    write_keys(out / "keys", key, signed_at)
    write_package(out / "pkg", records, key, batch_id=batch_id, signed_at=signed_at)
    tin_of, address_of = _lookups(out / "master" / "addresses.parquet", world,
                                  sorted({d.expected for d in ordered if d.expected >= 0}))
    truth = truth_rows(ordered, records, tin_of, address_of)
    (out / "truth.csv").write_bytes(csv_bytes(TRUTH_COLUMNS, truth))
    if progress:
        progress("package", 1, 1)
    return SynthSummary(
        out=out, taxpayers=taxpayers, address_rows=int(world.rows.person.size),
        records=len(records), batch_id=batch_id, signed_at=signed_at,
        scenarios=dict(sorted(Counter(d.scenario for d in ordered).items())),
        dispositions=dict(sorted(Counter(d.disposition for d in ordered).items())),
    )


def _draft_all(builder: Builder, counts: dict[str, int], total: int,
               progress: Progress | None) -> list[Draft]:
    """Drafts in SCENARIOS order; a scenario the master cannot supply (no namesakes left,
    too few deceased) falls back to a true subject at the current address."""
    drafts: list[Draft] = []
    for scenario in SCENARIOS:
        for _ in range(counts.get(scenario, 0)):
            got = builder.build(scenario) or builder.build("true_current")
            if got is None:
                raise UsageError("synthetic master too small for the requested batch")
            if len(got) == 2:
                got[1].dup_of = len(drafts)
            drafts.extend(got)
            if progress:
                progress("requests", len(drafts), total)
    return drafts


def _lookups(addresses: Path, world: World, people: list[int]
             ) -> tuple[Callable[[int], str], Callable[[int], Address]]:
    """TIN text of a person, and the last known address as the master holds it (read back
    from the written file, so the truth is exactly what was written)."""
    def tin_of(p: int) -> str:
        return f"{int(world.people.tin[p]):09d}"

    wanted = [tin_of(p) for p in people]
    rows = pq.read_table(addresses, filters=[("tin", "in", wanted)]).to_pylist() if wanted else []
    best: dict[str, tuple[tuple[date, int], Address]] = {}
    for row in rows:
        rank = (row["effective_date"], SOURCE_RANK[row["source"]])
        if row["tin"] not in best or rank > best[row["tin"]][0]:
            best[row["tin"]] = (rank, (row["street"], row["unit"] or "", row["city"],
                                       row["state"], row["zip"]))

    def address_of(p: int) -> Address:
        return best[tin_of(p)][1]

    return tin_of, address_of


__all__ = ["DEFAULT_MIX", "SCENARIOS", "SynthSummary", "generate"]

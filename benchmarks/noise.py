"""Robustness to data-entry noise: how many truly disclosable requests still disclose, and
whether any discloses wrongly, when each carries ONE realistic slip.

    python benchmarks/noise.py [--taxpayers 50000] [--requests 5000] [--seed 2]
                               [--folder SYNTH_DIR] [--kinds street_typo,dob_digit] [--pairs]

From a `dgate synth` folder it takes every request whose truth is DISCLOSE for the
person's own address (scenarios true_current / true_old), rebuilds it CLEAN — the name and
date of birth exactly as the master holds them, the address as the request gave it — and
then, per kind of slip, submits a signed batch where every request carries that one slip,
through the whole flow (`dgate.evaluate.evaluate`: intake, rules, matching, decisions).
Prints, per kind: requests, disclosed right, wrongful, review, not disclosed (top codes),
rejected, and automatic recall. The clean row is the baseline. `--pairs` then submits one
batch where every request carries two different slips, and prints recall per pair.

A slip that changes the meaning (a ZIP landing in another state: R_ADDRESS_INVALID by the
spec) is reported as what it is; nothing here is a target to tune to, it is a map of where
recall is lost.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dgate.evaluate import evaluate  # noqa: E402
from dgate.service.requester import sign_package  # noqa: E402

Row = dict[str, str]
Slip = Callable[[Row, random.Random], Row | None]
LETTERS = "ABCDEFGHIJKLMNOPRSTUVWY"


def _sub_letter(s: str, rng: random.Random, start: int = 1) -> str | None:
    """One letter replaced by another, never the first (start=1)."""
    idx = [i for i, c in enumerate(s) if c.isalpha() and i >= start]
    if not idx:
        return None
    i = rng.choice(idx)
    return s[:i] + rng.choice([c for c in LETTERS if c != s[i].upper()]) + s[i + 1:]


def _sub_digit(s: str, rng: random.Random) -> str | None:
    idx = [i for i, c in enumerate(s) if c.isdigit()]
    if not idx:
        return None
    i = rng.choice(idx)
    return s[:i] + rng.choice([d for d in "0123456789" if d != s[i]]) + s[i + 1:]


def _street_word(r: Row) -> tuple[list[str], int] | None:
    words = r["street"].split(" ")
    alpha = [k for k, w in enumerate(words) if w.isalpha() and len(w) >= 5]
    return (words, max(alpha, key=lambda k: len(words[k]))) if alpha else None


def clean(r: Row, rng: random.Random) -> Row:
    return r


def street_typo(r: Row, rng: random.Random) -> Row | None:
    found = _street_word(r)
    if found is None:
        return None
    words, k = found
    words[k] = _sub_letter(words[k], rng) or words[k]
    return {**r, "street": " ".join(words)}


def street_transpose(r: Row, rng: random.Random) -> Row | None:
    found = _street_word(r)
    if found is None:
        return None
    words, k = found
    w = words[k]
    i = rng.randrange(1, len(w) - 1)
    words[k] = w[:i] + w[i + 1] + w[i] + w[i + 2:]
    return {**r, "street": " ".join(words)}


def city_typo(r: Row, rng: random.Random) -> Row | None:
    if len(r["city"]) < 5:
        return None
    return {**r, "city": _sub_letter(r["city"], rng) or r["city"]}


def zip_digit(r: Row, rng: random.Random) -> Row | None:
    z = _sub_digit(r["zip"][:5], rng)
    return None if z is None else {**r, "zip": z}


def house_digit(r: Row, rng: random.Random) -> Row | None:
    words = r["street"].split(" ")
    if not words[0].isdigit() or len(words[0]) < 2:
        return None
    words[0] = _sub_digit(words[0], rng) or words[0]
    return {**r, "street": " ".join(words)}


def unit_dropped(r: Row, rng: random.Random) -> Row | None:
    return {**r, "unit": ""} if r["unit"] else None


def last_typo(r: Row, rng: random.Random) -> Row | None:
    if len(r["last_name"]) < 5:
        return None
    return {**r, "last_name": _sub_letter(r["last_name"], rng) or r["last_name"]}


def first_typo(r: Row, rng: random.Random) -> Row | None:
    if len(r["first_name"]) < 5:
        return None
    return {**r, "first_name": _sub_letter(r["first_name"], rng) or r["first_name"]}


def names_swapped(r: Row, rng: random.Random) -> Row | None:
    return {**r, "first_name": r["last_name"], "last_name": r["first_name"]}


def middle_dropped(r: Row, rng: random.Random) -> Row | None:
    return {**r, "middle_name": ""} if r["middle_name"] else None


def dob_digit(r: Row, rng: random.Random) -> Row | None:
    d = r["date_of_birth"]
    if not d:
        return None
    day = _sub_digit(d[8:], rng)
    return None if day is None or not 1 <= int(day) <= 28 else {**r, "date_of_birth": d[:8] + day}


def dob_swapped(r: Row, rng: random.Random) -> Row | None:
    d = r["date_of_birth"]
    if not d or int(d[8:]) > 12 or d[5:7] == d[8:]:
        return None
    return {**r, "date_of_birth": f"{d[:4]}-{d[8:]}-{d[5:7]}"}


def title_case(r: Row, rng: random.Random) -> Row | None:
    return {**r, **{k: r[k].title() for k in ("first_name", "last_name", "street", "city")}}


def one_line(r: Row, rng: random.Random) -> Row | None:
    unit = f" {r['unit']}" if r["unit"] else ""
    line = f"{r['street']}{unit}, {r['city']}, {r['state']} {r['zip']}"
    return {**r, "address": line, "street": "", "unit": "", "city": "", "state": "", "zip": ""}


def _nicknames() -> dict[str, list[str]]:
    from dgate.normalize.nicknames import ENGLISH_GROUPS, SPANISH_GROUPS
    out: dict[str, list[str]] = {}
    for groups in (SPANISH_GROUPS, ENGLISH_GROUPS):
        for name, variants in groups.items():
            out.setdefault(name, []).extend(variants)
    return out


def nickname(r: Row, rng: random.Random) -> Row | None:
    """The first given name replaced by one of its nicknames in our tables (PEPE for
    JOSE): what the tables are for, so a map of their use, not of their coverage."""
    words = r["first_name"].upper().split()
    variants = _nicknames().get(words[0], []) if words else []
    if not variants:
        return None
    return {**r, "first_name": " ".join([rng.choice(variants), *words[1:]])}


def surname2_dropped(r: Row, rng: random.Random) -> Row | None:
    words = r["last_name"].replace("-", " ").split()
    return {**r, "last_name": words[0]} if len(words) == 2 else None


_DIRECTIONALS = {"N", "S", "E", "W", "NE", "NW", "SE", "SW", "NORTH", "SOUTH", "EAST", "WEST",
                 "NORTHEAST", "NORTHWEST", "SOUTHEAST", "SOUTHWEST"}


def directional_dropped(r: Row, rng: random.Random) -> Row | None:
    # the directional after the house number left out (3604 S ADAMS LN -> 3604 ADAMS LN)
    words = r["street"].split(" ")
    if len(words) < 3 or words[1].upper() not in _DIRECTIONALS:
        return None
    return {**r, "street": " ".join([words[0], *words[2:]])}


def zip_plus4(r: Row, rng: random.Random) -> Row | None:
    return {**r, "zip": f"{r['zip'][:5]}-{rng.randrange(10_000):04d}"}


KINDS: tuple[Slip, ...] = (clean, title_case, one_line, unit_dropped, middle_dropped,
                           city_typo, street_typo, street_transpose, zip_digit, house_digit,
                           last_typo, first_typo, names_swapped, dob_digit, dob_swapped,
                           nickname, surname2_dropped, zip_plus4, directional_dropped)
# --pairs: two of these on each request (one_line first when drawn: the address slips after
# it have no fields left to act on, so they are not drawn with it)
PAIR_KINDS: tuple[Slip, ...] = (title_case, one_line, unit_dropped, middle_dropped, city_typo,
                                street_typo, street_transpose, zip_digit, last_typo, first_typo,
                                dob_swapped, nickname, surname2_dropped, zip_plus4)
_ADDRESS_SLIPS = (unit_dropped, city_typo, street_typo, street_transpose, zip_digit, zip_plus4)


def two_slips(base: list[tuple[Row, Row]], seed: int) -> list[tuple[Row, Row, str]]:
    """Each clean request with two different slips that both apply, and their names."""
    rng = random.Random(f"{seed}:pairs")
    out = []
    for r, t in base:
        row, used = dict(r), []
        for kind in rng.sample(PAIR_KINDS, len(PAIR_KINDS)):
            if len(used) == 2:
                break
            if (kind is one_line and used) or (row.get("address") and kind in _ADDRESS_SLIPS):
                continue
            slipped = kind(dict(row), rng)
            if slipped is not None:
                row, used = slipped, [*used, kind.__name__]
        if len(used) == 2:
            out.append((row, t, "+".join(sorted(used))))
    return out


def run_pairs(folder: Path, work: Path, base: list[tuple[Row, Row]], seed: int) -> None:
    """One batch of requests with two slips each: recall and dispositions per pair."""
    rows = two_slips(base, seed)
    label = {r["request_id"]: name for r, _t, name in rows}
    expected = {r["request_id"]: t["expected_tin"] for r, t, _ in rows}
    report = work / "pairs.csv"
    evaluate(build(folder, work, "pairs", [(r, t) for r, t, _ in rows]), keep_report=report)
    per: dict[str, Counter[str]] = {}
    wrongful = 0
    with report.open(encoding="utf-8", newline="") as fh:
        for d in csv.DictReader(fh):
            right = d["disposition"] == "DISCLOSE" and d["match_tin"] == expected[d["request_id"]]
            wrongful += d["disposition"] == "DISCLOSE" and not right
            c = per.setdefault(label[d["request_id"]], Counter())
            c.update({"n": 1, "right": int(right), d["disposition"]: 1})
    n = sum(c["n"] for c in per.values())
    right = sum(c["right"] for c in per.values())
    print(f"two slips each: {n} requests, recall {right / max(1, n):.3f}, wrongful {wrongful}, "
          f"review {sum(c['REVIEW'] for c in per.values())}; the pairs that lose any:")
    for name, c in sorted(per.items(), key=lambda kv: kv[1]["right"] / kv[1]["n"]):
        if c["right"] < c["n"]:
            print(f"  {name:36} {c['n']:4d}  recall {c['right'] / c['n']:.3f}  review "
                  f"{c['REVIEW']:3d}  not {c['NOT_DISCLOSED']:3d}  rejected {c['REJECTED']:3d}")


def clean_requests(folder: Path) -> list[tuple[Row, Row]]:
    """(clean request row, its truth row) for every request truly due for the person's
    own address, with the master's exact name and date of birth."""
    truth = list(csv.DictReader((folder / "truth.csv").open(encoding="utf-8")))
    rows = list(csv.DictReader((folder / "pkg" / "records.csv").open(encoding="utf-8")))
    master = {r[0]: r[1:] for r in duckdb.sql(
        "SELECT tin, first_name, coalesce(middle_name, ''), last_name, "
        "coalesce(name_suffix, ''), coalesce(CAST(date_of_birth AS VARCHAR), '') "
        f"FROM read_parquet('{folder / 'master' / 'taxpayers.parquet'}')").fetchall()}
    out = []
    for t, r in zip(truth, rows, strict=True):
        if t["expected_disposition"] != "DISCLOSE" or t["scenario"] not in (
                "true_current", "true_old") or not r["street"]:
            continue
        first, middle, last, suffix, dob = master[t["expected_tin"]]
        out.append(({**r, "first_name": first, "middle_name": middle, "last_name": last,
                     "name_suffix": suffix,
                     "date_of_birth": dob if r["date_of_birth"] else ""}, t))
    return out


def build(folder: Path, work: Path, name: str, rows: list[tuple[Row, Row]]) -> Path:
    out = work / name
    (out / "pkg").mkdir(parents=True)
    for part in ("master", "keys"):
        (out / part).symlink_to((folder / part).resolve())
    manifest = json.loads((folder / "pkg" / "batch.json").read_text(encoding="utf-8"))
    manifest["batch_id"] = f"{manifest['batch_id'][:40]}-{name.upper().replace('_', '')}"
    (out / "pkg" / "batch.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    header = list(rows[0][0])
    with (out / "pkg" / "records.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writeheader()
        w.writerows(r for r, _t in rows)
    with (out / "truth.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0][1]))
        w.writeheader()
        w.writerows({**t, "seq": str(i)} for i, (_r, t) in enumerate(rows, 1))
    sign_package(out / "pkg", folder / "keys" / "official_ed25519.pem")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, help="an existing `dgate synth` folder")
    ap.add_argument("--taxpayers", type=int, default=50_000)
    ap.add_argument("--requests", type=int, default=5_000)
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--kinds", default="", help="comma-separated subset of the kinds")
    ap.add_argument("--pairs", action="store_true",
                    help="also one batch with two slips on each request, recall per pair")
    args = ap.parse_args()
    want = set(filter(None, args.kinds.split(",")))
    with tempfile.TemporaryDirectory(prefix="dgate-noise-") as tmp:
        work = Path(tmp)
        folder = args.folder
        if folder is None:
            from datetime import date

            from dgate.synth.generate import generate
            folder = work / "synth"
            generate(folder, taxpayers=args.taxpayers, requests=args.requests,
                     seed=args.seed, as_of=date(2026, 11, 25))
        base = clean_requests(folder)
        print(f"{len(base)} clean disclosable requests from {folder}")
        print(f"{'kind':17} {'n':>5} {'right':>5} {'wrong':>5} {'review':>6} {'not':>5} "
              f"{'rej':>4} {'recall':>7}  top refusals")
        for kind in KINDS:
            if want and kind.__name__ not in want:
                continue
            rng = random.Random(f"{args.seed}:{kind.__name__}")
            rows = [(s, t) for r, t in base if (s := kind(dict(r), rng)) is not None]
            if not rows:
                continue
            t0 = time.perf_counter()
            ev = evaluate(build(folder, work, kind.__name__, rows))
            outcomes: Counter[str] = Counter()
            for cnt in ev.outcomes.values():
                outcomes.update(cnt)
            top = ", ".join(f"{k} {v}" for k, v in ev.missed_codes.most_common(3))
            print(f"{kind.__name__:17} {ev.total:5d} {ev.disclosed_right:5d} {ev.wrongful:5d} "
                  f"{ev.reviews:6d} {outcomes['NOT_DISCLOSED']:5d} {outcomes['REJECTED']:4d} "
                  f"{ev.recall:7.3f}  {top}  ({time.perf_counter() - t0:.0f} s)", flush=True)
            shutil.rmtree(work / kind.__name__, ignore_errors=True)
        if args.pairs:
            run_pairs(folder, work, base, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""python compare.py OLD NEW : every decision that differs between two battery runs.

OLD and NEW are the work folders of two `battery.sh` runs (e.g. /tmp/s31/bat and
/tmp/s35/bat2). Every audit regenerates its master and batch identically from its seed, so
a decision that differs comes from the code between the two runs. For each audit folder
found in both (a21s1-3, a20, a19, a22) it prints how many records changed and, for each,
the request id, the old and new disposition, codes and matched TIN, and the audit's truth
(kind and expected answer) where its truth file says one. Session 35 found both of its
regressions (a wrongful disclosure in a19, 26 lost duplicates in a21) by diffing so."""
import csv
import sys
from pathlib import Path

AUDITS = ("a21s1", "a21s2", "a21s3", "a20", "a19", "a22")
# each audit's truth file: the id column, and the columns worth showing beside a change
TRUTH = {"a21": ("kind", "truth", "tin"), "a20": ("kind", "truth", "target_tin"),
         "a19": ("kind", "expect", "tin"), "a22": ("scenario", "truth", "expected_tin")}


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return {r["request_id"]: r for r in csv.DictReader(fh)}


def _seen(r: dict[str, str]) -> str:
    return f"{r['disposition']} {r['reason_codes'] or '-'} {r['match_tin'] or '-'}"


def main(old: Path, new: Path) -> None:
    for audit in AUDITS:
        a, b = old / audit / "decisions.csv", new / audit / "decisions.csv"
        if not (a.is_file() and b.is_file()):
            print(f"{audit}: not in both runs")
            continue
        before, after = _rows(a), _rows(b)
        truth_file = new / audit / "truth.csv"
        truth = _rows(truth_file) if truth_file.is_file() else {}
        shown = TRUTH.get(audit[:3], ())
        changed = [k for k in before
                   if k in after and _seen(before[k]) != _seen(after[k])]
        print(f"{audit}: {len(changed)} of {len(before)} decisions differ")
        for k in changed:
            said = " ".join(truth.get(k, {}).get(c, "") for c in shown)
            print(f"  {k}: {_seen(before[k])} -> {_seen(after[k])}   [{said}]")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python compare.py OLD_BATTERY_FOLDER NEW_BATTERY_FOLDER")
    main(Path(sys.argv[1]), Path(sys.argv[2]))

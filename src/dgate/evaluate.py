"""`dgate evaluate OUT`: run the whole flow on a synth folder and hold the decisions
against its ground truth (`truth.csv`).

The figures a disclosure office needs before trusting the matcher: wrongful disclosures
(by scenario), recall of what is lawfully disclosable, how much goes to review, whether
every defective request is caught with its code, and how long each stage takes.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from dgate.errors import UsageError
from dgate.model import Progress

if TYPE_CHECKING:
    from dgate.service.home import Home

STAGE_USERS = (("clerk", "intake"), ("officer1", "disclosure_officer"))

# Labels of a probability point: the named taxpayer is the expected one ("true"), someone
# else or nobody was due ("false"), or the policy refused after scoring candidates and the
# report names no taxpayer ("refused").
LABELS = ("true", "false", "refused")


@dataclass(frozen=True)
class Point:
    """One decision with a recorded match probability, for the distributions and the sweep."""

    scenario: str
    disposition: str
    probability: float
    label: str
    due: bool  # truth says DISCLOSE


@dataclass(frozen=True)
class SweepPoint:
    """What the batch would have looked like had everything scored at or above `threshold`
    among the DISCLOSE and REVIEW rows been disclosed."""

    threshold: float
    disclosed: int
    right: int
    wrongful: int
    precision: float
    recall: float


@dataclass
class Evaluation:
    total: int = 0
    due: int = 0                     # truth says DISCLOSE
    disclosed_right: int = 0         # DISCLOSE, right taxpayer, last known address
    wrongful: int = 0                # DISCLOSE where nothing is due, or the wrong taxpayer
    wrong_address: int = 0           # right taxpayer, not the last known address
    review_due: int = 0              # REVIEW where DISCLOSE is due
    review_other: int = 0            # REVIEW where nothing is due
    defects: int = 0                 # truth says REJECTED
    defects_caught: int = 0          # REJECTED with the expected code among its codes
    clean_rejected: int = 0          # REJECTED though truth has no defect
    code_right: int = 0              # expected code among the reason codes
    wrongful_by_scenario: Counter[str] = field(default_factory=Counter)
    # Reason codes of the requests truth says are due but that were not disclosed: where
    # recall is lost (M_NAME_ONLY, M_REVIEW, R_ADDRESS_INVALID ...).
    missed_codes: Counter[str] = field(default_factory=Counter)
    outcomes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    expected: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    timings: dict[str, float] = field(default_factory=dict)
    points: list[Point] = field(default_factory=list)
    disclose_threshold: float | None = None  # of the model the batch was decided under
    disclose_threshold_alone: float | None = None   # no other candidate consistent
    review_threshold: float | None = None

    @property
    def precision(self) -> float:
        n = self.disclosed_right + self.wrongful
        return self.disclosed_right / n if n else 1.0

    @property
    def recall(self) -> float:
        return self.disclosed_right / self.due if self.due else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def reviews(self) -> int:
        return self.review_due + self.review_other

    @property
    def review_rate(self) -> float:
        """Share of the disclosable requests sent to a person instead of decided."""
        return self.review_due / self.due if self.due else 0.0

    @property
    def defect_catch_rate(self) -> float:
        return self.defects_caught / self.defects if self.defects else 1.0

    @property
    def code_accuracy(self) -> float:
        return self.code_right / self.total if self.total else 1.0

    def lines(self) -> list[str]:
        pct = lambda a, b: f"{100.0 * a / b:.2f}%" if b else "n/a"  # noqa: E731
        out = [
            f"requests {self.total}; disclosable per truth {self.due}",
            f"precision {self.precision:.4f}; recall (automatic) {self.recall:.4f}; "
            f"wrongful disclosures {self.wrongful}; wrong address {self.wrong_address}",
            f"review: {self.review_due} disclosable ({pct(self.review_due, self.due)} of "
            f"disclosable), {self.review_other} other",
            f"defects caught {self.defects_caught}/{self.defects} "
            f"({pct(self.defects_caught, self.defects)}); clean requests rejected "
            f"{self.clean_rejected} ({pct(self.clean_rejected, self.total - self.defects)})",
            f"expected code present {self.code_right}/{self.total} "
            f"({pct(self.code_right, self.total)})",
        ]
        if self.wrongful_by_scenario:
            out.append("wrongful by scenario: " + ", ".join(
                f"{k} {v}" for k, v in sorted(self.wrongful_by_scenario.items())))
        if self.timings:
            out.append("time: " + ", ".join(f"{k} {v:.2f}s" for k, v in self.timings.items()))
        return out


def pr_sweep(points: list[Point], due: int) -> list[SweepPoint]:
    """Precision and recall had the disclosure threshold been each recorded probability of
    a DISCLOSE or REVIEW row (every other policy gate held as it was). Thresholds ascend;
    the disclosed set only shrinks as the threshold rises, so recall never increases."""
    named = sorted((p for p in points if p.disposition in ("DISCLOSE", "REVIEW")),
                   key=lambda p: -p.probability)
    out: list[SweepPoint] = []
    right = wrong = 0
    i = 0
    while i < len(named):
        t = named[i].probability
        while i < len(named) and named[i].probability == t:
            if named[i].label == "true":
                right += 1
            else:
                wrong += 1
            i += 1
        n = right + wrong
        out.append(SweepPoint(t, n, right, wrong, right / n if n else 1.0,
                              right / due if due else 1.0))
    out.reverse()
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def align_truth(truth_rows: list[dict[str, str]]) -> dict[tuple[str, int], dict[str, str]]:
    """Truth keyed by (request_id, occurrence): a batch may repeat a request_id on purpose."""
    seen: Counter[str] = Counter()
    out = {}
    for r in truth_rows:
        out[(r["request_id"], seen[r["request_id"]])] = r
        seen[r["request_id"]] += 1
    return out


def score_decisions(decisions: list[dict[str, str]],
                    truth: dict[tuple[str, int], dict[str, str]],
                    ev: Evaluation | None = None) -> Evaluation:
    """Compare decision-report rows (in batch order) with aligned truth rows."""
    ev = ev or Evaluation()
    seen: Counter[str] = Counter()
    for row in decisions:
        t = truth.get((row["request_id"], seen[row["request_id"]]))
        seen[row["request_id"]] += 1
        if t is None:
            continue
        ev.total += 1
        expected = t.get("expected_disposition", "")
        scenario = t.get("scenario", "?")
        codes = set(filter(None, row["reason_codes"].split(";")))
        disp = row["disposition"]
        ev.outcomes[scenario][disp] += 1
        ev.expected[scenario][expected] += 1
        if t.get("expected_code") and t["expected_code"] in codes:
            ev.code_right += 1
        if expected == "DISCLOSE":
            ev.due += 1
        if expected == "REJECTED":
            ev.defects += 1
            if disp == "REJECTED" and t.get("expected_code", "") in codes:
                ev.defects_caught += 1
        elif disp == "REJECTED":
            ev.clean_rejected += 1
        _add_point(ev, row, t, scenario, expected == "DISCLOSE")
        if disp == "DISCLOSE":
            if expected == "DISCLOSE" and row["match_tin"] == t.get("expected_tin"):
                ev.disclosed_right += 1
                want = (t.get("expected_street", ""), t.get("expected_zip", "")[:5])
                if want[0] and (row["street"], row["zip"][:5]) != want:
                    ev.wrong_address += 1
            else:
                ev.wrongful += 1
                ev.wrongful_by_scenario[scenario] += 1
        elif disp == "REVIEW":
            if expected == "DISCLOSE":
                ev.review_due += 1
            else:
                ev.review_other += 1
        if expected == "DISCLOSE" and disp != "DISCLOSE":
            ev.missed_codes[row["reason_codes"]] += 1
    return ev


def _add_point(ev: Evaluation, row: dict[str, str], t: dict[str, str], scenario: str,
               due: bool) -> None:
    raw = row.get("match_probability", "")
    if not raw:
        return
    disp = row["disposition"]
    if disp in ("DISCLOSE", "REVIEW"):
        label = "true" if due and row.get("match_tin") == t.get("expected_tin") else "false"
    elif disp == "NOT_DISCLOSED" and float(raw) > 0.0:
        label = "refused"
    else:
        return  # refused before any candidate was scored: nothing to plot
    ev.points.append(Point(scenario, disp, float(raw), label, due))


class StageClock:
    """Times the stages of a service call from the progress events it already emits, so the
    service code need not be instrumented: a stage runs from its first event to its last."""

    def __init__(self, forward: Progress | None) -> None:
        self.forward = forward
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        self.first.setdefault(stage, now)
        self.last[stage] = now
        if self.forward:
            self.forward(stage, done, total)


def _submit_stages(clock: StageClock, start: float, end: float) -> dict[str, float]:
    """Split a submit into intake + batch rules, record rules, matching and the write."""
    if "rules" not in clock.first:
        return {}
    rules0, rules1 = clock.first["rules"], clock.last["rules"]
    match1 = clock.last.get("match", rules1)
    return {"submit: intake + batch rules": rules0 - start,
            "submit: record rules": rules1 - rules0,
            "submit: matching": match1 - rules1,
            "submit: decisions + ledger": end - match1}


def register_synth(home: Home, folder: Path) -> None:
    """Register the requesting agency and its signing official that `dgate synth` wrote in
    `folder/keys/` (registration.json and the official's public key), as the home's admin."""
    from dgate.service import admin

    reg = json.loads((folder / "keys" / "registration.json").read_text(encoding="utf-8"))
    admin.agency_add(home, "admin", reg["agency"], reg["agency_name"], reg["statutes"])
    admin.official_add(
        home, "admin", reg["agency"], reg["official_id"], name=reg["name"],
        title=reg["title"], public_key=folder / "keys" / "official_ed25519.pub.pem",
        valid_from=date.fromisoformat(reg["valid_from"]) if reg.get("valid_from") else None,
        valid_to=date.fromisoformat(reg["valid_to"]) if reg.get("valid_to") else None)


def evaluate(folder: Path, *, as_of: date | None = None, keep_home: Path | None = None,
             progress: Progress | None = None, keep_report: Path | None = None) -> Evaluation:
    """Run the whole flow on a synth-shaped folder and score it against truth.csv.
    `keep_report`: where to copy the internal decision report (synthetic data only)."""
    from dgate.service import admin
    from dgate.service.home import Home, init_home
    from dgate.service.release import decision_report
    from dgate.service.submit import submit

    for need in ("master", "pkg", "keys/registration.json", "truth.csv"):
        if not (folder / need).exists():
            raise UsageError(f"{folder} is not a synth folder: no {need}")
    manifest = json.loads((folder / "pkg" / "batch.json").read_text(encoding="utf-8"))
    # Without a processing date, process a few days after the request was signed, as the
    # synthetic batch intends (its date rules are drawn relative to signed_at).
    day = as_of or date.fromisoformat(manifest["signed_at"]) + timedelta(days=3)
    ev = Evaluation()
    with tempfile.TemporaryDirectory(prefix="dgate-eval-") as tmp:
        home_dir = keep_home or Path(tmp) / "home"
        init_home(home_dir)
        with Home(home_dir) as home:
            for user, role in STAGE_USERS:
                admin.user_add(home, "admin", user, role)
            register_synth(home, folder)
            t0 = time.perf_counter()
            admin.master_load(home, "admin", folder / "master", progress)
            t1 = time.perf_counter()
            clock = StageClock(progress)
            result = submit(home, "clerk", folder / "pkg", day, clock)
            t2 = time.perf_counter()
            report = Path(tmp) / "decisions.csv"
            decision_report(home, "officer1", result.batch_id, report)
            ev.disclose_threshold = home.model.disclose_threshold
            ev.disclose_threshold_alone = home.model.disclose_threshold_alone
            ev.review_threshold = home.model.review_threshold
        ev.timings = {"master load": t1 - t0, "submit": t2 - t1,
                      **_submit_stages(clock, t1, t2)}
        score_decisions(read_csv(report), align_truth(read_csv(folder / "truth.csv")), ev)
        if keep_report is not None:
            shutil.copyfile(report, keep_report)
    return ev

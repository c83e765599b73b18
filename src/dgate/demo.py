"""`dgate demo`: the whole flow on synthetic data, end to end, through the same service
calls the CLI makes, then a comparison with the synthetic ground truth."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dgate.errors import UsageError
from dgate.evaluate import align_truth, read_csv, register_synth, score_decisions
from dgate.fsio import is_inside
from dgate.service import admin
from dgate.service.audit import accounting_export, ledger_verify
from dgate.service.home import Home, init_home
from dgate.service.release import approve, decision_report, release, review_decide, review_list
from dgate.service.submit import submit

MARKER = ".dgate-demo"
USERS = (("clerk", "intake"), ("reviewer1", "reviewer"), ("officer1", "disclosure_officer"),
         ("officer2", "disclosure_officer"), ("auditor1", "auditor"))


@dataclass
class DemoSummary:
    batch_id: str
    by_code: Counter[tuple[str, str]] = field(default_factory=Counter)
    lines: list[str] = field(default_factory=list)


def _fresh(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder; choose another --out")
    if folder.exists():
        if not (folder / MARKER).is_file():
            if any(folder.iterdir()):
                raise UsageError(f"{folder} exists and was not made by `dgate demo`; "
                                 "choose another --out")
        else:
            shutil.rmtree(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {folder} ({exc.strerror}); choose another --out"
                         ) from None
    (folder / MARKER).write_text("made by dgate demo; safe to delete\n", encoding="utf-8")


def run_demo(folder: Path, *, taxpayers: int, requests: int, seed: int,
             progress: Callable[[str, int, int], None] | None = None,
             say: Callable[[str], None] = print, as_of: date | None = None,
             home: Path | None = None) -> DemoSummary:
    from dgate.synth import generate
    from dgate.synth.generate import check_sizes

    day = as_of or date.today()
    check_sizes(taxpayers, requests)  # before anything is created
    if home is not None and (home / "config.json").exists():
        raise UsageError(f"{home} is already a dgate home; the demo needs a new one")
    if home is not None and is_inside(folder, home):
        # its reports would be written inside the home, which refuses them
        raise UsageError(f"--out {folder} is inside --home {home}; give the demo another --out")
    _fresh(folder)
    data, home_dir = folder / "data", home or folder / "home"
    say(f"generating {taxpayers} synthetic taxpayers and {requests} requests in {data}")
    generate(data, taxpayers=taxpayers, requests=requests, seed=seed, as_of=day,
             progress=progress)
    init_home(home_dir)
    with Home(home_dir) as h:
        for user, role in USERS:
            admin.user_add(h, "admin", user, role)
        register_synth(h, data)
        say("loading the master file")
        admin.master_load(h, "admin", data / "master", progress)
        say("submitting the batch")
        result = submit(h, "clerk", data / "pkg", day, progress)
        batch_id = result.batch_id
        decision_report(h, "officer1", batch_id, folder / "decisions-automatic.csv")
        truth = _truth(data / "truth.csv")
        # The demo's reviewer stands in for a person: it decides from the synthetic truth.
        pending = review_list(h, "reviewer1", batch_id)
        rid_of = {it.request_key: it.request_id for it in pending}
        for key, rid in rid_of.items():
            t = truth.get(rid, {})
            review_decide(h, "reviewer1", key, t.get("expected_disposition") == "DISCLOSE")
        approve(h, "officer1", batch_id)
        approve(h, "officer2", batch_id)
        rel = release(h, "officer2", batch_id, folder / "response.csv")
        decision_report(h, "officer1", batch_id, folder / "decisions.csv")
        accounting_export(h, "auditor1", folder / "accounting.csv", None, None)
        check = ledger_verify(h, "auditor1")
        summary = DemoSummary(batch_id)
        decisions = read_csv(folder / "decisions.csv")
        for row in decisions:
            for code in (row["reason_codes"] or "-").split(";"):
                summary.by_code[(row["disposition"], code)] += 1
        if truth:
            summary.lines += ["automatic decisions against the synthetic truth:"] + [
                "  " + line for line in
                score_decisions(read_csv(folder / "decisions-automatic.csv"),
                                align_truth(read_csv(data / "truth.csv"))).lines()]
        summary.lines += [
            f"released: {rel.disclosed} addresses disclosed of {rel.rows} requests",
            f"ledger: {check.message}",
            f"files: {folder / 'decisions.csv'}, {folder / 'response.csv'}, "
            f"{folder / 'accounting.csv'}; home {home_dir}",
        ]
    return summary


def _truth(path: Path) -> dict[str, dict[str, str]]:
    return {r["request_id"]: r for r in read_csv(path)} if path.is_file() else {}

"""The whole evaluation on a tiny synthetic folder, and the HTML report it writes."""

from __future__ import annotations

import csv
import html
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dgate.cli import app
from dgate.evaluate import Evaluation, evaluate
from dgate.report import histogram_svg, logit10, render_report
from dgate.synth import generate

AS_OF = date(2026, 11, 25)


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("eval") / "synth"
    generate(out, taxpayers=500, requests=50, seed=11, as_of=AS_OF)
    return out


@pytest.fixture(scope="module")
def kept(synth: Path) -> Path:
    return synth.parent / "kept.csv"


@pytest.fixture(scope="module")
def ev(synth: Path, kept: Path) -> Evaluation:
    return evaluate(synth, keep_report=kept)


def test_the_kept_report_is_the_one_scored(ev: Evaluation, kept: Path) -> None:
    # benchmarks/noise.py and othergen.py read the decision report evaluate scored
    with kept.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == ev.total
    assert sum(r["disposition"] == "DISCLOSE" for r in rows) == ev.disclosed_right + ev.wrongful


def _headline(page: str) -> dict[str, str]:
    section = page.split("<h2>Headline</h2>", 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<tr><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td></tr>", section)
    return {html.unescape(k): html.unescape(v) for k, v in cells}


def test_report_headline_equals_the_evaluation(ev: Evaluation) -> None:
    head = _headline(render_report(ev))
    assert head["requests"] == str(ev.total) == "50"
    assert head["disclosable per truth"] == str(ev.due)
    assert head["precision"] == f"{ev.precision:.4f}"
    assert head["recall (automatic)"] == f"{ev.recall:.4f}"
    assert head["wrongful disclosures"] == str(ev.wrongful)
    assert head["defect catch rate"].startswith(f"{ev.defects_caught}/{ev.defects} ")
    assert head["expected reason code present (code accuracy)"].startswith(
        f"{ev.code_right}/{ev.total} ")
    assert head["review rate (disclosable sent to review)"].startswith(f"{ev.review_due} ")


def test_report_is_self_contained(ev: Evaluation) -> None:
    page = render_report(ev)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "<script" not in page.lower() and "<link" not in page.lower()
    assert "@import" not in page and "url(" not in page
    assert page.count("<svg") == 3  # distributions, threshold sweep, precision-recall


def test_report_confusion_covers_every_scenario(ev: Evaluation) -> None:
    section = render_report(ev).split("<h2>Confusion by scenario</h2>", 1)[1]
    rows = re.findall(r"<tr><td[^>]*>([a-z0-9_]+)</td>", section)
    assert rows == sorted(ev.outcomes)
    assert sum(sum(c.values()) for c in ev.outcomes.values()) == ev.total


def test_histogram_counts_every_point_once(ev: Evaluation) -> None:
    # p = 0 and p = 1 are clipped into the end bins, not dropped.
    svg = histogram_svg(ev)
    for label in ("true", "false", "refused"):
        drawn = sum(int(n) for n in re.findall(rf"<title>{label}: (\d+)</title>", svg))
        assert drawn == sum(1 for p in ev.points if p.label == label)
    assert ev.points, "a synthetic batch always has scored decisions"


def test_logit_axis_is_monotone_and_clipped() -> None:
    ps = [0.0, 1e-9, 1e-3, 0.5, 0.8, 0.999, 0.999999, 1.0]
    xs = [logit10(p) for p in ps]
    assert xs == sorted(xs) and xs[0] == -7.0 and xs[3] == 0.0
    assert xs[-1] == 7.0 and xs[-2] == pytest.approx(6.0)


def test_submit_is_split_into_its_stages(ev: Evaluation) -> None:
    parts = [v for k, v in ev.timings.items() if k.startswith("submit: ")]
    assert len(parts) == 4 and all(v >= 0 for v in parts)
    assert sum(parts) == pytest.approx(ev.timings["submit"], abs=1e-6)


def test_cli_writes_the_report(synth: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["evaluate", str(synth), "--report", str(out)])
    assert result.exit_code == 0, result.output
    head = _headline(out.read_text(encoding="utf-8"))
    printed = re.search(r"precision (\d\.\d{4}); recall \(automatic\) (\d\.\d{4})", result.output)
    assert printed is not None
    assert (head["precision"], head["recall (automatic)"]) == printed.groups()
    assert "submit: matching" in result.output

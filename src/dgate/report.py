"""`dgate evaluate OUT --report FILE.html`: the evaluation as one self-contained HTML page.

Everything is inline (style, SVG plots drawn here): the page must open on an air-gapped
workstation and must not reach out to any server when it is opened. It holds only
aggregate figures and probabilities — no names, TINs or addresses.

Probabilities are plotted on a log-odds axis, log10(p / (1 - p)): the posteriors the model
produces crowd against 0 and 1, and the thresholds that matter (0.8, 0.999) sit far apart
on this scale but on top of each other on a linear one.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

from dgate.evaluate import LABELS, Evaluation, SweepPoint, pr_sweep

DISPOSITIONS = ("DISCLOSE", "REVIEW", "NOT_DISCLOSED", "REJECTED")
COLORS = {"true": "#2b7a3d", "false": "#c0392b", "refused": "#7f8c8d",
          "precision": "#1f5fa8", "recall": "#d68910"}
LOGIT_MIN, LOGIT_MAX = -7.0, 7.0
W, H, PAD_L, PAD_B, PAD_T, PAD_R = 640, 280, 52, 40, 16, 16

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em;
color:#222;max-width:1000px}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 8px}
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}
td.bad{background:#f8d7da;font-weight:bold}.note{color:#555;font-size:.9em}
.legend span{display:inline-block;margin-right:1.2em}
.sw{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}
"""


def logit10(p: float) -> float:
    """log10 odds, clipped to the plotted range (p = 0 or 1 lands on the edge)."""
    if p <= 0.0 or p >= 1.0:
        return LOGIT_MIN if p <= 0.0 else LOGIT_MAX
    return max(LOGIT_MIN, min(LOGIT_MAX, math.log10(p / (1.0 - p))))


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:.2f}%" if b else "n/a"


def _table(head: Sequence[str], rows: Iterable[Sequence[object]],
           bad: Iterable[tuple[int, int]] = ()) -> str:
    marked = set(bad)
    out = ["<table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"]
    for i, row in enumerate(rows):
        cells = []
        for j, v in enumerate(row):
            cls = "n" if isinstance(v, int | float) or j > 0 else ""
            if (i, j) in marked:
                cls += " bad"
            cells.append(f'<td class="{cls.strip()}">{_e(v)}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "".join(out) + "</table>"


# -- SVG primitives ------------------------------------------------------------------------

def _sx(x: float, lo: float, hi: float) -> float:
    return PAD_L + (x - lo) / (hi - lo) * (W - PAD_L - PAD_R)


def _sy(y: float, lo: float, hi: float) -> float:
    return H - PAD_B - (y - lo) / (hi - lo) * (H - PAD_B - PAD_T)


def _axes(xlo: float, xhi: float, ylo: float, yhi: float, xticks: Sequence[tuple[float, str]],
          yticks: Sequence[tuple[float, str]], xlabel: str, ylabel: str) -> list[str]:
    parts = [f'<line x1="{PAD_L}" y1="{H - PAD_B}" x2="{W - PAD_R}" y2="{H - PAD_B}" '
             'stroke="#444"/>',
             f'<line x1="{PAD_L}" y1="{PAD_T}" x2="{PAD_L}" y2="{H - PAD_B}" stroke="#444"/>']
    for x, label in xticks:
        px = _sx(x, xlo, xhi)
        parts.append(f'<line x1="{px:.1f}" y1="{H - PAD_B}" x2="{px:.1f}" y2="{H - PAD_B + 4}" '
                     'stroke="#444"/>')
        parts.append(f'<text x="{px:.1f}" y="{H - PAD_B + 16}" font-size="10" '
                     f'text-anchor="middle">{_e(label)}</text>')
    for y, label in yticks:
        py = _sy(y, ylo, yhi)
        parts.append(f'<line x1="{PAD_L - 4}" y1="{py:.1f}" x2="{W - PAD_R}" y2="{py:.1f}" '
                     'stroke="#eee"/>')
        parts.append(f'<text x="{PAD_L - 6}" y="{py + 3:.1f}" font-size="10" '
                     f'text-anchor="end">{_e(label)}</text>')
    parts.append(f'<text x="{(PAD_L + W - PAD_R) / 2}" y="{H - 6}" font-size="11" '
                 f'text-anchor="middle">{_e(xlabel)}</text>')
    parts.append(f'<text x="12" y="{(PAD_T + H - PAD_B) / 2}" font-size="11" '
                 f'text-anchor="middle" transform="rotate(-90 12 {(PAD_T + H - PAD_B) / 2})">'
                 f'{_e(ylabel)}</text>')
    return parts


def _svg(parts: list[str], title: str) -> str:
    return (f'<svg width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" '
            f'aria-label="{_e(title)}">' + "".join(parts) + "</svg>")


def _logit_ticks() -> list[tuple[float, str]]:
    probs = ("1e-6", "1e-4", "0.01", "0.5", "0.99", "0.9999", "0.999999")
    return [(logit10(float(p)), p) for p in probs]


def _threshold_marks(ev: Evaluation, ylo: float, yhi: float) -> list[str]:
    parts = []
    alone = ev.disclose_threshold_alone
    for name, t in (("disclose", ev.disclose_threshold),
                    ("disclose alone", None if alone == ev.disclose_threshold else alone),
                    ("review", ev.review_threshold)):
        if t is None:
            continue
        px = _sx(logit10(t), LOGIT_MIN, LOGIT_MAX)
        parts.append(f'<line x1="{px:.1f}" y1="{_sy(yhi, ylo, yhi):.1f}" x2="{px:.1f}" '
                     f'y2="{_sy(ylo, ylo, yhi):.1f}" stroke="#000" stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{px + 3:.1f}" y="{PAD_T + 10}" font-size="10">'
                     f'{_e(name)} {t:g}</text>')
    return parts


def histogram_svg(ev: Evaluation, bins: int = 28) -> str:
    """Counts of true, false and refused points per log-odds bin, bars side by side."""
    width = (LOGIT_MAX - LOGIT_MIN) / bins
    counts = {lab: [0] * bins for lab in LABELS}
    for p in ev.points:
        k = min(bins - 1, int((logit10(p.probability) - LOGIT_MIN) / width))
        counts[p.label][k] += 1
    top = max([1] + [c for row in counts.values() for c in row])
    ymax = 10 ** math.ceil(math.log10(top + 1))
    # A log count scale: a handful of false pairs must stay visible next to thousands.
    def ly(c: int) -> float:
        return math.log10(c + 1)
    yticks = [(math.log10(v + 1), str(v)) for v in (0, 1, 10, 100, 1000, 10_000, 100_000)
              if v <= ymax]
    parts = _axes(LOGIT_MIN, LOGIT_MAX, 0.0, math.log10(ymax + 1), _logit_ticks(), yticks,
                  "match probability (log-odds scale)", "requests (log scale)")
    bar = (W - PAD_L - PAD_R) / bins / len(LABELS)
    for k in range(bins):
        x0 = _sx(LOGIT_MIN + k * width, LOGIT_MIN, LOGIT_MAX)
        for j, lab in enumerate(LABELS):
            c = counts[lab][k]
            if not c:
                continue
            y = _sy(ly(c), 0.0, math.log10(ymax + 1))
            parts.append(f'<rect x="{x0 + j * bar:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                         f'height="{H - PAD_B - y:.1f}" fill="{COLORS[lab]}">'
                         f'<title>{_e(lab)}: {c}</title></rect>')
    parts += _threshold_marks(ev, 0.0, math.log10(ymax + 1))
    return _svg(parts, "match-probability distributions")


def _polyline(xy: Sequence[tuple[float, float]], color: str) -> str:
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    return f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"/>'


def sweep_svg(ev: Evaluation, sweep: Sequence[SweepPoint]) -> str:
    """Precision and recall against the threshold (log-odds axis); step lines."""
    lo = min([0.9] + [min(s.precision, s.recall) for s in sweep])
    ylo = math.floor(lo * 10) / 10
    yticks = [(v / 10, f"{v / 10:.1f}") for v in range(int(ylo * 10), 11)]
    parts = _axes(LOGIT_MIN, LOGIT_MAX, ylo, 1.0, _logit_ticks(), yticks,
                  "disclosure threshold (log-odds scale)", "")
    for key in ("precision", "recall"):
        xy: list[tuple[float, float]] = []
        for s in sweep:
            px, py = _sx(logit10(s.threshold), LOGIT_MIN, LOGIT_MAX), \
                _sy(getattr(s, key), ylo, 1.0)
            if xy:
                xy.append((px, xy[-1][1]))
            xy.append((px, py))
        if xy:
            parts.append(_polyline(xy, COLORS[key]))
    parts += _threshold_marks(ev, ylo, 1.0)
    return _svg(parts, "precision and recall over thresholds")


def pr_curve_svg(sweep: Sequence[SweepPoint]) -> str:
    lo = min([0.9] + [min(s.precision, s.recall) for s in sweep])
    ylo = math.floor(lo * 10) / 10
    ticks = [(v / 10, f"{v / 10:.1f}") for v in range(int(ylo * 10), 11)]
    parts = _axes(ylo, 1.0, ylo, 1.0, ticks, ticks, "recall", "precision")
    xy = [(_sx(s.recall, ylo, 1.0), _sy(s.precision, ylo, 1.0)) for s in sweep]
    if xy:
        parts.append(_polyline(xy, COLORS["precision"]))
    return _svg(parts, "precision-recall curve")


def _sweep_rows(sweep: Sequence[SweepPoint], marks: Sequence[float]) -> list[list[object]]:
    """The sweep at round thresholds: the lowest recorded threshold at or above each."""
    rows: list[list[object]] = []
    for m in marks:
        at = next((s for s in sweep if s.threshold >= m), None)
        if at is None:
            rows.append([f"{m:g}", 0, 0, 0, "n/a", "n/a"])
        else:
            rows.append([f"{m:g}", at.disclosed, at.right, at.wrongful,
                         f"{at.precision:.4f}", f"{at.recall:.4f}"])
    return rows


def _legend(keys: Sequence[str], names: Sequence[str]) -> str:
    return '<div class="legend">' + "".join(
        f'<span><span class="sw" style="background:{COLORS[k]}"></span>{_e(n)}</span>'
        for k, n in zip(keys, names, strict=True)) + "</div>"


def _headline(ev: Evaluation) -> str:
    rows: list[list[object]] = [
        ["requests", ev.total],
        ["disclosable per truth", ev.due],
        ["precision", f"{ev.precision:.4f}"],
        ["recall (automatic)", f"{ev.recall:.4f}"],
        ["F1", f"{ev.f1:.4f}"],
        ["wrongful disclosures", ev.wrongful],
        ["right taxpayer, not the last known address", ev.wrong_address],
        ["review rate (disclosable sent to review)",
         f"{ev.review_due} ({_pct(ev.review_due, ev.due)})"],
        ["reviews of requests not due", ev.review_other],
        ["defect catch rate", f"{ev.defects_caught}/{ev.defects} "
                              f"({_pct(ev.defects_caught, ev.defects)})"],
        ["expected reason code present (code accuracy)",
         f"{ev.code_right}/{ev.total} ({_pct(ev.code_right, ev.total)})"],
        ["clean requests rejected", ev.clean_rejected],
    ]
    bad = [(5, 1)] if ev.wrongful else []
    return _table(["figure", "value"], rows, bad)


def render_report(ev: Evaluation, title: str = "Disclosure Gate evaluation") -> str:
    sweep = pr_sweep(ev.points, ev.due)
    wrong_rows = sorted(ev.wrongful_by_scenario.items())
    confusion = []
    bad = []
    for i, (scenario, counts) in enumerate(sorted(ev.outcomes.items())):
        expected = ";".join(sorted(ev.expected.get(scenario, {})))
        confusion.append([scenario, expected, *(counts.get(d, 0) for d in DISPOSITIONS)])
        if counts.get("DISCLOSE", 0) and "DISCLOSE" not in expected:
            bad.append((i, 2))
    n_by = {lab: sum(1 for p in ev.points if p.label == lab) for lab in LABELS}
    marks = (0.5, 0.8, 0.9, 0.99, 0.999, 0.9999, 0.99999)
    body = [
        f"<h1>{_e(title)}</h1>",
        "<h2>Headline</h2>", _headline(ev),
        "<h3>Wrongful disclosures by scenario</h3>",
        _table(["scenario", "wrongful"], wrong_rows) if wrong_rows else "<p>none</p>",
        "<h3>Time per stage</h3>",
        _table(["stage", "seconds"], [[k, f"{v:.3f}"] for k, v in ev.timings.items()]),
        "<h2>Match-probability distributions</h2>",
        '<p class="note">Every decision that recorded a probability. True: the taxpayer '
        "named is the expected one. False: someone else, or nobody was due. Refused: the "
        "policy refused after scoring (ambiguous, deceased, weak) and names nobody. "
        f"Counts: true {n_by['true']}, false {n_by['false']}, refused {n_by['refused']}.</p>",
        _legend(LABELS, ("true pairs", "false pairs", "refused after scoring")),
        histogram_svg(ev),
        "<h2>Precision and recall over thresholds</h2>",
        '<p class="note">The disclosure threshold swept over the recorded probabilities of '
        "DISCLOSE and REVIEW rows, every other gate of the policy held as it was "
        "(so the sweep says what the threshold alone buys).</p>",
        _legend(("precision", "recall"), ("precision", "recall")),
        sweep_svg(ev, sweep), pr_curve_svg(sweep),
        _table(["threshold ≥", "disclosed", "right", "wrongful", "precision", "recall"],
               _sweep_rows(sweep, marks)),
        "<h2>Confusion by scenario</h2>",
        _table(["scenario", "expected", *DISPOSITIONS], confusion, bad),
    ]
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
            + "\n".join(body) + "</body></html>\n")


def write_report(ev: Evaluation, path: Path) -> None:
    path.write_text(render_report(ev), encoding="utf-8")

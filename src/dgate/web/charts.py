"""Geometry for the two inline SVG charts: the match-probability histogram of a batch and
the waterfall of one candidate's match weight. Pure functions; the templates draw them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    title: str
    kind: str = ""   # a CSS-free colour choice made in the template by kind


@dataclass(frozen=True)
class Histogram:
    width: int
    height: int
    bars: list[Bar]
    marks: list[tuple[float, str]]      # (x, label) of the review and disclose thresholds
    ticks: list[tuple[float, str]]
    peak: int
    total: int


def histogram(counts: list[int], review_at: float, disclose_at: float,
              width: int = 640, height: int = 200) -> Histogram:
    left, bottom, top = 40, 28, 14
    plot_w, plot_h = width - left - 10, height - bottom - top
    n = len(counts)
    peak = max(counts) if counts else 0
    bars = []
    for i, c in enumerate(counts):
        h = 0.0 if peak == 0 else plot_h * c / peak
        lo, hi = i / n, (i + 1) / n
        kind = "hi" if lo >= disclose_at else ("mid" if hi > review_at else "lo")
        bars.append(Bar(x=left + plot_w * i / n + 1, y=top + plot_h - h,
                        width=max(plot_w / n - 2, 1), height=h, label=str(c) if c else "",
                        title=f"{c} record(s) with probability {lo:.2f}-{hi:.2f}", kind=kind))
    marks = [(left + plot_w * review_at, f"review {review_at:g}"),
             (left + plot_w * disclose_at, f"disclose {disclose_at:g}")]
    ticks = [(left + plot_w * t, f"{t:.1f}") for t in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)]
    return Histogram(width, height, bars, marks, ticks, peak, sum(counts))


@dataclass(frozen=True)
class Waterfall:
    width: int
    height: int
    bars: list[Bar]
    zero_x: float
    total: float


ROW_H = 22


def waterfall(prior: float, weights: list[tuple[str, float]], width: int = 560) -> Waterfall:
    """Each step starts where the previous ended: the prior log-odds, then each field's
    weight (green up, red down), ending at the candidate's posterior log-odds in bits."""
    label_w, pad = 120, 8
    steps = [("prior", prior)] + weights
    cums = [0.0]
    for _name, w in steps:
        cums.append(cums[-1] + w)
    lo, hi = min(cums), max(cums)
    span = (hi - lo) or 1.0
    plot_w = width - label_w - pad * 2 - 50

    def x(v: float) -> float:
        return label_w + pad + plot_w * (v - lo) / span

    bars = []
    for i, (name, w) in enumerate(steps):
        a, b = cums[i], cums[i + 1]
        kind = "prior" if i == 0 else ("up" if w > 0 else ("down" if w < 0 else "zero"))
        bars.append(Bar(x=x(min(a, b)), y=i * ROW_H + 4, width=max(abs(x(b) - x(a)), 1.5),
                        height=ROW_H - 8, label=f"{w:+.1f}", title=f"{name}: {w:+.2f} bits",
                        kind=kind))
    total = cums[-1]
    bars.append(Bar(x=x(min(0.0, total)), y=len(steps) * ROW_H + 4,
                    width=max(abs(x(total) - x(0.0)), 1.5), height=ROW_H - 8,
                    label=f"{total:+.1f}", title=f"total: {total:+.2f} bits (log-odds)",
                    kind="total"))
    return Waterfall(width, (len(steps) + 1) * ROW_H + 6, bars, x(0.0), total)

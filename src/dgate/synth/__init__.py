"""Synthetic master files and request batches with ground truth (see generate.py)."""

from dgate.synth.generate import DEFAULT_MIX, SCENARIOS, SynthSummary, generate

__all__ = ["DEFAULT_MIX", "SCENARIOS", "SynthSummary", "generate"]

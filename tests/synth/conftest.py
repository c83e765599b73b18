"""One small generation per seed, shared by the synth tests (each takes about a second)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dgate.synth import generate

AS_OF = date(2026, 11, 25)
SIZE = {"taxpayers": 3000, "requests": 300}


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "a"
    generate(out, seed=7, as_of=AS_OF, **SIZE)
    return out


@pytest.fixture(scope="session")
def synth_twin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "b"
    generate(out, seed=7, as_of=AS_OF, **SIZE)
    return out

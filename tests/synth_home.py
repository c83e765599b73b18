"""A home set up as `dgate evaluate` sets one up from a `dgate synth` folder: clerk, agency,
official, master (shared by tests/scale and tests/service)."""

from __future__ import annotations

import json
from pathlib import Path

from dgate.evaluate import register_synth
from dgate.service import admin
from dgate.service.home import Home, init_home


def synth_home(folder: Path, synth: Path, **config: object) -> Home:
    """`config`: settings written over the new home's config.json before it is opened."""
    init_home(folder)
    if config:
        path = folder / "config.json"
        path.write_text(json.dumps({**json.loads(path.read_text(encoding="utf-8")), **config}),
                        encoding="utf-8")
    home = Home(folder)
    admin.user_add(home, "admin", "clerk", "intake")
    register_synth(home, synth)
    admin.master_load(home, "admin", synth / "master")
    return home

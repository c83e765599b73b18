"""A home set up as `dgate evaluate` sets one up from a `dgate synth` folder: clerk, agency,
official, master (shared by tests/scale and tests/service)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

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
    reg = json.loads((synth / "keys" / "registration.json").read_text(encoding="utf-8"))
    admin.user_add(home, "admin", "clerk", "intake")
    admin.agency_add(home, "admin", reg["agency"], reg["agency_name"], reg["statutes"])
    admin.official_add(
        home, "admin", reg["agency"], reg["official_id"], name=reg["name"], title=reg["title"],
        public_key=synth / "keys" / "official_ed25519.pub.pem",
        valid_from=date.fromisoformat(reg["valid_from"]) if reg.get("valid_from") else None,
        valid_to=date.fromisoformat(reg["valid_to"]) if reg.get("valid_to") else None)
    admin.master_load(home, "admin", synth / "master")
    return home

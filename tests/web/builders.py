"""A home with users, tokens, the agency and a hand-written master, and a request package
zipped for upload: the hand-written cases of tests/e2e plus one review item whose middle
name is markup (it must render as text)."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient
from tests.e2e.handmade import CASES, setup_home, write_package

from dgate.service import tokens
from dgate.service.home import Home

SCRIPT_NAME = "<script>alert(1)</script>"
# 19 Elm St against the taxpayer of 9 Elm St: a house number one digit off, so the match
# is probable but not certain: a review item.
REVIEW_ID = "RV"
REVIEW_CASE = dict(request_id=REVIEW_ID, first_name="Robert", middle_name=SCRIPT_NAME,
                   last_name="Johnson", street="19 Elm St", city="Miami", state="FL",
                   zip="33125")
# The package: every handmade case, then the review item; request keys are positions.
ROWS = len(CASES) + 1
REVIEW_POS = ROWS
# What the batch decides before the review: the dispositions CASES states, plus the review.
COUNTS = dict(Counter(c[1][0] for c in CASES) + Counter({"REVIEW": 1}))
USERS = ("admin", "clerk", "rev", "off1", "off2", "aud")


@dataclass
class World:
    root: Path
    home: Path
    zip_bytes: bytes
    tokens: dict[str, str]


def zip_folder(folder: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(folder.iterdir()):
            zf.write(p, p.name)
    return buf.getvalue()


def make_world(tmp: Path, batch_id: str = "ICE-2026-000123") -> World:
    home, key = setup_home(tmp)
    pkg = write_package(tmp / "pkg", key, [c[0] for c in CASES] + [REVIEW_CASE],
                        batch_id=batch_id)
    with Home(home) as h:
        toks = {u: tokens.issue_token(h, "admin", u) for u in USERS}
    return World(tmp, home, zip_folder(pkg), toks)


def signed_in(tmp: Path, home: Path, users: tuple[str, ...], user: str
              ) -> tuple[TestClient, World]:
    """A client of the web app over an existing home, signed in as `user`, and its World
    (tokens issued for `users`, no package): the red-team pages' set-up."""
    from tests.web.test_api import sign_in  # it imports this module

    from dgate.web.app import create_app

    with Home(home) as h:
        toks = {u: tokens.issue_token(h, "admin", u) for u in users}
    world = World(tmp, home, b"", toks)
    client = TestClient(create_app(home))
    sign_in(client, world, user)
    return client, world

"""The whole flow in a real browser (Debian's Chromium, headless, driven by Playwright):
sign in, upload a package, review an item, two approvals by two officers, release,
download the response; plus the auditor's pages. A screenshot of every page is saved under
test-artifacts/screenshots/."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.e2e.handmade import AS_OF
from tests.web.builders import REVIEW_ID, REVIEW_POS, ROWS, SCRIPT_NAME, World, make_world
from tests.web.conftest import LiveServer, start_server, stop_server


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return make_world(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def live(world: World) -> Iterator[LiveServer]:
    server = start_server(world.home)
    yield server
    stop_server(server)


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280,
                                                                    "height": 900})
    context.set_default_timeout(20_000)
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()


def sign_in(page: Any, live: LiveServer, world: World, user: str) -> None:
    page.goto(f"{live.url}/login")
    page.fill("#user", user)
    page.fill("#token", world.tokens[user])
    page.click("button[type=submit]")
    page.wait_for_url(f"{live.url}/batches")


def sign_out(page: Any) -> None:
    page.click("form.who button")
    page.wait_for_url(re.compile(r".*/login$"))


def shot(page: Any, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_whole_flow_in_the_browser(page: Any, live: LiveServer, world: World,
                                   screenshots: Path, tmp_path: Path) -> None:
    # A wrong token is refused on the sign-in page itself.
    page.goto(f"{live.url}/batches")
    page.wait_for_url(f"{live.url}/login")
    shot(page, screenshots, "01-login")
    page.fill("#user", "clerk")
    page.fill("#token", world.tokens["rev"])
    page.click("button[type=submit]")
    assert "do not match" in page.inner_text(".error")

    # Intake uploads the package.
    sign_in(page, live, world, "clerk")
    package = tmp_path / "package.zip"
    package.write_bytes(world.zip_bytes)
    page.set_input_files("#package", str(package))
    page.fill("#as_of", AS_OF)
    page.click("form[enctype] button[type=submit]")
    page.wait_for_url(re.compile(r".*/batches/ICE-2026-000123\?done=submitted$"))
    shot(page, screenshots, "02-dashboard")
    body = page.inner_text("main")
    assert "The package was received." in body
    assert "M_REVIEW" in body and "R_ORDER_90_DAYS" in body
    assert page.locator("svg.chart rect.bar").count() == 20
    # The clerk sees counts only: no link to the review item, no release page.
    assert page.locator("a[href$='/release']").count() == 0
    sign_out(page)

    # The reviewer opens the item: the request beside the candidate, the markup in the
    # middle name shown as text and never run.
    sign_in(page, live, world, "rev")
    page.goto(f"{live.url}/review")
    shot(page, screenshots, "03-review-queue")
    # what to check, in short (the queue reads no master: which of the two it cannot say)
    assert "house no. / ZIP slip" in page.inner_text("td.checks")
    page.click(f"text=ICE-2026-000123:{REVIEW_POS}")
    page.wait_for_url(re.compile(rf".*/review/ICE-2026-000123%3A{REVIEW_POS}$"))
    shot(page, screenshots, "04-review-item")
    assert SCRIPT_NAME in page.inner_text("table.compare")
    assert page.locator("main script").count() == 0
    assert page.dialogs == []
    assert "house number typo" in page.inner_text("table.compare")  # 19 vs 9 Elm St
    # what to check, first on the page, and the row marked in words, not colour alone
    checks = page.inner_text("section.checks")
    assert "house number is one slip off the candidate's (request 19, master 9)" in checks
    assert "no DOB in request" in checks
    assert "Check: house no. slip" in page.inner_text("table.compare tr.flagged")
    assert page.locator("svg.chart rect.step").count() >= 5
    page.click("button[value=disclose]")
    page.wait_for_url(re.compile(r".*/review\?batch_id=ICE-2026-000123&done=reviewed$"))
    assert "Nothing is waiting for review" in page.inner_text("main")
    sign_out(page)

    # Two officers approve; the first cannot release alone.
    sign_in(page, live, world, "off1")
    page.goto(f"{live.url}/batches/ICE-2026-000123/release")
    shot(page, screenshots, "05-release-before")
    leaving = page.inner_text("table.response")
    assert "9 Elm St" in leaving  # the reviewed item now discloses the last known address
    page.click("form[action$='/approve'] button")
    page.wait_for_url(re.compile(r".*/release\?done=approved$"))
    page.click("form[action$='/release'] button")
    assert "two distinct disclosure officers needed" in page.inner_text(".error")
    sign_out(page)

    sign_in(page, live, world, "off2")
    page.goto(f"{live.url}/batches/ICE-2026-000123/release")
    page.click("form[action$='/approve'] button")
    page.wait_for_url(re.compile(r".*/release\?done=approved$"))
    page.click("form[action$='/release'] button")
    page.wait_for_url(re.compile(r".*/release\?done=released$"))
    shot(page, screenshots, "06-released")
    with page.expect_download() as info:
        page.click("text=Download the response file")
    data = Path(info.value.path()).read_text(encoding="utf-8")
    rows = {r["request_id"]: r for r in csv.DictReader(io.StringIO(data))}
    assert len(rows) == ROWS
    assert rows[REVIEW_ID]["outcome"] == "DISCLOSED" and rows[REVIEW_ID]["street"] == "9 Elm St"
    assert rows["R2"]["outcome"] == "NOT_DISCLOSED" and rows["R2"]["street"] == ""
    assert rows["R7"]["outcome"] == "REJECTED"
    # What the page showed before release is exactly what left.
    for rid in ("R1", "R3", "R9", REVIEW_ID):
        assert rows[rid]["street"] in leaving
    sign_out(page)

    # The auditor: accounting and the verified ledger.
    sign_in(page, live, world, "aud")
    page.goto(f"{live.url}/accounting?year=2026")
    shot(page, screenshots, "07-accounting")
    assert page.locator("table").first.inner_text().count("ICE") == 1
    page.goto(f"{live.url}/ledger")
    shot(page, screenshots, "08-ledger")
    assert "ledger verified" in page.inner_text(".ok")
    # Personal data is not for the auditor's eyes on the review page.
    page.goto(f"{live.url}/review/ICE-2026-000123%3A{REVIEW_POS}")
    assert "has role auditor" in page.inner_text(".error")
    assert SCRIPT_NAME not in page.content()
    assert page.dialogs == []

"""Audit 23: a DISCLOSE decision a reviewer sent back to review (`dgate review hold`, after
its batch's release was refused) is a review item on the web too: in the queue, its page
says it was held and offers the verdict, and the verdict given there counts as `review
decide`'s. Synthetic people (tests/e2e/test_release_decided_again.py)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import dgate
from tests.e2e.test_release_decided_again import _BATCH, _refused_p5
from tests.web.builders import signed_in
from tests.web.test_api import csrf_of


def test_a_held_item_is_in_the_queue_and_decided_on_its_page(tmp_path: Path) -> None:
    home, keys = _refused_p5(tmp_path)
    held = keys[0]
    assert dgate(home, "review", "hold", held, "--reason", "moved", user="rev").code == 0
    client, _world = signed_in(tmp_path, home, ("rev", "off1"), "rev")
    queue = client.get("/review")
    assert queue.status_code == 200 and held in queue.text, queue.text
    assert keys[1] not in queue.text  # not held: not a review item
    page = client.get(f"/review/{held}")
    assert page.status_code == 200, page.text
    assert 'data-on-hold="1"' in page.text and 'value="no_disclose"' in page.text, page.text
    r = client.post(f"/review/{held}", data={"verdict": "no_disclose",
                                             "csrf": csrf_of(page.text)},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    assert held not in dgate(home, "review", "list", _BATCH, user="rev").out
    page = client.get(f"/review/{held}")
    assert page.status_code == 200 and "Decided: <strong>no disclose" in page.text
    status = client.get(f"/batches/{_BATCH}")
    assert status.status_code == 200, status.text

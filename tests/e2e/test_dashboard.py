"""End-to-end: the dashboard in headless Chromium over a store ingested from the example articles.

Needs Debian's chromium (``/usr/bin/chromium``; .ci/run installs it) and the Python playwright
package (no browser download: Playwright drives the system Chromium via ``executable_path``).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.model, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = (
    Path(os.environ.get("LAGEBILD_SCREENSHOTS", "")) if os.environ.get("LAGEBILD_SCREENSHOTS") else None
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory, examples_dir, analyzer):
    import uvicorn

    from lagebild.api import create_app
    from lagebild.corpus import Corpus
    from lagebild.reader import iter_documents

    db = tmp_path_factory.mktemp("e2e") / "dash.db"
    records = [r for r in analyzer.analyze_stream(iter_documents([examples_dir])) if isinstance(r, dict)]
    with Corpus(db) as corpus:
        corpus.add_records(records)
    port = _free_port()
    config = uvicorn.Config(
        create_app(db, analyzer=analyzer), host="127.0.0.1", port=port, log_level="warning"
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if uv.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}", records
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium is missing at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser.new_page(viewport={"width": 1400, "height": 1000})
        browser.close()


def _shot(page, name):
    if SCREENSHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _ready(page):
    page.wait_for_selector("#view[data-ready='1']", timeout=20_000)


def test_article_view_highlights_and_links_to_actor(server, page):
    base, records = server
    record = max(records, key=lambda r: len(r["quotes"]))
    page.goto(f"{base}/#/")
    _ready(page)
    assert page.locator("a.doc-link").count() == len(records)
    page.goto(f"{base}/#/article/{record['document']['id']}")
    _ready(page)
    direct = [q for q in record["quotes"] if q["kind"] == "direct"]
    assert page.locator("#article-text .quote.q-direct").count() >= len(direct) > 0
    assert page.locator("#article-text a.actor").count() >= 1
    assert page.locator("#quote-list .item").count() == len(
        [q for q in record["quotes"] if q["kind"] not in ("scare", "title")]
    )
    _shot(page, "article")
    actor = page.locator("#article-text a.actor").first
    actor_id = actor.get_attribute("data-actor")
    actor.click()
    _ready(page)
    expected = next(a["name"] for r in records for a in r["actors"] if a["id"] == actor_id)
    assert page.locator("#actor-name").inner_text() == expected
    _shot(page, "actor")


def test_dyad_network_map_search(server, page):
    base, records = server
    pairs = [(e["source"], e["target"]) for r in records for e in r["events"] if e["source"] and e["target"]]
    a, b = pairs[0] if pairs else ("RUS", "UKR")
    page.goto(f"{base}/#/dyad?a={a}&b={b}&by=month")
    _ready(page)
    assert page.locator("canvas#dyad-chart").count() == 1
    if pairs:
        assert int(page.locator("#view").get_attribute("data-points") or 0) >= 1
        box = page.locator("canvas#dyad-chart").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.9)
        page.wait_for_selector("#dyad-events h2", timeout=10_000)
    _shot(page, "dyad")
    page.goto(f"{base}/#/network")
    _ready(page)
    assert int(page.locator("#view").get_attribute("data-nodes") or 0) >= 0
    _shot(page, "network")
    page.goto(f"{base}/#/map")
    _ready(page)
    assert page.locator("#world-map path.land").count() > 100
    _shot(page, "map")
    page.goto(f"{base}/#/search?q=Gazprom")
    _ready(page)
    assert page.locator("#search-results li").count() >= 1
    _shot(page, "search")

"""End to end in headless Chromium (Debian's package, driven by Playwright; no browser download).

Search, open an article, check the highlights, draw the timeline, review an event, and look
at a hostile page; each test saves a screenshot under build/screenshots/ (or
$EVENTWIRE_SCREENSHOTS).  Without /usr/bin/chromium ($EVENTWIRE_CHROMIUM elsewhere) the tests
skip with the reason, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_api_support import TOKEN, build_store

from eventwire.api import ServeSettings, create_app
from eventwire.evaluate.bench_serve import free_port

CHROMIUM = Path(os.environ.get("EVENTWIRE_CHROMIUM") or "/usr/bin/chromium")
SHOTS = Path(
    os.environ.get("EVENTWIRE_SCREENSHOTS") or Path(__file__).parents[1] / "build" / "screenshots"
)


def unavailable() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent: install Debian's chromium (make test does, as root)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    path = tmp_path_factory.mktemp("e2e") / "t.db"
    build_store(path)
    port = free_port()
    app = create_app(path, ServeSettings(token=TOKEN))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run under CI: {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console: {msg.text}")
            if msg.type == "error" and "status of 401" not in msg.text  # the wrong-token sign-in
            else None
        ),
    )
    yield page
    context.close()
    assert not problems, problems


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_search_open_an_article_and_see_the_coding(page: Any) -> None:
    page.goto("/map")
    page.keyboard.press("/")  # the search shortcut leads to the search page
    page.wait_for_url("**/")
    page.keyboard.press("/")
    page.keyboard.type("ceasefire")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=ceasefire*")
    assert page.locator("#results mark").first.inner_text().lower() == "ceasefire"
    shot(page, "1-search")
    page.click("a[href='/article/meeting1']")
    page.wait_for_url("**/article/meeting1")
    assert page.locator(".hl-actor").count() >= 3
    assert page.locator(".hl-quote").count() >= 1
    evidence = page.locator("#article-text .hl-event").first
    evidence.hover()
    tip = page.locator("#tooltip")
    tip.wait_for(state="visible")
    assert "Event: CONSULT (CAMEO 043)" in tip.inner_text()
    assert "source: Vladimir Putin (RUS)" in tip.inner_text()
    shot(page, "2-article-hover")
    page.focus("a[rel~='noopener']")  # the link to the original, just before the text
    page.keyboard.press("Tab")  # the keyboard reaches the first highlight
    assert page.evaluate("document.activeElement.classList.contains('hl')")
    assert (
        "Actor:" in page.locator("#coding").inner_text()
        or "Event:" in page.locator("#coding").inner_text()
    )
    page.click("a.evidence-link")
    assert page.evaluate("document.activeElement.id") == "ann-e0" or page.evaluate(
        "document.activeElement.dataset.ann"
    ).startswith("a0")


def test_the_timeline_and_the_map_draw(page: Any) -> None:
    page.goto("/dyad/RUS/SYR")
    bars = page.locator("#timeline rect.bar[data-period]")
    assert bars.count() >= 2
    assert bars.first.bounding_box()["height"] > 10
    assert page.locator("#timeline polyline.goldstein").count() == 1
    shot(page, "3-dyad-timeline")
    page.goto("/map")
    assert page.locator("svg.map circle.point").count() >= 28
    shot(page, "4-map")


def test_review_an_event_with_the_audit_trail(page: Any, server: str) -> None:
    page.goto("/article/strike1")
    page.click("table.events td a[href^='/event/']")
    page.wait_for_url("**/event/E*")
    page.fill("#reviewer-name", "Ana Analyst")
    page.fill("#reviewer-token", "wrong-token")
    page.click("#sign-in button")
    page.locator("#review-status.bad").wait_for()
    assert "wrong token" in page.locator("#review-status").inner_text()
    page.fill("#reviewer-token", TOKEN)
    page.click("#sign-in button")
    page.locator("#review-actions").wait_for(state="visible")
    with page.expect_navigation():
        page.click("button[data-action='accept']")
    assert page.locator("#event-status").inner_text() == "accepted"
    page.fill("input[name='date-']", "2025-11-04")
    page.fill("input[name='place-name']", "Idlib")
    with page.expect_navigation():
        page.click("#edit-form button[type='submit']")
    audit = page.locator("#audit tbody").inner_text()
    assert "Ana Analyst" in audit and "accept" in audit and "edit" in audit
    assert "2025-11-03 → 2025-11-04" in audit and "Idlib" in audit
    assert page.locator("#event-status").inner_text() == "edited"
    shot(page, "5-event-reviewed")


def test_a_hostile_page_shows_its_markup_as_text(page: Any) -> None:
    page.goto("/article/hostile1")
    assert "<script>alert(1)</script>" in page.locator("#article-text").inner_text()
    assert page.locator("#article-text img, #article-text script").count() == 0
    assert "Hostile <script>" in page.locator("h1").inner_text()
    shot(page, "6-hostile")

"""End to end in a real headless Chromium: the served app draws the map offline, reacts, shares, accepts uploads.

Starts ``streamlit run app.py`` on a free port against a store written to a temporary directory, drives
Debian's ``/usr/bin/chromium`` with Playwright, and saves a screenshot per page to
``$REACTION_ATLAS_SCREENSHOTS`` (default: ``<tmp>/artifacts/screenshots``). Skips with the reason when
Chromium or Playwright is missing. The browser gets no network beyond the local server: any request to
another host is aborted, so a map that needed a CDN would draw no country and fail the test.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard_fixtures import write_store

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(os.environ.get("REACTION_ATLAS_SCREENSHOTS", Path(tempfile.gettempdir()) / "artifacts" / "screenshots"))
READY = "[data-testid='stApp'][data-test-script-state='notRunning']"
CONGRATULATED_RGB = "rgb(0, 158, 115)"  # palette: congratulated #009E73
NOT_FOUND_RGB = "rgb(220, 220, 220)"  # palette: no_reaction_found #DCDCDC

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not become healthy at {url} within {timeout} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    store = write_store(tmp_path_factory.mktemp("browser") / "store")
    port = _free_port()
    env = os.environ | {"REACTION_ATLAS_STORE": str(store), "PYTHONPATH": str(ROOT)}
    log = (tmp_path_factory.getbasetemp() / "streamlit.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
    page = context.new_page()
    yield page
    context.close()


def _open(page, url: str) -> None:
    page.goto(url)
    _settle(page)


def _settle(page) -> None:
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_timeout(400)  # a rerun may start right after the first one ends
    page.wait_for_selector(READY, timeout=60_000)


def _wait_map(page, *, at_least: int) -> None:
    page.wait_for_function(
        f"document.querySelectorAll('path.choroplethlocation').length >= {at_least}", timeout=30_000
    )


def _fill_of(page, iso3: str) -> str:
    """The fill colour of a country's shape (plotly binds each location's calcdata, with .loc, to its path)."""
    return page.evaluate(
        """iso3 => {
            const path = Array.from(document.querySelectorAll('path.choroplethlocation'))
                .find(p => p.__data__ && p.__data__.loc === iso3);
            return path ? getComputedStyle(path).fill : '';
        }""",
        iso3,
    )


def _shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_overview_draws_coloured_map_offline(page, server):
    _open(page, server)
    _wait_map(page, at_least=100)
    assert page.locator("path.choroplethlocation").count() >= 150
    assert _fill_of(page, "DEU") == CONGRATULATED_RGB
    assert _fill_of(page, "JPN") == NOT_FOUND_RGB
    assert page.get_by_text("Most recent reactions").count() == 1
    # hostile article text is shown as text, never as markup
    assert page.locator("script:text('alert(1)')").count() == 0
    _shot(page, "overview")


def test_date_slider_moves_the_map(page, server):
    _open(page, f"{server}/Map")
    _wait_map(page, at_least=100)
    assert _fill_of(page, "DEU") == CONGRATULATED_RGB
    slider = page.get_by_role("slider").first
    slider.focus()
    page.keyboard.press("Home")  # back to the event day: Germany had not reacted yet
    _settle(page)
    page.wait_for_function("document.querySelectorAll('path.choroplethlocation').length >= 100")
    page.wait_for_function(
        """() => { const p = Array.from(document.querySelectorAll('path.choroplethlocation'))
               .find(p => p.__data__ && p.__data__.loc === 'DEU');
               return p && getComputedStyle(p).fill === 'rgb(220, 220, 220)'; }""",
        timeout=30_000,
    )
    assert "day=2020-11-07" in page.url
    _shot(page, "map")


def test_shared_link_restores_the_view(page, server):
    _open(page, f"{server}/Map?event=us-2020-election&group=bloc:G7&day=2020-11-08&country=DEU")
    _wait_map(page, at_least=5)
    # only the G7 (less the host) is coloured, plus the host's outline
    assert page.locator("path.choroplethlocation").count() <= 8
    assert _fill_of(page, "DEU") == CONGRATULATED_RGB
    assert page.locator("[data-testid='stSidebar'] input[aria-label='Bloc or region']").input_value() == "Group of Seven"
    assert page.get_by_text("Position on 2020-11-08: Congratulated").count() == 1
    _shot(page, "map-shared-link")


def test_play_mode_animates_day_by_day(page, server):
    _open(page, f"{server}/Map")
    page.get_by_text("Play day by day", exact=True).click()
    _settle(page)
    _wait_map(page, at_least=100)
    assert _fill_of(page, "DEU") == NOT_FOUND_RGB  # the animation starts on the event day
    assert page.locator("g.legend g.traces").count() == 8  # every stance has a key, even ones nobody holds yet
    page.locator("text.updatemenu-item-text", has_text="Play").first.click()
    page.wait_for_function(
        """() => { const p = Array.from(document.querySelectorAll('path.choroplethlocation'))
               .find(p => p.__data__ && p.__data__.loc === 'DEU');
               return p && getComputedStyle(p).fill === 'rgb(0, 158, 115)'; }""",
        timeout=30_000,
    )
    _shot(page, "map-play")


def test_clicking_a_country_shows_its_evidence(page, server):
    _open(page, f"{server}/Map")
    _wait_map(page, at_least=100)
    x, y = page.evaluate(
        """() => { const p = Array.from(document.querySelectorAll('path.choroplethlocation'))
               .find(p => p.__data__ && p.__data__.loc === 'BRA');
               const r = p.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }"""
    )
    page.mouse.click(x, y)
    page.wait_for_function("document.location.search.includes('country=BRA')", timeout=30_000)
    _settle(page)
    assert page.locator("input[aria-label='Country']").input_value() == "Brazil"
    assert page.get_by_text("Silent (reported)", exact=False).count() >= 1
    _shot(page, "map-country-selected")


@pytest.mark.parametrize("path, heading", [("Timeline", "How fast did each country react?"),
                                           ("Quotes", "Quotes and reactions"),
                                           ("Compare", "Compare events and blocs")])
def test_other_pages_render(page, server, path, heading):
    _open(page, f"{server}/{path}?event=us-2020-election")
    assert page.get_by_role("heading", name=heading).count() == 1
    assert page.locator("[data-testid='stException']").count() == 0
    _shot(page, path.lower())


def test_upload_an_article_and_see_it(page, server, tmp_path):
    pytest.importorskip("pipeline.build", reason="pipeline.build is not there yet")
    article = tmp_path / "new-zealand.md"
    article.write_text(
        "---\ntitle: New Zealand reacts\nsource: Test Herald\npublished: 2020-11-08\nevent: us-2020-election\n---\n"
        "Prime Minister Jacinda Ardern of New Zealand congratulated Joe Biden on Sunday on his election as the "
        "next president of the United States. \"I look forward to working with the new administration,\" Ardern "
        "said in a statement, adding that the two countries share deep ties.\n",
        encoding="utf-8",
    )
    _open(page, f"{server}/Add_articles")
    page.locator("input[type='file']").set_input_files(str(article))
    page.get_by_role("button", name="Add to the store").click()
    page.wait_for_selector("text=article(s) read", timeout=180_000)
    _settle(page)
    _shot(page, "add-articles")
    assert page.get_by_text("1 article(s) read").count() == 1
    _open(page, f"{server}/Quotes?event=us-2020-election&q=Ardern")
    page.wait_for_selector("text=rows", timeout=30_000)
    assert page.get_by_text("0 rows").count() == 0


def test_a_wrong_type_upload_is_refused_with_a_message(page, server, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 not an article")
    _open(page, f"{server}/Add_articles")
    before = page.get_by_text("articles ·").inner_text()
    page.locator("input[type='file']").set_input_files(str(pdf))
    page.get_by_role("button", name="Add to the store").click()
    page.wait_for_selector("text=not an accepted file type", timeout=30_000)
    _settle(page)
    assert page.get_by_text("report.pdf: refused").count() == 1
    assert page.get_by_text("articles ·").inner_text() == before  # nothing stored was touched
    _shot(page, "add-articles-refused")

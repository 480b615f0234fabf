"""The dashboard in real headless Chromium (Debian's, driven by Playwright) over a store
built from the seed article and a story carrying a <script> tag. Screenshots of each
page go to test-artifacts/ (git-ignored)."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
playwright_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "corpus" / "seed" / "000_ad8205b13b026261.txt"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
# Flags for a headless browser in a container: no sandbox (root), no GPU, no calls home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
SCRIPTED = ("<script>alert(1)</script> Turkey's army shelled Kurdish positions in Syria on "
            "Monday, and Syria accused Turkey of aggression.")

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
    pytest.mark.skipif(not SEED.exists(), reason="the seed article (../shared) is absent"),
]


def run_server(db):
    """A uvicorn server on loopback over the store at ``db``, in a thread: (url, stop)."""
    from tidings.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(db, read_only=True), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)

    def stop() -> None:
        srv.should_exit = True
        thread.join(timeout=10)
    return f"http://127.0.0.1:{port}", stop


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from tidings.article import Article
    from tidings.store import Store

    db = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store.open(db) as store:
        report = store.ingest([
            Article(text=SEED.read_text(encoding="utf-8"), published="2020-01-10", id="seed",
                    title="Washington spurns Iraqi request", source="Seed Wire"),
            Article(text=SCRIPTED, published="2020-01-07", id="scripted",
                    title="<script>alert(2)</script>")])
        assert report.coded == 2
    url, stop = run_server(db)
    yield url
    stop()


@pytest.fixture(scope="module")
def desk(analyst_store):
    """The dashboard over the analyst's store (the seed and 84 PolNeAR dev articles)."""
    url, stop = run_server(analyst_store[0])
    yield url
    stop()


@pytest.fixture(scope="module")
def crowd(tmp_path_factory):
    """The dashboard over a store of 700 written one-event stories among 740 actors (40
    of them in many), ingested through the ``extractor=`` hook: the drawing of 600 actors, and a
    timeline whose data reach 1951 and 2050, are under test here, whatever the coder finds in
    real news."""
    import pycountry

    from documents import Story, extractor
    from tidings.article import Article
    from tidings.store import Store

    import random

    countries = list(pycountry.countries)
    codes = [c.alpha_3 + sector for sector in ("GOV", "MIL", "OPP", "REB", "COP", "BUS", "MED")
             for c in countries][:740]
    # words of country names in random order: texts unlike each other, so that the store's
    # near-duplicate detection links none of them
    vocabulary = sorted({w for c in countries for w in c.name.split() if w.isalpha()})
    stories = []
    for i in range(700):
        words = " ".join(random.Random(i).sample(vocabulary, 16))
        year = {0: "1951", 1: "2050"}.get(i, "2024")  # two far dates among the rest
        story = Story(f"Delegation {i} of one side accused delegation {i} of the other in "
                      f"{year}, over {words}.")
        # 40 busy actors (hubs) accuse 700 others, one each
        hub, leaf = codes[i % 40], codes[40 + i]
        one = story.actor(f"Delegation {i} of one side", hub, hub[:3], hub[3:],
                          kind="organization")
        other = story.actor(f"delegation {i} of the other", leaf, leaf[:3], leaf[3:],
                            kind="organization")
        day = "2024-%02d-%02d" % (1 + i % 12, 1 + i % 28) if year == "2024" else year
        story.event("accused", one, other, "112", when=story.time(f"in {year}", day))
        stories.append(story)
    db = tmp_path_factory.mktemp("crowd") / "crowd.duckdb"
    with Store.open(db) as store:
        store.ingest([Article(s.text, id=f"crowd-{i}", published="2024-03-15")
                      for i, s in enumerate(stories)], extractor=extractor(stories))
    url, stop = run_server(db)
    yield url
    stop()


@pytest.fixture(scope="module")
def page(server, desk, crowd):
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        tab.dialogs = []
        tab.errors = []
        tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
        tab.on("pageerror", lambda e: tab.errors.append(str(e)))
        # Offline: any request that is not to our server fails the test below.
        tab.outside = []
        tab.route("**/*", lambda route: (route.continue_() if route.request.url.startswith(
            (server, desk, crowd)) else (tab.outside.append(route.request.url), route.abort())))
        yield tab
        browser.close()
    assert not tab.dialogs, f"a dialog opened: {tab.dialogs}"
    assert not tab.outside, f"requests beyond the server: {tab.outside}"


def visit(page, server, hash_: str, ready: str) -> None:
    page.goto(f"{server}/#{hash_}")
    page.wait_for_selector(f"body[data-ready='{ready}']", timeout=15000)


def test_timeline_shows_the_seed_event_days(page, server):
    visit(page, server, "timeline", "timeline")
    days = page.get_attribute("#timeline", "data-days").split()
    assert {"2020-01-03", "2020-01-08", "2020-01-09", "2020-01-10"} <= set(days)
    assert page.locator("#timeline .bars path").count() >= 4  # bars drawn by plotly
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
    bar = page.locator("#timeline .bars path").first.bounding_box()
    page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
    page.wait_for_selector("#timeline-events table", timeout=10000)
    assert page.locator("#timeline-events tbody tr").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "timeline-click.png"), full_page=True)
    assert not page.errors


def test_article_view_highlights_trumps_quotes(page, server):
    visit(page, server, "article/seed", "article")
    quotes = page.locator("#article-text .hl-quote[data-speaker*='Trump']")
    assert quotes.count() >= 2  # both halves of his embassy remark
    title = quotes.first.get_attribute("title")
    assert "quote by Donald Trump" in title and "USA" in title
    assert "probably it was going to be the embassy" in page.inner_text("#article-text")
    actor = page.locator("#article-text .hl-actor").first.get_attribute("title")
    assert actor.startswith("actor ")
    event = page.locator("#article-text .hl-event").first.get_attribute("title")
    assert event.startswith("event ") and "Goldstein" in event
    assert page.locator("#article-text .hl-time").count() > 0
    assert page.locator("#article-text .hl-place").count() > 0
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)


def test_quoted_page_counts_who_is_quoted_by_gender(page, server):
    """The seed quotes Donald Trump ("he said") and Morgan Ortagus ("she said")."""
    import json
    import urllib.request

    visit(page, server, "quoted", "quoted")
    chart = page.locator("#quoted-gender")
    with urllib.request.urlopen(f"{server}/quoted?by=gender") as response:
        rows = {r["gender"]: r["quotes"] for r in json.load(response)["quoted"]}
    assert int(chart.get_attribute("data-female")) == rows.get("female", 0) >= 1
    assert int(chart.get_attribute("data-male")) == rows.get("male", 0) >= 1
    assert page.locator("#quoted-gender .bars path").count() >= 2  # drawn by plotly
    assert page.locator("#quoted-women td", has_text="Morgan Ortagus").count() == 1
    assert page.locator("#quoted-men td", has_text="Donald Trump").count() == 1
    assert page.locator("#quoted-women td", has_text="Donald Trump").count() == 0
    assert page.locator("#quoted-countries td", has_text="USA").count() >= 1
    page.fill("#quoted-filters input[name=search]", "embassy")  # Trump's embassy remark
    page.click("#quoted-filters button")
    page.wait_for_selector("#quoted-gender[data-female='0']", timeout=10000)
    assert int(chart.get_attribute("data-male")) >= 1
    page.screenshot(path=str(ARTIFACTS / "quoted.png"), full_page=True)
    assert not page.errors


def test_script_in_a_story_is_text_and_never_runs(page, server):
    visit(page, server, "article/scripted", "article")
    assert page.inner_text("#article-text").startswith("<script>alert(1)</script>")
    assert page.inner_text("#article-title") == "<script>alert(2)</script>"
    assert page.locator("#article-text script, #article-title script").count() == 0
    visit(page, server, "articles", "articles")
    assert "<script>alert(2)</script>" in page.inner_text("#article-list")
    visit(page, server, "search/alert", "search")
    assert page.locator("#search-results td", has_text="<script>alert(1)</script>").count()
    page.wait_for_timeout(300)
    assert not page.dialogs
    page.screenshot(path=str(ARTIFACTS / "search-script.png"), full_page=True)


def test_network_node_click_lists_its_events(page, server):
    visit(page, server, "network", "network")
    nodes = page.get_attribute("#network", "data-nodes").split("|")
    assert any(n.startswith("USA") for n in nodes) and any(n.startswith("IRN") for n in nodes)
    page.screenshot(path=str(ARTIFACTS / "network.png"), full_page=True)
    # the actors are the last trace (after the dyads' lines and arrow heads); the first
    # point is the actor with most events
    point = page.locator("#network .scatterlayer .trace").last.locator(".point").first \
        .bounding_box()
    x, y = point["x"] + point["width"] / 2, point["y"] + point["height"] / 2
    page.mouse.move(x, y)  # plotly picks the clicked point from its hover
    page.wait_for_timeout(200)
    page.mouse.click(x, y)
    page.wait_for_selector("#network-events table", timeout=10000)
    actor = page.get_attribute("#network-events", "data-actor")
    assert actor == nodes[0]
    assert page.locator("#network-events table").first.locator("tbody tr").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "network-click.png"), full_page=True)


def test_dyads_map_and_search_pages_draw(page, server):
    visit(page, server, "dyads", "dyads")
    assert page.locator("#dyad-chart .scatterlayer .trace").count() == 2
    page.screenshot(path=str(ARTIFACTS / "dyads.png"), full_page=True)
    visit(page, server, "map", "map")
    places = page.get_attribute("#map", "data-places").split("|")
    # the seed's events where they happened: the killing in Baghdad, the missiles in Iraq;
    # none at the nationality of a side (issue 13)
    assert {"Baghdad", "Iraq"} <= set(places) and "United States" not in places
    assert page.locator("#map .scatterlayer .point").count() == len(places)
    page.screenshot(path=str(ARTIFACTS / "map.png"), full_page=True)
    page.fill("#search-box", "embassy")
    page.press("#search-box", "Enter")
    page.wait_for_selector("body[data-ready='search']")
    assert page.locator("#search-results tbody tr").count() >= 2
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    assert not page.errors


# -- the analyst's desk: the seed and the 84 PolNeAR dev articles ----------------------------
def overlapping(boxes: list[dict]) -> list[tuple[int, int]]:
    return [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes[:i])
            if a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]]


def test_network_shows_the_top_actors_and_no_pronouns(page, desk):
    visit(page, desk, "network", "network")
    default = page.get_attribute("#network", "data-nodes").split("|")
    page.fill("#network-filters input[name=top]", "600")
    page.click("#network-filters button")
    page.wait_for_selector("body[data-ready='network']", timeout=30000)
    every = page.get_attribute("#network", "data-nodes").split("|")
    assert len(default) == min(100, len(every)) and len(every) > 50  # the top 100 by events
    assert "he" not in {n.lower() for n in every}  # no pronoun actors
    page.fill("#network-filters input[name=top]", "100")
    page.fill("#network-filters input[name=country]", "Iran")
    page.select_option("#network-filters select[name=quad]", "4")
    page.click("#network-filters button")
    page.wait_for_selector("body[data-ready='network']", timeout=30000)
    iran = page.get_attribute("#network", "data-nodes").split("|")
    assert 2 <= len(iran) < 100 and any(n.startswith("IRN") for n in iran)
    page.screenshot(path=str(ARTIFACTS / "network-iran-quad4.png"), full_page=True)


def test_network_of_600_actors_is_drawn_readably_in_under_a_second(page, crowd):
    visit(page, crowd, "network", "network")
    assert len(page.get_attribute("#network", "data-nodes").split("|")) == 100
    page.fill("#network-filters input[name=top]", "600")
    page.click("#network-filters button")
    page.wait_for_selector("body[data-ready='network']", timeout=30000)
    assert len(page.get_attribute("#network", "data-nodes").split("|")) == 600
    drawn_ms = int(page.get_attribute("#network", "data-ms"))
    assert drawn_ms < 1000, drawn_ms  # fetched, laid out and drawn
    labels = page.locator("#network .textpoint text")
    boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
    boxes = [b for b in boxes if b and b["width"] > 0]
    assert 10 <= len(boxes) <= 30 and not overlapping(boxes)
    xs = [b["x"] for b in boxes]
    assert max(xs) - min(xs) > 400  # spread over the chart, not piled in its middle
    page.screenshot(path=str(ARTIFACTS / "network-600.png"), full_page=True)


def test_timeline_opens_on_the_period_of_the_data_with_axes_in_words(page, crowd):
    visit(page, crowd, "timeline", "timeline")
    days = page.get_attribute("#timeline", "data-days").split()
    assert days[0] < "1960" and days[-1] > "2040"  # far dates exist in the data ...
    first, last = page.get_attribute("#timeline", "data-range").split()
    assert "2023-10" <= first <= "2024-01-31" and "2024-12" <= last <= "2025-03"  # ... not shown
    note = page.inner_text("#timeline-note")
    assert note.startswith("2 events dated outside the range shown"), note  # 1951 and 2050
    assert page.text_content("#timeline .xtitle") == "Date of the events"
    assert page.text_content("#timeline .ytitle") == "Events per day"
    ticks = page.locator("#timeline .xtick text").all_text_contents()
    assert ticks and all("1951" not in t and "2050" not in t for t in ticks)
    page.screenshot(path=str(ARTIFACTS / "timeline-range.png"), full_page=True)


def test_dyad_chart_shows_gaps_and_labels_its_measure(page, desk):
    visit(page, desk, "dyads", "dyads")
    page.fill("#dyad-form input[name=a]", "USA")
    page.fill("#dyad-form input[name=b]", "China")  # months apart: 2014, 2016, 2019, 2025
    page.select_option("#dyad-form select[name=by]", "month")
    page.click("#dyad-form button")
    page.wait_for_timeout(1500)
    assert int(page.get_attribute("#dyad-chart", "data-gaps")) > 0  # months without events
    assert page.text_content("#dyad-chart .ytitle").startswith("Goldstein sum (below 0: conflict")
    assert page.text_content("#dyad-chart .xtitle") == "Period (month)"
    titles = page.locator(".xtitle, .ytitle").all_text_contents()
    assert not any("_" in t for t in titles)  # words, not column names
    page.screenshot(path=str(ARTIFACTS / "dyads-gaps.png"), full_page=True)


def test_article_link_scrolls_to_and_highlights_the_sentence(page, desk):
    visit(page, desk, "search/embassy", "search")
    link = page.locator("#search-results table").first.locator("tbody tr a").first
    href = link.get_attribute("href")
    assert href.startswith("#article/") and href.rsplit("/", 1)[1].count("-") == 1
    link.click()
    page.wait_for_selector("body[data-ready='article']")
    target = page.locator("#article-text .hl-target")
    assert target.count() >= 1
    sentence = "".join(target.all_inner_texts())
    start, end = map(int, href.rsplit("/", 1)[1].split("-"))
    assert len(sentence) == end - start and "embassy" in sentence.lower()
    box = target.first.bounding_box()
    viewport = page.viewport_size
    assert 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"]  # scrolled to
    page.screenshot(path=str(ARTIFACTS / "article-sentence.png"))


def test_api_reference_works_offline(page, desk):
    page.goto(f"{desk}/docs")
    page.wait_for_selector("body[data-ready='docs']", timeout=15000)
    listed = page.inner_text("#docs-index")
    for endpoint in ("GET /events", "GET /dyads", "GET /counts", "GET /network",
                     "GET /timeline", "POST /articles", "GET /articles/{article_id}"):
        assert endpoint in listed, endpoint
    assert "source_actor" in page.inner_text("#docs-paths")
    page.screenshot(path=str(ARTIFACTS / "docs.png"), full_page=True)


def test_map_draws_country_outlines_offline_and_zooms_to_a_region(page, server):
    """The outlines come from the packaged Natural Earth file (the page's route lets no
    request leave the server): hundreds of coastlines and borders, drawn as one line trace
    under the events; a region button zooms the axes. Screenshots: test-artifacts/map.png,
    test-artifacts/map-middle-east.png."""
    visit(page, server, "map", "map")
    count = int(page.get_attribute("#map", "data-outlines"))
    assert count > 500
    outline = page.locator("#map .scatterlayer .trace").first.locator("path.js-line")
    assert outline.count() == count  # every coastline and border drawn, one path each
    page.locator("#map .updatemenu-button", has_text="Middle East").click()
    for _ in range(100):  # the relayout is asynchronous (the page's CSP forbids eval polling)
        lon = page.evaluate("() => document.getElementById('map').layout.xaxis.range")
        if lon[1] - lon[0] < 180:
            break
        time.sleep(0.05)
    # the region, widened by the map's fixed aspect ratio: far narrower than the world
    assert lon[0] <= 24 and lon[1] >= 64 and lon[1] - lon[0] < 100
    page.screenshot(path=str(ARTIFACTS / "map-middle-east.png"), full_page=True)
    assert not page.errors

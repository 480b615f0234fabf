"""The HTTP API over a real store file: every endpoint, every error status."""
from __future__ import annotations

import csv
import io
import socket
import subprocess
import sys
import time
import warnings

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
with warnings.catch_warnings():  # starlette's note that httpx has a successor
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from documents import Story, extractor  # noqa: E402

from tidings.api import create_app  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
# The server answers to loopback names only (a DNS-rebinding page's requests carry its own).
LOCAL = "http://127.0.0.1"

TALKS = ("Iran's foreign minister met Iraq's prime minister in Baghdad on Tuesday. "
         "The United States condemned Iran on Wednesday over the missile attack. "
         '"We will not accept threats against our people," President Joe Biden said on '
         "Thursday.")
SCRIPTED = ("<script>alert(1)</script> Turkey's army shelled Kurdish positions in Syria on "
            "Monday, and Syria accused Turkey of aggression.")


def talks() -> Story:
    story = Story(TALKS)
    minister = story.actor("Iran's foreign minister", "IRNGOV", "IRN", "GOV", kind="person")
    premier = story.actor("Iraq's prime minister", "IRQGOV", "IRQ", "GOV", kind="person")
    usa, iran = story.actor("United States", "USA", "USA"), story.actor("Iran", "IRN", "IRN", nth=1)
    biden = story.actor("President Joe Biden", "USAGOV", "USA", "GOV", kind="person",
                        name="Joe Biden")
    baghdad = story.place("Baghdad", "Baghdad", "IRQ", 33.34058, 44.40088, 98182)
    story.event("met", minister, premier, "040", story.time("Tuesday", "2024-03-12"), baghdad)
    story.event("condemned", usa, iran, "111", story.time("Wednesday", "2024-03-13"))
    story.time("Thursday", "2024-03-14")
    story.quote("We will not accept threats against our people", biden, "said", gender="male")
    return story


def scripted() -> Story:
    story = Story(SCRIPTED)
    army = story.actor("Turkey's army", "TURMIL", "TUR", "MIL", kind="organization")
    syria, turkey = story.actor("Syria", "SYR", "SYR", nth=1), story.actor("Turkey", "TUR",
                                                                           "TUR", nth=1)
    place = story.place("Syria", "Syria", "SYR", 35.0, 38.0)
    monday = story.time("Monday", "2024-03-11")
    story.event("shelled", army, "Kurdish positions", "194", monday, place, 0.65)
    story.event("accused", syria, turkey, "112", monday, place, 0.9)
    return story


# What POST /extract and POST /articles extract with: hand-written documents, so these
# tests check the HTTP layer and the store, whatever the model finds.
EXTRACT = extractor([talks(), scripted()])


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "api.duckdb"
    with TestClient(create_app(db, extractor=EXTRACT), base_url=LOCAL) as c:
        r = c.post("/articles", json={"articles": [
            {"text": TALKS, "published": "2024-03-15", "id": "talks", "source": "Wire"},
            {"text": SCRIPTED, "published": "2024-03-12", "id": "shelling"}]})
        assert r.status_code == 201, r.text
        c.ingest = r.json()
        yield c


def error(r, status: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    return body["error"]["code"]


def test_ingest_reports_stored_articles(client):
    assert client.ingest["report"]["coded"] == 2
    assert [a["id"] for a in client.ingest["articles"]] == ["talks", "shelling"]
    assert all(a["status"] == "coded" for a in client.ingest["articles"])
    again = client.post("/articles", json={"articles": [{"text": TALKS, "id": "talks"}]})
    assert again.status_code == 201
    assert again.json()["report"]["already_stored"] == 1


def test_events_json_csv_filters_and_pages(client):
    body = client.get("/events").json()
    assert body["total"] == len(body["events"]) > 0
    assert body["limit"] == 100 and body["offset"] == 0
    dates = {e["date"] for e in body["events"]}
    assert "2024-03-13" in dates  # "on Wednesday" in a Friday story
    cut = client.get("/events", params={"limit": 1, "offset": 1}).json()
    assert cut["total"] == body["total"] and cut["events"] == body["events"][1:2]
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv").text)))
    assert [int(r["id"]) for r in rows] == [e["id"] for e in body["events"]]
    assert client.get("/events.csv").headers["content-type"].startswith("text/csv")
    conflict = client.get("/events", params={"quad": ["3", "4"]}).json()["events"]
    assert conflict and all(e["quad_class"] in (3, 4) for e in conflict)
    assert all(e["date"] >= "2024-03-13" for e in
               client.get("/events", params={"since": "2024-03-13"}).json()["events"])
    usa = client.get("/events", params={"source_actor": "USA"}).json()["events"]
    assert usa and all(e["source_code"].startswith("USA") for e in usa)
    raw = client.get("/events", params={"raw": "true"}).json()["events"]
    assert {r["article_id"] for r in raw} == {"talks", "shelling"}


def test_quotes_actors_dyads_and_csv_twins(client):
    quotes = client.get("/quotes", params={"speaker": "Biden"}).json()["quotes"]
    assert quotes and quotes[0]["speaker_name"] == "Joe Biden"
    assert "threats" in quotes[0]["text"]
    actors = client.get("/actors").json()["actors"]
    assert {"IRN", "USA"} <= {a["country"] for a in actors}
    dyads = client.get("/dyads", params={"by": "day"}).json()["dyads"]
    assert any(d["source"].startswith("USA") and d["target"].startswith("IRN") for d in dyads)
    for name in ("quotes", "actors", "dyads", "quoted"):
        r = client.get(f"/{name}.csv")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        assert len(r.text.strip().splitlines()) == client.get(f"/{name}").json()["total"] + 1


def test_who_is_quoted(client):
    genders = client.get("/quoted", params={"by": "gender"}).json()
    assert genders["quoted"] == [{"gender": "male", "quotes": 1, "share": 100.0, "speakers": 1,
                                  "articles": 1}] and genders["total"] == 1
    speakers = client.get("/quoted", params={"by": "speaker", "gender": "male"}).json()["quoted"]
    assert [(r["speaker"], r["code"], r["country"]) for r in speakers] == [
        ("Joe Biden", "USAGOV", "USA")]
    assert client.get("/quoted", params={"by": "country", "gender": "female"}).json()["quoted"] == []
    assert client.get("/quotes", params={"gender": "male"}).json()["quotes"][0]["speaker_gender"] \
        == "male"
    assert error(client.get("/quoted", params={"by": "age"}), 400) == "T002"
    assert error(client.get("/quoted", params={"gender": "woman"}), 400) == "T002"


def test_article_spans_point_into_its_text(client):
    doc = client.get("/articles/talks").json()
    text = doc["article"]["text"]
    assert text == TALKS and doc["article"]["source"] == "Wire"
    quote = doc["quotes"][0]
    assert text[quote["start"]:quote["end"]] == quote["text"]
    for actor in doc["actors"]:
        for start, end in actor["mentions"]:
            assert text[start:end]
    assert all(t["text"] == text[t["start"]:t["end"]] for t in doc["times"])
    assert {p["name"] for p in doc["places"]} >= {"Baghdad"}
    listed = client.get("/articles").json()
    assert listed["total"] == 2 and {a["id"] for a in listed["articles"]} == {"talks", "shelling"}


def test_search_timeline_and_extract(client):
    found = client.get("/search", params={"q": "threats"}).json()
    assert found["quotes"]["total"] == 1 and found["articles"]["total"] == 1
    timeline = client.get("/timeline").json()["timeline"]
    assert sum(r["events"] for r in timeline) > 0
    assert {r["quad_class"] for r in timeline} <= {1, 2, 3, 4}
    doc = client.post("/extract", json={"text": TALKS, "published": "2024-03-15",
                                        "with_text": True}).json()
    assert set(doc) >= {"article", "actors", "events", "quotes", "times", "places"}
    assert doc["article"]["published"] == "2024-03-15" and doc["article"]["text"] == TALKS
    assert client.get("/events").json()["total"] == client.get("/events").json()["total"]


def test_extract_runs_tidings_extraction_by_default(tmp_path):
    with TestClient(create_app(tmp_path / "plain.duckdb"), base_url=LOCAL) as plain:
        r = plain.post("/extract", json={"text": "Kenya hosted talks with envoys from Sudan "
                                                 "on Monday.", "published": "2023-06-09"})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert set(doc) >= {"article", "actors", "events", "quotes", "times", "places"}
    assert doc["article"]["published"] == "2023-06-09" and "text" not in doc["article"]


def test_dashboard_and_its_files_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "script-src 'self'" in page.headers[
        "content-security-policy"]
    assert "/static/plotly.min.js" in page.text and "cdn" not in page.text.lower()
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/plotly.min.js").text.startswith("/**")
    assert error(client.get("/static/missing.js"), 404) == "not_found"


@pytest.mark.parametrize("path, params", [
    ("/events", {"quad": "9"}), ("/events", {"since": "last week"}),
    ("/events", {"cameo": "abc"}), ("/events", {"plover": "HUG"}),
    ("/events", {"goldstein_min": "-20"}), ("/dyads", {"by": "decade"}),
    ("/quotes", {"since": "2024-13-01"}), ("/actors", {"published_since": "x"}),
    ("/timeline", {"by": "fortnight"})])
def test_bad_filter_values_are_400(client, path, params):
    r = client.get(path, params=params)
    assert error(r, 400) == "T002"
    assert "--" not in r.json()["error"]["message"]


@pytest.mark.parametrize("method, path, kwargs", [
    ("get", "/events", {"params": {"limit": "0"}}),
    ("get", "/events", {"params": {"limit": "lots"}}),
    ("get", "/quotes", {"params": {"offset": "-1"}}),
    ("get", "/search", {}),
    ("post", "/extract", {"json": {"text": ""}}),
    ("post", "/extract", {"content": b"{not json",
                          "headers": {"content-type": "application/json"}}),
    ("post", "/articles", {"json": {"articles": []}}),
    ("post", "/articles", {"json": {"articles": [{"id": "no-text"}]}})])
def test_malformed_requests_are_422(client, method, path, kwargs):
    assert error(getattr(client, method)(path, **kwargs), 422) == "invalid_request"


def test_bad_dates_in_bodies_are_400(client):
    assert error(client.post("/extract", json={"text": "Iran met Iraq.", "published": "soon"}),
                 400) == "T002"
    assert error(client.post("/articles", json={"articles": [
        {"text": "Iran met Iraq.", "published": "13/13/2024"}]}), 400) == "T002"


def test_unknown_things_are_404_and_wrong_methods_405(client):
    assert error(client.get("/articles/no-such-article"), 404) == "not_found"
    assert error(client.get("/nowhere"), 404) == "not_found"
    assert error(client.delete("/events"), 405) == "method_not_allowed"


def test_large_bodies_are_413(tmp_path):
    with TestClient(create_app(tmp_path / "small.duckdb", max_body=1000),
                    base_url=LOCAL) as small:
        big = {"text": "Iran met Iraq. " * 200}
        assert error(small.post("/extract", json=big), 413) == "too_large"

        def chunks():  # no Content-Length: counted as it streams
            for _ in range(20):
                yield b"x" * 100

        assert error(small.post("/articles", content=chunks(),
                                headers={"content-type": "application/json"}), 413) == "too_large"


def test_openapi_document(client):
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    paths = doc["paths"]
    for path in ("/events", "/events.csv", "/quotes", "/quotes.csv", "/actors", "/actors.csv",
                 "/dyads", "/dyads.csv", "/counts", "/counts.csv", "/articles/{article_id}",
                 "/search", "/timeline"):
        assert "get" in paths[path], path
    assert {"post", "get"} <= set(paths["/articles"]) and "post" in paths["/extract"]
    names = {p["name"] for p in paths["/events"]["get"]["parameters"]}
    assert {"source_actor", "cameo", "quad", "since", "limit", "offset", "raw"} <= names
    # each list takes the filters the schema offers on its table, as the CLI does
    from tidings.store.filters import ACTORS, ARTICLES, EVENTS, QUOTES, filters_for

    for path, table, extra in (("/events", EVENTS, {"raw"}),
                               ("/dyads", EVENTS, {"by", "raw", "level", "sort", "top"}),
                               ("/counts", EVENTS, {"by", "raw"}),
                               ("/quotes", QUOTES, set()), ("/quoted", QUOTES, {"by"}),
                               ("/actors", ACTORS, set()),
                               ("/articles", ARTICLES, set())):
        names = {p["name"] for p in paths[path]["get"]["parameters"]}
        assert names == {f.name for f in filters_for(table)} | extra | {"limit", "offset"}
    cameo = next(p for p in paths["/events"]["get"]["parameters"] if p["name"] == "cameo")
    assert cameo["schema"]["type"] == "array" and "prefix" in cameo["description"]
    for path in paths.values():  # every reference resolves
        for op in path.values():
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            ref = body.get("schema", {}).get("$ref")
            if ref:
                assert ref.rsplit("/", 1)[-1] in doc["components"]["schemas"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_binds_loopback_by_default(tmp_path):
    from tidings.api.server import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tidings", "serve", "--db",
                             str(tmp_path / "served.duckdb"), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        import httpx

        for _ in range(100):
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/events", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert r.status_code == 200 and r.json()["total"] == 0
        listening = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout \
            if subprocess.run(["which", "ss"], capture_output=True).returncode == 0 else ""
        if listening:
            assert f"127.0.0.1:{port}" in listening and f"0.0.0.0:{port}" not in listening
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    from tidings.cli import main

    assert main(["serve", "--port", "0", "--db", str(tmp_path / "x.duckdb")]) == 2

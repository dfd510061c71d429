"""Every page run headless with Streamlit's AppTest on a small store written to a temporary directory.

Beyond "renders without exception": a sidebar filter changes both the table and the figure data, query
parameters restore a view, and the add-articles flow adds rows without losing stored ones.
"""

from __future__ import annotations

import base64
import datetime as dt
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from dashboard_fixtures import EVENT_2016, HOSTILE_ACTOR, store_dir  # noqa: F401  (fixture)
from pipeline.store import load_store

APP = "../app.py"  # every page runs through the entry point, as in the served app (page links resolve)
PAGES = {
    "app": None,
    "map": "pages/1_Map.py",
    "timeline": "pages/2_Timeline.py",
    "quotes": "pages/3_Quotes.py",
    "compare": "pages/4_Compare.py",
    "add": "pages/5_Add_articles.py",
}
TIMEOUT = 120


def run(page: str, *, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if PAGES[page]:
        at.switch_page(PAGES[page])
    if params:
        at.query_params.update(params)
    return at.run()


def figure(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def values(array: list | dict) -> list:
    """A figure's number array as a list (plotly sends numbers as {"dtype", "bdata"} typed arrays)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def coloured(fig: dict) -> dict[str, list[str]]:
    """Choropleth trace name -> its locations."""
    return {trace["name"]: list(trace.get("locations", [])) for trace in fig["data"] if trace["type"] == "choropleth"}


@pytest.mark.parametrize(
    "page, title, n_charts, n_tables",
    [
        ("app", "Reaction Atlas", 1, 1),
        ("map", "World map of reactions", 1, 0),
        ("timeline", "How fast did each country react?", 2, 0),
        ("quotes", "Quotes and reactions", 0, 1),
        ("compare", "Compare events and blocs", 4, 1),
        ("add", "Add articles", 0, 0),
    ],
)
def test_page_renders(store_dir, page, title, n_charts, n_tables):
    at = run(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == title
    assert len(at.get("plotly_chart")) == n_charts
    assert len(at.dataframe) == n_tables
    assert at.query_params["event"] == "us-2020-election"


def test_app_builds_a_missing_store_from_the_samples(tmp_path, monkeypatch):
    directory = tmp_path / "new-store"
    monkeypatch.setenv("REACTION_ATLAS_STORE", str(directory))
    at = run("app")
    assert not at.exception, [e.value for e in at.exception]
    assert (directory / "manifest.json").exists()
    assert len(load_store(directory).consolidated) > 0
    assert sum(len(locs) for locs in coloured(figure(at)).values()) >= 150


def test_overview_headlines_map_and_recent(store_dir):
    at = run("app")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Congratulated"] == "6" and metrics["Silent (reported)"] == "1"
    assert metrics["Median days to react"] == "1"
    locations = coloured(figure(at))
    assert sorted(locations["Congratulated"]) == ["CAN", "CHN", "DEU", "FRA", "GBR", "TUR"]
    assert locations["Declined to comment"] == ["RUS"]
    assert "USA" not in sum(locations.values(), [])[:-1]  # host drawn only as the party-to-the-event trace
    recent = at.dataframe[0].value
    assert recent.iloc[0]["actor"] == "Wang Wenbin" and recent.iloc[0]["stance"] == "Congratulated"
    assert "Alexei Navalny" not in set(recent["actor"])  # unofficial voices are off by default


def test_stance_filter_changes_map_and_table(store_dir):
    at = run("app")
    before = at.dataframe[0].value
    at.multiselect(key="filters.w.stances").set_value(["critical"]).run()
    assert not at.exception
    locations = coloured(figure(at))
    assert locations["Critical"] == ["IRN"]
    assert all(not locs for name, locs in locations.items() if name not in ("Critical", "Party to the event"))
    after = at.dataframe[0].value
    assert len(after) < len(before) and set(after["stance"]) == {"Critical"}
    assert at.query_params["stance"] == "critical"


def test_unofficial_voices_switch_changes_the_map(store_dir):
    at = run("app", params={"day": "2020-11-08"})
    assert "RUS" in coloured(figure(at))["Silent (reported)"]  # officially: Putin's silence since the event
    at.toggle(key="filters.w.unofficial").set_value(True).run()
    assert "RUS" in coloured(figure(at))["Congratulated"]  # Navalny, 8 Nov
    assert at.query_params["official"] == "0"


def test_query_params_restore_a_view(store_dir):
    at = run("app", params={"event": EVENT_2016, "group": "bloc:G7", "day": "2016-11-09"})
    assert not at.exception
    assert at.selectbox(key="filters.w.event").value == EVENT_2016
    assert at.selectbox(key="filters.w.group").value == "bloc:G7"
    assert str(at.slider[0].value) == "2016-11-09"
    locations = coloured(figure(at))
    assert sorted(locations["Congratulated"]) == ["DEU", "GBR"]  # Putin congratulated too, but Russia is not G7
    assert {loc for locs in locations.values() for loc in locs} <= {"CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"}


def test_map_country_from_link_shows_its_evidence(store_dir):
    at = run("map", params={"country": "RUS", "day": "2020-11-10"})
    assert not at.exception
    assert at.selectbox(key="map.country").value == "RUS"
    assert any("Declined to comment since 2020-11-09" in t.value for t in at.text)
    evidence = at.dataframe[0].value
    assert set(evidence["actor"]) == {"Vladimir Putin", "Kremlin", "Alexei Navalny"}  # unofficial shown here


def test_map_date_slider_changes_the_figure(store_dir):
    at = run("map")
    assert "DEU" in coloured(figure(at))["Congratulated"]
    at.slider[0].set_value(dt.date(2020, 11, 7)).run()
    assert "DEU" in coloured(figure(at))["No reaction found"]
    assert at.query_params["day"] == "2020-11-07"


@pytest.mark.parametrize("page", ["app", "map"])
def test_day_map_says_when_no_country_matches(store_dir, page):
    empty = "No country matches the filters on this day."
    at = run(page, params={"stance": "critical", "day": "2020-11-07"})  # Iran turns critical on 9 November
    assert not at.exception
    assert str(at.slider[0].value) == "2020-11-07"
    assert empty in [info.value for info in at.info]
    assert all(not locs for name, locs in coloured(figure(at)).items() if name != "Party to the event")
    at.slider[0].set_value(dt.date(2020, 11, 9)).run()
    assert coloured(figure(at))["Critical"] == ["IRN"]
    assert empty not in [info.value for info in at.info]
    assert at.query_params["day"] == "2020-11-09"


def test_map_play_mode_has_day_frames(store_dir):
    at = run("map")
    assert "frames" not in figure(at)
    at.button_group(key="map.mode").set_value("Play day by day").run()
    fig = figure(at)
    assert fig["frames"][0]["name"] == "2020-11-07" and len(fig["frames"]) >= 7
    assert not at.dataframe  # no country detail in play mode


def test_quotes_search_filter_and_safe_text(store_dir):
    at = run("quotes")
    table = at.dataframe[0].value
    assert HOSTILE_ACTOR in set(table["actor"])  # shown, as text
    assert table.loc[table["actor"] == HOSTILE_ACTOR, "url"].tolist() == [""]  # javascript: link dropped
    assert all(not m.value or "<script>" not in m.value for m in at.markdown)
    at.text_input(key="quotes.q").set_value("wang").run()
    found = at.dataframe[0].value
    assert set(found["actor"]) == {"Wang Wenbin"} and len(found) == 2
    assert at.query_params["q"] == "wang"
    at.selectbox(key="filters.w.group").set_value("region:Europe").run()
    assert not at.dataframe and any("No reaction matches" in i.value for i in at.info)
    assert any(t.value == "0 rows" for t in at.text)


def test_quotes_query_param_restores_search(store_dir):
    at = run("quotes", params={"q": "merkel"})
    assert at.text_input(key="quotes.q").value == "merkel"
    assert set(at.dataframe[0].value["actor"]) == {"Angela Merkel"}


def test_timeline_sort_and_blocs(store_dir):
    at = run("timeline")
    bars = figure(at, 0)
    assert bars["layout"]["yaxis"]["categoryarray"][-1] in ("Canada", "United Kingdom")  # fastest on top
    at.radio(key="timeline.sort").set_value("country_name").run()
    assert figure(at, 0)["layout"]["yaxis"]["categoryarray"][-1] == "Brazil"
    curves = figure(at, 1)
    assert [trace["name"] for trace in curves["data"]] == ["All countries shown", "Group of Seven", "BRICS"]
    at.selectbox(key="timeline.bloc_b").set_value("EU").run()
    assert [trace["name"] for trace in figure(at, 1)["data"]][-1] == "European Union"


def test_compare_blocs_and_events(store_dir):
    at = run("compare")
    events_curves = figure(at, 0)
    assert {trace["name"] for trace in events_curves["data"]} >= {"2016 United States presidential election",
                                                                  "2020 United States presidential election"}
    shares = figure(at, 2)
    by_bloc = dict(zip(shares["data"][0]["y"], shares["data"][0]["text"]))
    assert by_bloc["Group of Seven"] == "4 of 6"  # CAN, DEU, FRA, GBR by day 7; ITA and JPN not; USA is the host
    silent = at.dataframe[0].value
    assert {"Italy", "Japan"} <= set(silent.loc[silent["bloc"] == "Group of Seven", "country_name"])
    at.slider(key="compare.day_n").set_value(0).run()
    by_bloc = dict(zip(figure(at, 2)["data"][0]["y"], figure(at, 2)["data"][0]["text"]))
    assert by_bloc["Group of Seven"] == "2 of 6"


ARTICLE = (
    "---\ntitle: New Zealand reacts\nsource: Test Herald\npublished: 2020-11-08\nevent: us-2020-election\n---\n"
    "Prime Minister Jacinda Ardern of New Zealand congratulated Joe Biden on Sunday on his election as the next "
    "president of the United States. \"I look forward to working with the new administration,\" Ardern said in a "
    "statement, adding that the two countries share deep ties.\n"
)


def test_add_articles_flow_adds_rows_and_keeps_old_ones(store_dir):
    before = load_store(store_dir)
    at = run("add")
    at.file_uploader(key="add.files").set_value(("new-zealand.md", ARTICLE.encode(), "text/markdown"))
    at.form_submit_button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("1 article(s) read" in s.value for s in at.success)
    after = load_store(store_dir)
    assert len(after.articles) == len(before.articles) + 1
    assert len(after.reactions) > len(before.reactions)
    assert set(before.reactions["article_id"]) <= set(after.reactions["article_id"])
    assert "NZL" in set(after.consolidated["country_iso3"])


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("report.pdf", b"%PDF-1.4", "not an accepted file type"),
        ("empty.txt", b"", "the file is empty"),
        ("huge.txt", b"word " * 450_000, "over the"),
    ],
)
def test_add_articles_refuses_bad_uploads_and_keeps_the_store(store_dir, name, content, message):
    before = load_store(store_dir)
    at = run("add")
    at.file_uploader(key="add.files").set_value((name, content, "application/octet-stream"))
    at.form_submit_button[0].click().run()
    assert any(message in e.value for e in at.error)
    after = load_store(store_dir)
    assert len(after.reactions) == len(before.reactions) and len(after.consolidated) == len(before.consolidated)


def test_filters_are_kept_when_moving_between_pages(store_dir):
    at = run("app")
    at.multiselect(key="filters.w.stances").set_value(["congratulated"]).run()
    at.selectbox(key="filters.w.group").set_value("bloc:G7").run()
    at.switch_page("pages/3_Quotes.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="filters.w.stances").value == ["congratulated"]
    assert at.selectbox(key="filters.w.group").value == "bloc:G7"
    table = at.dataframe[0].value
    assert set(table["stance"]) == {"Congratulated"}
    assert set(table["country_name"]) == {"Canada", "France", "Germany", "United Kingdom"}


def test_date_range_filter_limits_rows_and_goes_into_the_link(store_dir):
    at = run("quotes")
    at.toggle(key="filters.w.use_dates").set_value(True).run()
    at.date_input(key="filters.w.dates").set_value((dt.date(2020, 11, 10), dt.date(2020, 11, 13))).run()
    assert not at.exception, [e.value for e in at.exception]
    assert set(at.dataframe[0].value["actor"]) == {"Wang Wenbin", "Recep Tayyip Erdogan"}
    assert (at.query_params["from"], at.query_params["to"]) == ("2020-11-10", "2020-11-13")


@pytest.mark.parametrize("page", ["app", "map", "timeline", "quotes"])
def test_an_event_with_no_data_says_so(store_dir, page):
    at = run(page, params={"event": "myanmar-coup-2021"})
    assert not at.exception, [e.value for e in at.exception]
    assert any("holds no reaction to the 2021 military coup in Myanmar" in i.value for i in at.info)


def test_overview_recent_reactions_stop_at_the_day_shown(store_dir):
    at = run("app", params={"day": "2020-11-08"})
    recent = at.dataframe[0].value
    assert len(recent) and recent["date"].max() <= dt.datetime(2020, 11, 8)
    assert "Wang Wenbin" not in set(recent["actor"])  # his quotes are dated 9 and 13 November
    assert any("up to 2020-11-08" in s.value for s in at.subheader)


def test_compare_takes_bloc_membership_on_each_events_date(store_dir):
    at = run("compare", params={"group": "bloc:EU"})
    congratulated = next(trace for trace in figure(at, 1)["data"] if trace["name"] == "Congratulated")
    by_event = dict(zip(congratulated["y"], values(congratulated["x"])))
    assert by_event["2016 United States presidential election"] == 2  # DEU and GBR: the UK was in the EU in 2016
    assert by_event["2020 United States presidential election"] == 2  # DEU and FRA: the UK (which did too) had left


def test_compare_tables_use_stance_labels(store_dir):
    at = run("compare")
    silent = at.dataframe[0].value
    assert set(silent["stance"]) <= {"Silent (reported)", "Declined to comment", "No reaction found"}
    assert at.selectbox(key="compare.stance").format_func("no_comment") == "Declined to comment"

"""dashboard.figures: the figures carry the right data, colours and text (checked on the figure's JSON)."""

from __future__ import annotations

import datetime as dt
import json
import math

import pandas as pd
import pytest

from dashboard import figures, tables
from dashboard.palette import STANCE_COLOURS, STANCE_ORDER, STANCES
from dashboard_fixtures import HOSTILE_ACTOR, countries, status_rows  # noqa: F401
from pipeline.records import NO_REACTION_FOUND, empty_status


def _locations_by_name(fig):
    return {trace.name: list(trace.locations) for trace in fig.data if trace.type == "choropleth"}


@pytest.fixture
def status_day(countries):
    status = status_rows([("DEU", 3, "congratulated"), ("RUS", 3, "silent"), ("JPN", 3, "no_reaction_found"),
                          ("MEX", 3, "withheld")])
    return tables.with_country_names(status, countries)


def test_palette_has_a_distinct_colour_per_stance():
    assert set(STANCE_COLOURS) == set(STANCES) | {NO_REACTION_FOUND}
    assert len(set(STANCE_COLOURS.values())) == len(STANCE_COLOURS)
    assert STANCE_ORDER[-1] == NO_REACTION_FOUND and STANCE_ORDER[:-1] == STANCES


def test_status_map_one_trace_per_stance_with_fixed_colour(status_day):
    fig = figures.status_map(status_day, title="t", hosts=("USA",))
    assert [trace.name for trace in fig.data][: len(STANCE_ORDER)] == [figures.stance_label(s) for s in STANCE_ORDER]
    locations = _locations_by_name(fig)
    assert locations["Congratulated"] == ["DEU"]
    assert locations["Silent (reported)"] == ["RUS"]
    assert locations["No reaction found"] == ["JPN"]
    assert locations[figures.HOST_LABEL] == ["USA"]
    for stance, trace in zip(STANCE_ORDER, fig.data):
        assert trace.colorscale[0][1] == STANCE_COLOURS[stance] == trace.colorscale[-1][1]
    assert fig.layout.geo.resolution == 110


def test_status_map_hover_has_country_actor_stance_since(status_day):
    fig = figures.status_map(status_day, title="t")
    congratulated = fig.data[STANCE_ORDER.index("congratulated")]
    assert list(congratulated.customdata[0]) == ["Germany", "Leader of DEU", "Congratulated", "2020-11-07"]
    nothing = fig.data[STANCE_ORDER.index(NO_REACTION_FOUND)]
    assert list(nothing.customdata[0]) == ["Japan", "—", "No reaction found", "—"]


def test_status_map_escapes_markup_in_article_text(countries):
    status = tables.with_country_names(status_rows([("IRN", 2, "critical")]), countries)
    status.loc[0, "actor"] = HOSTILE_ACTOR
    fig = figures.status_map(status, title="<i>x</i>")
    dumped = json.dumps(fig.to_plotly_json())
    assert "<b>Evil</b>" not in dumped and "&lt;b&gt;Evil&lt;/b&gt;" in dumped
    assert fig.layout.title.text == "&lt;i&gt;x&lt;/i&gt;"


def test_status_map_empty_frame_draws_no_country():
    fig = figures.status_map(tables.with_country_names(empty_status(), pd.DataFrame({"iso3": [], "name": []})), title="t")
    assert all(len(trace.locations or []) == 0 for trace in fig.data)


def test_animated_map_has_a_frame_per_day(countries):
    series = tables.with_country_names(status_rows([("DEU", 0, "no_reaction_found"), ("DEU", 1, "congratulated"),
                                                     ("DEU", 2, "congratulated")]), countries)
    fig = figures.animated_status_map(series, title="t")
    assert [frame.name for frame in fig.frames] == ["2020-11-07", "2020-11-08", "2020-11-09"]
    second = {trace.name: list(trace.locations) for trace in fig.frames[1].data}
    assert second["Congratulated"] == ["DEU"]
    assert [step.label for step in fig.layout.sliders[0].steps] == ["2020-11-07", "2020-11-08", "2020-11-09"]
    assert fig.layout.updatemenus[0].buttons[0].method == "animate"


def _timeline_input():
    rows = pd.DataFrame({
        "country_iso3": ["DEU", "CHN", "RUS"],
        "country_name": ["Germany", "China", "Russia"],
        "days_to_react": [1.0, 6.0, math.nan],
        "first_stance": ["congratulated", "congratulated", "silent"],
    })
    changes = pd.DataFrame({"country_iso3": ["CHN", "CHN"], "days_since_event": [2, 6],
                            "stance": ["withheld", "congratulated"]})
    return rows, changes


@pytest.mark.parametrize("sort_by, expected_top_to_bottom", [
    ("days_to_react", ["Germany", "China", "Russia"]),
    ("country_name", ["China", "Germany", "Russia"]),
])
def test_timeline_sorting_and_open_bars(sort_by, expected_top_to_bottom):
    rows, changes = _timeline_input()
    fig = figures.timeline_figure(rows, changes, title="t", horizon_days=14, sort_by=sort_by)
    assert list(fig.layout.yaxis.categoryarray)[::-1] == expected_top_to_bottom
    open_bar = next(trace for trace in fig.data if trace.name.startswith("No stated position"))
    assert list(open_bar.y) == ["Russia"] and list(open_bar.x) == [14]
    markers = [trace for trace in fig.data if trace.type == "scatter"]
    assert sorted((list(t.x), t.marker.color) for t in markers) == sorted(
        [([2], STANCE_COLOURS["withheld"]), ([6], STANCE_COLOURS["congratulated"])])


def test_timeline_rejects_unknown_sort():
    rows, changes = _timeline_input()
    with pytest.raises(ValueError, match="sort_by"):
        figures.timeline_figure(rows, changes, title="t", horizon_days=3, sort_by="colour")


def test_cumulative_figure_one_line_per_group_in_percent():
    status = status_rows([("DEU", 0, "no_reaction_found"), ("DEU", 1, "congratulated"), ("JPN", 0, "silent"),
                          ("JPN", 1, "silent")])
    curves = tables.cumulative_reactions(status, groups={"A": {"DEU"}, "B": {"DEU", "JPN"}})
    fig = figures.cumulative_figure(curves, title="t")
    assert [trace.name for trace in fig.data] == ["A", "B"]
    assert list(fig.data[0].y) == [0, 100] and list(fig.data[1].y) == [0, 50]
    counts = figures.cumulative_figure(curves, title="t", y="reacted")
    assert list(counts.data[1].y) == [0, 1]
    with pytest.raises(ValueError, match="x must be"):
        figures.cumulative_figure(curves, title="t", x="week")
    with pytest.raises(ValueError, match="y must be"):
        figures.cumulative_figure(curves, title="t", y="percent")


def test_stance_bars_leave_out_no_reaction_found():
    counts = pd.DataFrame({"group": ["e1", "e1", "e2"], "stance": ["congratulated", NO_REACTION_FOUND, "critical"],
                           "count": [3, 190, 1]})
    fig = figures.stance_bars(counts, title="t")
    assert [trace.name for trace in fig.data] == ["Congratulated", "Critical"]


def test_bloc_share_figure_labels_k_of_n():
    shares = pd.DataFrame({"bloc": ["G7", "BRICS"], "members": [6, 5], "count": [6, 1], "share": [1.0, 0.2]})
    fig = figures.bloc_share_figure(shares, title="t")
    assert list(fig.data[0].y) == ["BRICS", "G7"] and list(fig.data[0].text) == ["1 of 5", "6 of 6"]
    assert list(fig.data[0].x) == [20.0, 100.0]


@pytest.mark.parametrize("animated", [False, True])
def test_map_legend_lists_every_stance_even_when_nobody_holds_it(countries, animated):
    status = tables.with_country_names(status_rows([("DEU", 0, "congratulated")]), countries)
    fig = figures.animated_status_map(status, title="t") if animated else figures.status_map(status, title="t")
    legend = [trace.name for trace in fig.data if trace.showlegend]
    assert legend == [figures.stance_label(s) for s in STANCE_ORDER]
    assert all(trace.type == "scattergeo" and list(trace.lon) == [None] for trace in fig.data if trace.showlegend)
    if animated:  # frames redraw the shapes only, never the legend entries
        assert all(len(frame.data) == len(frame.traces) == len(STANCE_ORDER) + 1 for frame in fig.frames)


@pytest.mark.parametrize(
    "day, unofficial, expected",
    [
        (dt.date(2020, 11, 9), False, "Official positions, as of 2020-11-09"),
        (dt.date(2020, 11, 9), True, "Positions, official and unofficial, as of 2020-11-09"),
        (None, False, "Official positions, day by day (press ▶ Play)"),
    ],
)
def test_status_title_says_whose_positions_and_when(day, unofficial, expected):
    assert figures.status_title(day=day, include_unofficial=unofficial) == expected


def test_cumulative_figure_dates_on_the_axis_are_iso():
    status = status_rows([("DEU", 0, "no_reaction_found"), ("DEU", 1, "congratulated")])
    fig = figures.cumulative_figure(tables.cumulative_reactions(status, groups={"A": {"DEU"}}), title="t", x="day")
    assert fig.layout.xaxis.tickformat == "%Y-%m-%d"

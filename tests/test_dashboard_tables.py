"""dashboard.tables: display frames from consolidated and status tables, without Streamlit."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from dashboard import tables
from dashboard.palette import STANCE_ORDER
from dashboard_fixtures import (  # noqa: F401  (fixtures)
    EVENT_2020,
    EVENT_2020_DATE,
    HOSTILE_QUOTE,
    consolidated,
    countries,
    make_reaction,
    status_rows,
)
from pipeline.consolidate import consolidate_reactions, first_reactions
from pipeline.records import empty_consolidated, empty_first_reactions, empty_status, reactions_frame


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://example.org/a", "https://example.org/a"),
        ("http://example.org", "http://example.org"),
        ("  https://example.org/x  ", "https://example.org/x"),
        ("HTTPS://EXAMPLE.ORG", "HTTPS://EXAMPLE.ORG"),
        ("javascript:alert(1)", ""),
        ("data:text/html,<b>x</b>", ""),
        ("ftp://example.org/file", ""),
        ("https://", ""),
        ("https://exa mple.org", ""),
        ("", ""),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_safe_url_keeps_only_http_links(url, expected):
    assert tables.safe_url(url) == expected


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([], {}),
        ([("DEU", 0, "congratulated"), ("FRA", 0, "congratulated"), ("RUS", 0, "silent")],
         {"congratulated": 2, "silent": 1}),
        ([("JPN", 0, "no_reaction_found"), ("MEX", 0, "withheld")], {"no_reaction_found": 1, "withheld": 1}),
    ],
)
def test_headline_counts_lists_every_stance_with_zeros(rows, expected):
    frame = status_rows(rows) if rows else empty_status()
    counts = tables.headline_counts(frame)
    assert list(counts["stance"]) == list(STANCE_ORDER)
    assert dict(zip(counts["stance"], counts["count"])) == {s: expected.get(s, 0) for s in STANCE_ORDER}
    assert list(counts.columns) == list(tables.HEADLINE_COLUMNS)


def test_timeline_rows_days_to_react_and_stance_change(consolidated):
    first = first_reactions(consolidated, event_id=EVENT_2020, event_date=EVENT_2020_DATE,
                            countries=["CHN", "DEU", "RUS", "JPN"])
    status = status_rows([("CHN", 14, "congratulated"), ("DEU", 14, "congratulated"), ("RUS", 14, "no_comment"),
                          ("JPN", 14, "no_reaction_found")])
    rows = tables.timeline_rows(first, status).set_index("country_iso3")
    assert rows.at["DEU", "days_to_react"] == 1
    assert rows.at["CHN", "days_to_react"] == 6  # withheld on day 2 is not a reaction; congratulated on day 6
    assert rows.at["CHN", "n_changes"] == 2
    assert math.isnan(rows.at["RUS", "days_to_react"])
    assert rows.at["RUS", "first_stance"] == "no_comment"  # never reacted: its status now
    assert math.isnan(rows.at["JPN", "days_to_react"])
    assert tables.median_days_to_react(rows) == pytest.approx(3.5)


def test_timeline_rows_drop_countries_filtered_out(consolidated):
    first = first_reactions(consolidated, event_id=EVENT_2020, event_date=EVENT_2020_DATE, countries=["CHN", "DEU"])
    rows = tables.timeline_rows(first, status_rows([("DEU", 3, "congratulated")]))
    assert list(rows["country_iso3"]) == ["DEU"]


@pytest.mark.parametrize("first, status", [(empty_first_reactions(), status_rows([("DEU", 0, "silent")])),
                                           ("fixture", empty_status())])
def test_timeline_rows_empty_in_empty_out(consolidated, first, status):
    if isinstance(first, str):
        first = first_reactions(consolidated, event_id=EVENT_2020, event_date=EVENT_2020_DATE, countries=["DEU"])
    out = tables.timeline_rows(first, status)
    assert out.empty and list(out.columns) == list(tables.TIMELINE_COLUMNS)


def test_median_days_to_react_none_when_nobody_reacted():
    assert tables.median_days_to_react(pd.DataFrame({"days_to_react": [math.nan, math.nan]})) is None


def test_change_points_count_days_from_event(consolidated):
    first = first_reactions(consolidated, event_id=EVENT_2020, event_date=EVENT_2020_DATE, countries=["CHN"])
    points = tables.change_points(first, event_date=EVENT_2020_DATE)
    assert list(zip(points["days_since_event"], points["stance"])) == [(2, "withheld"), (6, "congratulated")]
    assert tables.change_points(empty_first_reactions(), event_date=EVENT_2020_DATE).empty


@pytest.mark.parametrize(
    "groups, expected_last",
    [
        ({"all": {"DEU", "RUS", "JPN", "CHN"}}, {"all": (2, 4)}),  # RUS silent, JPN nothing
        ({"g": {"DEU"}, "h": {"JPN", "RUS"}}, {"g": (1, 1), "h": (0, 2)}),
        ({"nobody-has-rows": {"ZZZ"}}, {"nobody-has-rows": (0, 1)}),
    ],
)
def test_cumulative_reactions_counts_and_shares(groups, expected_last):
    status = status_rows([
        ("DEU", 0, "no_reaction_found"), ("DEU", 1, "congratulated"),
        ("RUS", 0, "silent"), ("RUS", 1, "silent"),
        ("JPN", 0, "no_reaction_found"), ("JPN", 1, "no_reaction_found"),
        ("CHN", 0, "withheld"), ("CHN", 1, "critical"),
    ])
    curves = tables.cumulative_reactions(status, groups=groups)
    last = curves[curves["days_since_event"] == 1].set_index("group")
    for group, (reacted, total) in expected_last.items():
        assert (last.at[group, "reacted"], last.at[group, "total"]) == (reacted, total)
        assert last.at[group, "share"] == pytest.approx(reacted / total)


def test_cumulative_reactions_never_fall_when_a_country_goes_quiet():
    status = status_rows([
        ("RUS", 0, "no_reaction_found"), ("RUS", 1, "neutral"), ("RUS", 2, "silent"), ("RUS", 3, "withheld"),
        ("CHN", 0, "withheld"), ("CHN", 1, "withheld"), ("CHN", 2, "withheld"), ("CHN", 3, "congratulated"),
    ])
    curves = tables.cumulative_reactions(status, groups={"g": {"RUS", "CHN"}}).sort_values("days_since_event")
    assert list(curves["reacted"]) == [0, 1, 1, 2]


def test_cumulative_reactions_empty():
    out = tables.cumulative_reactions(empty_status(), groups={"a": {"DEU"}})
    assert out.empty and list(out.columns) == list(tables.CUMULATIVE_COLUMNS)


def test_evidence_rows_one_per_sentence_and_unsafe_urls_blanked(consolidated):
    rows = tables.evidence_rows(consolidated)
    assert list(rows.columns) == list(tables.EVIDENCE_COLUMNS)
    assert len(rows) == int(consolidated["n_reports"].sum())
    hostile = rows[rows["quote"] == HOSTILE_QUOTE]
    assert list(hostile["url"]) == [""]
    assert set(rows["url"]) <= {"", "https://news.example.org/a", "https://other.example.com/b"}
    assert rows["date"].notna().all() and rows["date"].is_monotonic_decreasing


def test_evidence_rows_keeps_a_reaction_without_evidence():
    frame = empty_consolidated()
    frame.loc[0] = {"event_id": EVENT_2020, "actor": "A", "actor_id": "a", "actor_type": "other", "country_iso3": "DEU",
                    "official": True, "stance": "neutral", "first_date": pd.Timestamp("2020-11-08"),
                    "first_reported": pd.Timestamp("2020-11-08"), "date_reported": True, "quote": "q",
                    "n_reports": 1, "n_articles": 1, "evidence": [], "sources": ["S"]}
    rows = tables.evidence_rows(frame)
    assert len(rows) == 1 and rows.at[0, "quote"] == "q"
    assert tables.evidence_rows(empty_consolidated()).empty


@pytest.mark.parametrize(
    "query, expected_actors",
    [
        ("", None),
        ("merkel", {"Angela Merkel"}),
        ("MERKEL looking", set()),
        ("wang respect", {"Wang Wenbin"}),
        ("other daily", {"Emmanuel Macron"}),
        ("germany", {"Angela Merkel"}),
        ("<script>", {"<b>Evil</b> [click](javascript:alert(1))"}),
        ("zzz-no-match", set()),
    ],
)
def test_search_rows_matches_every_word(consolidated, countries, query, expected_actors):
    rows = tables.with_country_names(tables.evidence_rows(consolidated), countries)
    found = tables.search_rows(rows, query)
    if expected_actors is None:
        assert len(found) == len(rows)
    else:
        assert set(found["actor"]) == expected_actors


def test_recent_reactions_newest_quoted_first(consolidated):
    recent = tables.recent_reactions(consolidated[consolidated["event_id"] == EVENT_2020], limit=3)
    assert list(recent.columns) == list(tables.RECENT_COLUMNS)
    assert len(recent) == 3
    assert recent.at[0, "actor"] == "Wang Wenbin" and recent.at[0, "stance"] == "congratulated"
    assert (recent["quote"].str.strip() != "").all()
    assert tables.recent_reactions(empty_consolidated()).empty


@pytest.mark.parametrize(
    "stances, expected",
    [
        (("congratulated",), {"A": (1, 2), "B": (0, 1), "empty": (0, 0)}),
        (("congratulated", "silent"), {"A": (2, 2), "B": (0, 1), "empty": (0, 0)}),
    ],
)
def test_bloc_shares(stances, expected):
    status = status_rows([("DEU", 3, "congratulated"), ("RUS", 3, "silent"), ("JPN", 3, "no_reaction_found")])
    shares = tables.bloc_shares(status, blocs={"A": {"DEU", "RUS"}, "B": {"JPN"}, "empty": set()}, stances=stances)
    got = {r.bloc: (r.count, r.members) for r in shares.itertuples()}
    assert got == expected
    assert shares.set_index("bloc").at["empty", "share"] == 0.0


def test_silent_members_lists_non_reacting_members_only():
    status = status_rows([("DEU", 3, "congratulated"), ("RUS", 3, "silent"), ("JPN", 3, "no_reaction_found"),
                          ("MEX", 3, "withheld"), ("CHN", 3, "no_comment")])
    silent = tables.silent_members(status, blocs={"A": {"DEU", "RUS", "JPN", "MEX", "CHN", "USA"}})
    assert list(zip(silent["country_iso3"], silent["stance"])) == [
        ("CHN", "no_comment"), ("JPN", "no_reaction_found"), ("RUS", "silent")]  # USA has no row: not listed
    assert tables.silent_members(empty_status(), blocs={"A": {"DEU"}}).empty


def test_with_country_names_falls_back_to_code(countries):
    frame = pd.DataFrame({"country_iso3": ["DEU", "XKX", ""]})
    assert list(tables.with_country_names(frame, countries)["country_name"]) == ["Germany", "XKX", "—"]


def test_csv_bytes_round_trip_keeps_text_literal(consolidated):
    rows = tables.evidence_rows(consolidated)
    data = tables.to_csv_bytes(rows)
    assert data.startswith(b"\xef\xbb\xbf")
    assert HOSTILE_QUOTE.encode() in data


def test_cumulative_by_label_and_status_on_day():
    series = {"e1": status_rows([("DEU", 0, "no_reaction_found"), ("DEU", 1, "congratulated")]), "e2": empty_status()}
    curves = tables.cumulative_by_label(series)
    assert set(curves["group"]) == {"e1"}
    assert list(tables.status_on_day(series["e1"], days_since_event=1)["stance"]) == ["congratulated"]
    counts = tables.stance_counts_by_group({"e1": tables.status_on_day(series["e1"], days_since_event=1)})
    assert counts.set_index("stance").at["congratulated", "count"] == 1


def test_with_stance_labels_for_display_only():
    frame = pd.DataFrame({"stance": ["withheld", "no_reaction_found", "unknown"]})
    assert list(tables.with_stance_labels(frame)["stance"]) == ["Withheld", "No reaction found", "unknown"]
    assert list(frame["stance"]) == ["withheld", "no_reaction_found", "unknown"]
    assert tables.with_stance_labels(pd.DataFrame({"x": [1]})).columns.tolist() == ["x"]


@pytest.mark.parametrize(
    "iso3, expected",
    [
        ("DEU", "Position on 2020-11-10: Congratulated since 2020-11-07 (Leader of DEU)"),
        ("JPN", "Position on 2020-11-10: No reaction found"),
        ("FRA", "No position recorded for FRA on 2020-11-10."),
    ],
)
def test_status_sentence(iso3, expected):
    status = status_rows([("DEU", 3, "congratulated"), ("JPN", 3, "no_reaction_found")])
    assert tables.status_sentence(status, country_iso3=iso3, day=EVENT_2020_DATE + dt.timedelta(days=3)) == expected


def test_country_choices_sorted_by_name(countries):
    status = tables.with_country_names(status_rows([("RUS", 1, "silent"), ("DEU", 1, "congratulated")]), countries)
    assert list(tables.country_choices(status).items()) == [("DEU", "Germany"), ("RUS", "Russia")]
    assert tables.country_choices(status.iloc[0:0]) == {}


def _merkel_in_two_articles() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Merkel's congratulation reported by a1 (with her quote) and by a7 (a later article, no quote)."""
    rows = [
        make_reaction("a1", "Angela Merkel", "DEU", "congratulated", dt.date(2020, 11, 8), quote="I look forward."),
        make_reaction("a7", "Angela Merkel", "DEU", "congratulated", dt.date(2020, 11, 20), quote=""),
    ]
    reactions = reactions_frame(rows)
    return consolidate_reactions(reactions), reactions


def test_evidence_rows_take_each_articles_own_quote():
    consolidated, reactions = _merkel_in_two_articles()
    by_article = tables.evidence_rows(consolidated, reactions=reactions).set_index("article_id")["quote"]
    assert (by_article["a1"], by_article["a7"]) == ("I look forward.", "")
    # without the mentions table, every row repeats the reaction's chosen quote
    assert set(tables.evidence_rows(consolidated)["quote"]) == {"I look forward."}


@pytest.mark.parametrize(
    "until, expected_actors",
    [
        (None, ["Wang Wenbin", "<b>Evil</b> [click](javascript:alert(1))", "Wang Wenbin"]),
        (dt.date(2020, 11, 9), ["<b>Evil</b> [click](javascript:alert(1))", "Wang Wenbin", "Alexei Navalny"]),
        (dt.date(2020, 11, 6), []),
    ],
)
def test_recent_reactions_stop_at_the_day_shown(consolidated, until, expected_actors):
    recent = tables.recent_reactions(consolidated[consolidated["event_id"] == EVENT_2020], limit=3, until=until)
    assert list(recent["actor"]) == expected_actors
    assert list(recent.columns) == list(tables.RECENT_COLUMNS)
    if until is not None and len(recent):
        assert recent["date"].max() <= pd.Timestamp(until)


def test_with_display_labels_names_stances_and_actor_types():
    frame = pd.DataFrame({"stance": ["no_comment"], "actor_type": ["head_of_state"], "quote": ["x_y"]})
    out = tables.with_display_labels(frame)
    assert out.iloc[0].tolist() == ["Declined to comment", "head of state", "x_y"]
    assert frame.iloc[0].tolist() == ["no_comment", "head_of_state", "x_y"]  # the input is left alone


def test_silent_members_leave_out_countries_that_had_reacted_before():
    series = status_rows([("RUS", 0, "neutral"), ("RUS", 1, "silent"), ("JPN", 0, "no_reaction_found"),
                          ("JPN", 1, "no_reaction_found")])
    assert tables.reacted_by(series, days_since_event=1) == {"RUS"}
    assert tables.reacted_by(series, days_since_event=-1) == frozenset()
    day1 = tables.status_on_day(series, days_since_event=1)
    silent = tables.silent_members(day1, blocs={"A": {"RUS", "JPN"}}, had_reacted=tables.reacted_by(series, days_since_event=1))
    assert list(silent["country_iso3"]) == ["JPN"]


@pytest.mark.parametrize("n, text", [(0, "0 rows"), (1, "1 row"), (2, "2 rows")])
def test_row_count_text(n, text):
    assert tables.row_count_text(n) == text


@pytest.mark.parametrize(
    "cell, expected",
    [
        ('=HYPERLINK("http://x")', "'=HYPERLINK(\"http://x\")"),
        ("+1 555", "'+1 555"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("- a dash-introduced quote", "'- a dash-introduced quote"),
        ("Congratulations to Joe Biden", "Congratulations to Joe Biden"),
    ],
)
def test_csv_download_defuses_formulas(cell, expected):
    import io

    import pandas as pd

    from dashboard.tables import to_csv_bytes

    back = pd.read_csv(io.BytesIO(to_csv_bytes(pd.DataFrame({"quote": [cell]}))), encoding="utf-8-sig")
    assert back["quote"].iloc[0] == expected

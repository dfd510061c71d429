"""dashboard.filters: URL query parameters <-> FilterState, and applying a state to frames."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import filters, tables
from dashboard.filters import FilterState
from dashboard_fixtures import EVENT_2016, EVENT_2020, consolidated, countries, status_rows  # noqa: F401

EVENTS = [EVENT_2016, EVENT_2020]
GROUPS = {"", "bloc:G7", "region:Europe"}


def parse(params):
    return filters.from_query_params(params, event_ids=EVENTS, group_ids=GROUPS, default_event=EVENT_2020)


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, FilterState(event_id=EVENT_2020)),
        ({"event": EVENT_2016}, FilterState(event_id=EVENT_2016)),
        ({"event": "no-such-event"}, FilterState(event_id=EVENT_2020)),
        ({"stance": "silent,congratulated,bogus"}, FilterState(EVENT_2020, stances=("congratulated", "silent"))),
        ({"stance": ["critical", "neutral"]}, FilterState(EVENT_2020, stances=("neutral", "critical"))),
        ({"group": "bloc:G7"}, FilterState(EVENT_2020, group="bloc:G7")),
        ({"group": "bloc:NOPE"}, FilterState(EVENT_2020)),
        ({"actor": "opposition,head_of_state,x"}, FilterState(EVENT_2020, actor_types=("head_of_state", "opposition"))),
        ({"official": "0"}, FilterState(EVENT_2020, official_only=False)),
        ({"official": "false"}, FilterState(EVENT_2020, official_only=False)),
        ({"official": "1"}, FilterState(EVENT_2020, official_only=True)),
        ({"from": "2020-11-07", "to": "2020-11-20"},
         FilterState(EVENT_2020, date_from=dt.date(2020, 11, 7), date_to=dt.date(2020, 11, 20))),
        ({"from": "2020-11-20", "to": "2020-11-07"},  # reversed: swapped, not an error
         FilterState(EVENT_2020, date_from=dt.date(2020, 11, 7), date_to=dt.date(2020, 11, 20))),
        ({"from": "yesterday", "to": "2020-13-01"}, FilterState(EVENT_2020)),
    ],
)
def test_from_query_params(params, expected):
    assert parse(params) == expected


@pytest.mark.parametrize(
    "state",
    [
        FilterState(EVENT_2020),
        FilterState(EVENT_2016, stances=("congratulated", "no_reaction_found"), group="region:Europe",
                    actor_types=("head_of_state",), official_only=False,
                    date_from=dt.date(2016, 11, 9), date_to=dt.date(2016, 12, 1)),
        FilterState(EVENT_2020, group="bloc:G7", date_to=dt.date(2020, 11, 30)),
    ],
)
def test_query_params_round_trip(state):
    params = filters.to_query_params(state)
    assert all(isinstance(value, str) for value in params.values())
    assert parse(params) == state


def test_default_state_gives_a_short_link():
    assert filters.to_query_params(FilterState(EVENT_2020)) == {"event": EVENT_2020}


@pytest.mark.parametrize(
    "state, expected_actors",
    [
        (FilterState(EVENT_2020), {"Angela Merkel", "Boris Johnson", "Emmanuel Macron", "Justin Trudeau",
                                   "Vladimir Putin", "Kremlin", "Wang Wenbin", "Jair Bolsonaro",
                                   "Andres Manuel Lopez Obrador", "Recep Tayyip Erdogan",
                                   "<b>Evil</b> [click](javascript:alert(1))"}),
        (FilterState(EVENT_2020, official_only=False, stances=("congratulated",)),
         {"Angela Merkel", "Boris Johnson", "Emmanuel Macron", "Justin Trudeau", "Alexei Navalny", "Wang Wenbin",
          "Recep Tayyip Erdogan"}),
        (FilterState(EVENT_2020, actor_types=("government", "spokesperson")), {"Kremlin", "Wang Wenbin"}),
        (FilterState(EVENT_2020, group="bloc:G7"), {"Angela Merkel", "Boris Johnson", "Emmanuel Macron",
                                                   "Justin Trudeau"}),
        (FilterState(EVENT_2020, date_from=dt.date(2020, 11, 10), date_to=dt.date(2020, 11, 13)),
         {"Wang Wenbin", "Recep Tayyip Erdogan"}),
        (FilterState(EVENT_2016), {"Angela Merkel", "Vladimir Putin", "Theresa May"}),
    ],
)
def test_filter_reactions(consolidated, state, expected_actors):
    members = {"bloc:G7": frozenset({"DEU", "GBR", "FRA", "CAN", "ITA", "JPN", "USA"})}.get(state.group)
    out = filters.filter_reactions(consolidated, state, members=members, date_column="first_date")
    assert set(out["actor"]) == expected_actors


def test_filter_reactions_on_evidence_dates(consolidated):
    evidence = tables.evidence_rows(consolidated)
    state = FilterState(EVENT_2020, date_from=dt.date(2020, 11, 13), date_to=dt.date(2020, 11, 13))
    out = filters.filter_reactions(evidence, state, members=None, date_column="date")
    assert list(out["actor"]) == ["Wang Wenbin"] and list(out["stance"]) == ["congratulated"]


def test_filter_status_by_group_and_stance():
    status = status_rows([("DEU", 1, "congratulated"), ("RUS", 1, "silent"), ("JPN", 1, "no_reaction_found")])
    assert set(filters.filter_status(status, FilterState(EVENT_2020), members=None)["country_iso3"]) == {"DEU", "RUS", "JPN"}
    assert set(filters.filter_status(status, FilterState(EVENT_2020), members=frozenset({"DEU", "JPN"}))["country_iso3"]) == {"DEU", "JPN"}
    only_silent = filters.filter_status(status, FilterState(EVENT_2020, stances=("silent",)), members=None)
    assert list(only_silent["country_iso3"]) == ["RUS"]


@pytest.mark.parametrize(
    "group, expected",
    [
        ("", None),
        ("bloc:G7", frozenset({"DEU", "FRA"})),
        ("bloc:UNKNOWN", frozenset()),
        ("region:Asia", frozenset({"CHN", "TUR", "IRN", "JPN"})),
    ],
)
def test_group_members(countries, group, expected):
    assert filters.group_members(group, blocs={"G7": {"DEU", "FRA"}}, countries=countries) == expected


def test_group_members_rejects_unknown_prefix(countries):
    with pytest.raises(ValueError, match="unknown group id"):
        filters.group_members("continent:Europe", blocs={}, countries=countries)


def test_group_options_lists_blocs_then_regions():
    options = filters.group_options(bloc_names={"G7": "Group of Seven", "AU": "African Union"}, regions={"Asia", ""})
    assert list(options) == ["", "bloc:AU", "bloc:G7", "region:Asia"]
    assert options["region:Asia"] == "Region: Asia"


@pytest.mark.parametrize(
    "state, last_data_day, expected",
    [
        (FilterState(EVENT_2020), None, (dt.date(2020, 11, 7), dt.date(2020, 11, 21))),
        (FilterState(EVENT_2020), dt.date(2020, 12, 14), (dt.date(2020, 11, 7), dt.date(2020, 12, 14))),
        (FilterState(EVENT_2020, date_from=dt.date(2020, 11, 9)), None, (dt.date(2020, 11, 9), dt.date(2020, 11, 21))),
        (FilterState(EVENT_2020, date_to=dt.date(2020, 11, 1)), None, (dt.date(2020, 11, 7), dt.date(2020, 11, 7))),
    ],
)
def test_day_range(state, last_data_day, expected):
    assert filters.day_range(state, event_date=dt.date(2020, 11, 7), last_data_day=last_data_day) == expected

"""The sidebar every page shows: filter widgets bound to one FilterState in session state and the URL.

The current state lives under ``STATE_KEY`` in ``st.session_state`` (initialised once per session from the
URL's query parameters), so it survives moving between pages even though Streamlit forgets the widgets of a
page it leaves. Widgets use namespaced keys (``filters.*``), are seeded from the state when absent, and write
back through ``on_change``. After every run the state is written to ``st.query_params``, so the address bar
always holds a link that reproduces the view.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

import streamlit as st

from dashboard import data
from dashboard.filters import (
    FILTER_PARAMS,
    FilterState,
    from_query_params,
    group_members,
    group_options,
    to_query_params,
)
from dashboard.palette import STANCE_ORDER, actor_type_label, stance_label
from pipeline.records import ACTOR_TYPES

# The sidebar's page links (Streamlit's own list is hidden in .streamlit/config.toml: it would call the
# overview "app"). Paths are relative to the main script's directory.
PAGE_LINKS = (
    ("app.py", "Overview", ":material/public:"),
    ("pages/1_Map.py", "Map", ":material/map:"),
    ("pages/2_Timeline.py", "Timeline", ":material/timeline:"),
    ("pages/3_Quotes.py", "Quotes & reactions", ":material/format_quote:"),
    ("pages/4_Compare.py", "Compare", ":material/compare_arrows:"),
    ("pages/5_Add_articles.py", "Add articles", ":material/upload_file:"),
)
STATE_KEY = "filters.state"
_W = "filters.w."  # widget key prefix
DEFAULT_EVENT = "us-2020-election"
DEFAULT_SPAN = dt.timedelta(days=30)  # the date range offered when "Limit dates" is switched on


def _widget_values(state: FilterState) -> dict[str, object]:
    values: dict[str, object] = {
        "event": state.event_id,
        "stances": list(state.stances),
        "group": state.group,
        "actor_types": list(state.actor_types),
        "unofficial": not state.official_only,
        "use_dates": bool(state.date_from or state.date_to),
    }
    if state.date_from or state.date_to:
        event_date = data.events()[state.event_id].date
        values["dates"] = (state.date_from or event_date, state.date_to or event_date + DEFAULT_SPAN)
    return values


def _dates_from_widgets(state: FilterState, *, event_id: str) -> tuple[dt.date | None, dt.date | None]:
    """The date range the widgets select: none when "Limit dates" is off; a month from the event when
    it has just been switched on (or the event changed); the previous range while a range is half picked."""
    get = st.session_state.get
    if not get(_W + "use_dates"):
        return None, None
    dates = get(_W + "dates")
    if event_id == state.event_id and isinstance(dates, (list, tuple)):
        if len(dates) == 2:
            return dates[0], dates[1]
        if state.date_from or state.date_to:
            return state.date_from, state.date_to
    event_date = data.events()[event_id].date
    return event_date, event_date + DEFAULT_SPAN


def _sync_from_widgets() -> None:
    """on_change: the widgets' values -> the stored FilterState."""
    state: FilterState = st.session_state[STATE_KEY]
    get = st.session_state.get
    event_id = get(_W + "event", state.event_id)
    date_from, date_to = _dates_from_widgets(state, event_id=event_id)
    st.session_state[STATE_KEY] = dataclasses.replace(
        state,
        event_id=event_id,
        stances=tuple(s for s in STANCE_ORDER if s in get(_W + "stances", ())),
        group=get(_W + "group", state.group),
        actor_types=tuple(a for a in ACTOR_TYPES if a in get(_W + "actor_types", ())),
        official_only=not get(_W + "unofficial", not state.official_only),
        date_from=date_from,
        date_to=date_to,
    )


def current_state() -> FilterState:
    """The session's FilterState, read from the URL on the session's first run."""
    if STATE_KEY not in st.session_state:
        events = data.events()
        default_event = DEFAULT_EVENT if DEFAULT_EVENT in events else next(iter(events))
        params = {key: st.query_params.get_all(key) for key in FILTER_PARAMS if key in st.query_params}
        st.session_state[STATE_KEY] = from_query_params(
            params,
            event_ids=list(events),
            group_ids=set(_group_options()),
            default_event=default_event,
        )
    return st.session_state[STATE_KEY]


def _group_options() -> dict[str, str]:
    return group_options(bloc_names=data.bloc_names(), regions=set(data.countries()["region"]))


def render_sidebar() -> FilterState:
    """Draw the filters in the sidebar and return the state they select (also written to the URL)."""
    state = current_state()
    # Every run, the widgets show the stored state: Streamlit forgets a page's widgets when it leaves the page,
    # and callbacks have already copied any change made in this run into the state.
    for name, value in _widget_values(state).items():
        st.session_state[_W + name] = value
    events = data.events()
    groups = _group_options()
    with st.sidebar:
        for path, label, icon in PAGE_LINKS:
            st.page_link(path, label=label, icon=icon)
        st.divider()
        st.header("Filters")
        st.selectbox(
            "Event",
            options=list(events),
            format_func=lambda event_id: f"{events[event_id].name} ({events[event_id].date:%Y})",
            key=_W + "event",
            on_change=_sync_from_widgets,
        )
        st.multiselect(
            "Stance",
            options=list(STANCE_ORDER),
            format_func=stance_label,
            placeholder="All stances",
            key=_W + "stances",
            on_change=_sync_from_widgets,
        )
        st.selectbox(
            "Bloc or region",
            options=list(groups),
            format_func=groups.__getitem__,
            key=_W + "group",
            on_change=_sync_from_widgets,
        )
        st.multiselect(
            "Actor type",
            options=list(ACTOR_TYPES),
            format_func=actor_type_label,
            placeholder="All actor types",
            key=_W + "actor_types",
            on_change=_sync_from_widgets,
        )
        st.toggle(
            "Include unofficial voices",
            key=_W + "unofficial",
            on_change=_sync_from_widgets,
            help="Off: a country's position is what its government says. On: opposition figures, former "
            "leaders and other non-official voices count too.",
        )
        _date_filter(event_date=events[state.event_id].date)
        st.divider()
        st.caption("The address bar holds a link to this exact view: copy it to share.")
    state = st.session_state[STATE_KEY]
    _write_query_params(to_query_params(state))
    return state


def _date_filter(*, event_date: dt.date) -> None:
    st.toggle("Limit dates", key=_W + "use_dates", on_change=_sync_from_widgets)
    if st.session_state.get(_W + "use_dates"):
        st.date_input(
            "Date range",
            min_value=event_date - dt.timedelta(days=30),
            max_value=event_date + dt.timedelta(days=730),
            key=_W + "dates",
            on_change=_sync_from_widgets,
        )


def _write_query_params(params: Mapping[str, str]) -> None:
    for key in FILTER_PARAMS:
        if key not in params and key in st.query_params:
            del st.query_params[key]
    for key, value in params.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def members(state: FilterState) -> frozenset[str] | None:
    """ISO-3 codes of the selected bloc or region (membership on the event date); None for all countries."""
    return members_on(state, day=data.events()[state.event_id].date)


def members_on(state: FilterState, *, day: dt.date) -> frozenset[str] | None:
    """ISO-3 codes of the selected bloc or region with bloc membership on ``day``; None for all countries."""
    return group_members(state.group, blocs=data.blocs_on(day), countries=data.countries())

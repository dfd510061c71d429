"""What a page needs for the selected event and filters, computed in one place: pages stay thin.

``page_setup`` is the first call of every page: page config, the store (built if needed), the sidebar. It
returns a ``View``: the filter state, the event, the store key, the selected countries and the day range.
The other functions turn a View into the display frames of ``dashboard.tables`` (already filtered and with
country names), using the cached loaders of ``dashboard.data``; ``day_slider`` and ``show_day_map`` are the
day control (bound to ``?day=``) and the one-day world map that the overview and the map page share.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import data, figures, render, tables
from dashboard.filters import FilterState, day_range, filter_reactions, filter_status
from dashboard.palette import DAY_FORMAT_WIDGET
from dashboard.sidebar import members, members_on, render_sidebar
from pipeline.events import Event


@dataclasses.dataclass(frozen=True)
class View:
    """The selection every page works from."""

    state: FilterState
    event: Event
    directory: str
    version: str
    members: frozenset[str] | None
    first_day: dt.date
    last_day: dt.date

    @property
    def include_unofficial(self) -> bool:
        return not self.state.official_only


def page_setup(title: str) -> View:
    """Configure the page, make sure the store exists, draw the sidebar; return the current View."""
    st.set_page_config(page_title=f"{title} · Reaction Atlas", layout="wide")
    directory = data.ensure_store()
    state = render_sidebar()
    return view_for(state, directory=str(directory))


def view_for(state: FilterState, *, directory: str) -> View:
    """The View of a filter state on the store in ``directory``."""
    version = data.store_version(directory)
    event = data.events()[state.event_id]
    consolidated = data.load_tables(directory, version).consolidated
    first_day, last_day = day_range(
        state, event_date=event.date, last_data_day=data.last_data_day(consolidated, event_id=event.id)
    )
    return View(
        state=state,
        event=event,
        directory=directory,
        version=version,
        members=members(state),
        first_day=first_day,
        last_day=last_day,
    )


def status_series(view: View, *, event_id: str | None = None) -> pd.DataFrame:
    """Country status on every day of the view's range (filtered, with country names)."""
    event_id = event_id or view.event.id
    event = data.events()[event_id]
    end = view.last_day if event_id == view.event.id else event.date + (view.last_day - view.event.date)
    series = data.status_by_day(
        view.directory,
        view.version,
        event_id=event_id,
        end_date=end,
        include_unofficial=view.include_unofficial,
        actor_types=view.state.actor_types,
    )
    if event_id == view.event.id:
        days = pd.to_datetime(series["day"]).dt.date
        series = series[(days >= view.first_day) & (days <= view.last_day)]
    return tables.with_country_names(filter_status(series, view.state, members=view.members), data.countries())


def status_on(view: View, day: dt.date) -> pd.DataFrame:
    """Country status on one day (filtered, with country names)."""
    series = status_series(view)
    return series[pd.to_datetime(series["day"]).dt.date == day].reset_index(drop=True)


def timeline(view: View) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per-country timeline rows, change points), filtered, with country names."""
    first = data.first_reactions(
        view.directory,
        view.version,
        event_id=view.event.id,
        include_unofficial=view.include_unofficial,
        actor_types=view.state.actor_types,
    )
    rows = tables.timeline_rows(first, status_on(view, view.last_day))
    changes = tables.change_points(first[first["country_iso3"].isin(rows["country_iso3"])], event_date=view.event.date)
    changes = changes[changes["days_since_event"] <= (view.last_day - view.event.date).days]
    return tables.with_country_names(rows, data.countries()), changes


def mentions(view: View) -> pd.DataFrame:
    """The store's per-article reaction mentions (each with its own quote), for evidence rows."""
    return data.load_tables(view.directory, view.version).reactions


def has_data(view: View) -> bool:
    """Whether the store holds any reaction to the view's event (before the sidebar's filters)."""
    consolidated = data.load_tables(view.directory, view.version).consolidated
    return bool((consolidated["event_id"] == view.event.id).any())


def notice_if_no_data(view: View) -> bool:
    """Say so plainly when the store holds nothing about the event; returns whether it holds anything."""
    if has_data(view):
        return True
    st.info(
        f"The store holds no reaction to the {view.event.name} yet: every country shows as “No reaction found”. "
        "Add articles about it on the Add articles page."
    )
    return False


def evidence(view: View) -> pd.DataFrame:
    """Evidence rows (one per article sentence) of the view's reactions, filtered, with country names."""
    consolidated = data.load_tables(view.directory, view.version).consolidated
    rows = tables.evidence_rows(consolidated[consolidated["event_id"] == view.event.id], reactions=mentions(view))
    filtered = filter_reactions(rows, view.state, members=view.members, date_column="date")
    return tables.with_country_names(filtered, data.countries())


def consolidated(view: View) -> pd.DataFrame:
    """The view's consolidated reactions (filtered)."""
    frame = data.load_tables(view.directory, view.version).consolidated
    return filter_reactions(frame, view.state, members=view.members, date_column="first_date")


def bloc_groups(view: View, bloc_ids: list[str]) -> dict[str, frozenset[str]]:
    """Display name -> members on the event date, for the chosen blocs, less the event's hosts."""
    names = data.bloc_names()
    blocs = data.blocs_on(view.event.date)
    hosts = set(view.event.host_countries)
    return {names[b]: frozenset(blocs.get(b, frozenset()) - hosts) for b in bloc_ids if b in names}


def day_from_params(view: View, *, key: str = "day") -> dt.date:
    """The day named in the URL (``?day=YYYY-MM-DD``) if within the view's range, else the last day."""
    try:
        day = dt.date.fromisoformat(st.query_params.get(key, ""))
    except ValueError:
        return view.last_day
    return day if view.first_day <= day <= view.last_day else view.last_day


def day_slider(view: View, *, label: str, key: str) -> dt.date:
    """A slider over the view's days that starts at the URL's ``?day=`` and writes the chosen day back to it.

    The widget key carries the event and the day range, so a new event or range starts a fresh slider
    (Streamlit would otherwise keep a value outside the new range).
    """
    day = st.slider(
        label,
        min_value=view.first_day,
        max_value=view.last_day,
        value=day_from_params(view),
        format=DAY_FORMAT_WIDGET,
        key=f"{key}.{view.event.id}.{view.first_day}.{view.last_day}",
    )
    st.query_params["day"] = day.isoformat()
    return day


def show_day_map(view: View, status: pd.DataFrame, *, day: dt.date, key: str, on_select: str = "ignore") -> Any:
    """Draw the world map of ``status`` (``status_on(view, day)``), titled with whose positions it shows and
    the day, the event's hosts marked; say so when no country matches the filters. Returns the selection."""
    title = figures.status_title(day=day, include_unofficial=view.include_unofficial)
    selection = render.show_figure(
        figures.status_map(status, title=title, hosts=view.event.host_countries), key=key, on_select=on_select
    )
    if status.empty:
        st.info("No country matches the filters on this day.")
    return selection


def consolidated_all(view: View) -> pd.DataFrame:
    """The event's consolidated reactions, official or not, of the selected actor types (country detail)."""
    frame = data.load_tables(view.directory, view.version).consolidated
    frame = frame[frame["event_id"] == view.event.id]
    if view.state.actor_types:
        frame = frame[frame["actor_type"].isin(view.state.actor_types)]
    return frame.reset_index(drop=True)


def selected_location(selection: object) -> str:
    """The ISO-3 code of the first clicked map location in a plotly selection state, or ""."""
    try:
        points = selection["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return ""
    for point in points or []:
        location = point.get("location") if isinstance(point, dict) else None
        if isinstance(location, str) and location:
            return location
    return ""


def status_series_days(view: View, *, event_id: str, days: int, members_only: bool = True) -> pd.DataFrame:
    """Status of an event's countries from its date to ``days`` after it (the sidebar's dates do not apply).

    With ``members_only`` the sidebar's bloc or region applies, with bloc membership on *that* event's date
    (the UK was in the EU in 2016, not in 2020); stances are not filtered (comparisons count all).
    """
    event = data.events()[event_id]
    group_members = members_on(view.state, day=event.date)
    series = data.status_by_day(
        view.directory,
        view.version,
        event_id=event_id,
        end_date=event.date + dt.timedelta(days=days),
        include_unofficial=view.include_unofficial,
        actor_types=view.state.actor_types,
    )
    if members_only and group_members is not None:
        series = series[series["country_iso3"].isin(group_members)]
    return tables.with_country_names(series.reset_index(drop=True), data.countries())

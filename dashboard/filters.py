"""The sidebar filters as a value: parse from / write to URL query parameters, and apply to frames.

A ``FilterState`` is what every page filters by — event, stances, a bloc or region, actor types, official only,
date range. It round-trips through ``st.query_params`` (``to_query_params`` / ``from_query_params``) so that a
shared link reproduces the view. Parsing is forgiving: an unknown event, stance, group or a bad date in a
link is dropped and the default is used, never an error page. Nothing here imports Streamlit; the widgets
that edit a state live in ``dashboard.sidebar``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Mapping, Sequence

import pandas as pd

from dashboard.palette import STANCE_ORDER
from pipeline.records import ACTOR_TYPES

# Query parameter names (short, stable: they appear in shared links).
P_EVENT, P_STANCE, P_GROUP, P_ACTOR, P_OFFICIAL, P_FROM, P_TO = "event", "stance", "group", "actor", "official", "from", "to"
FILTER_PARAMS = (P_EVENT, P_STANCE, P_GROUP, P_ACTOR, P_OFFICIAL, P_FROM, P_TO)
BLOC_PREFIX, REGION_PREFIX = "bloc:", "region:"


@dataclasses.dataclass(frozen=True)
class FilterState:
    """What the sidebar selects. Empty ``stances``/``actor_types`` and an empty ``group`` mean "all"."""

    event_id: str
    stances: tuple[str, ...] = ()
    group: str = ""
    actor_types: tuple[str, ...] = ()
    official_only: bool = True
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _one(value: str | Sequence[str] | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return str(value[-1]).strip() if len(value) else ""


def _many(value: str | Sequence[str] | None, *, allowed: Sequence[str]) -> tuple[str, ...]:
    raw = [value] if isinstance(value, str) else list(value or [])
    items = {part.strip() for chunk in raw for part in str(chunk).split(",") if part.strip()}
    return tuple(item for item in allowed if item in items)


def _date(value: str | Sequence[str] | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(_one(value))
    except ValueError:
        return None


def from_query_params(
    params: Mapping[str, str | Sequence[str]],
    *,
    event_ids: Sequence[str],
    group_ids: Collection[str],
    default_event: str,
) -> FilterState:
    """Read a FilterState from query parameters, dropping anything unknown or malformed."""
    event_id = _one(params.get(P_EVENT))
    if event_id not in event_ids:
        event_id = default_event
    group = _one(params.get(P_GROUP))
    official = _one(params.get(P_OFFICIAL)).lower()
    date_from, date_to = _date(params.get(P_FROM)), _date(params.get(P_TO))
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    return FilterState(
        event_id=event_id,
        stances=_many(params.get(P_STANCE), allowed=STANCE_ORDER),
        group=group if group in group_ids else "",
        actor_types=_many(params.get(P_ACTOR), allowed=ACTOR_TYPES),
        official_only=official not in ("0", "false", "no"),
        date_from=date_from,
        date_to=date_to,
    )


def to_query_params(state: FilterState) -> dict[str, str]:
    """The query parameters that reproduce ``state``; defaults are left out to keep links short."""
    params = {P_EVENT: state.event_id}
    if state.stances:
        params[P_STANCE] = ",".join(state.stances)
    if state.group:
        params[P_GROUP] = state.group
    if state.actor_types:
        params[P_ACTOR] = ",".join(state.actor_types)
    if not state.official_only:
        params[P_OFFICIAL] = "0"
    if state.date_from:
        params[P_FROM] = state.date_from.isoformat()
    if state.date_to:
        params[P_TO] = state.date_to.isoformat()
    return params


def group_options(*, bloc_names: Mapping[str, str], regions: Collection[str]) -> dict[str, str]:
    """Group id -> label for the bloc-or-region selector ("" is all countries)."""
    options = {"": "All countries"}
    options |= {f"{BLOC_PREFIX}{bloc_id}": name for bloc_id, name in sorted(bloc_names.items(), key=lambda kv: kv[1])}
    options |= {f"{REGION_PREFIX}{region}": f"Region: {region}" for region in sorted(r for r in regions if r)}
    return options


def group_members(
    group: str, *, blocs: Mapping[str, Collection[str]], countries: pd.DataFrame
) -> frozenset[str] | None:
    """ISO-3 codes of a group; None for "all countries". ``blocs`` maps bloc id -> members on the day wanted."""
    if not group:
        return None
    if group.startswith(BLOC_PREFIX):
        return frozenset(blocs.get(group.removeprefix(BLOC_PREFIX), ()))
    if group.startswith(REGION_PREFIX):
        region = group.removeprefix(REGION_PREFIX)
        return frozenset(countries.loc[countries["region"] == region, "iso3"])
    raise ValueError(f"unknown group id {group!r}: expected '' or a '{BLOC_PREFIX}' / '{REGION_PREFIX}' prefix")


def _in_dates(dates: pd.Series, state: FilterState) -> pd.Series:
    stamps = pd.to_datetime(dates, errors="coerce")
    mask = pd.Series(True, index=dates.index)
    if state.date_from:
        mask &= stamps >= pd.Timestamp(state.date_from)
    if state.date_to:
        mask &= stamps < pd.Timestamp(state.date_to) + pd.Timedelta(days=1)
    return mask


def filter_reactions(
    frame: pd.DataFrame, state: FilterState, *, members: frozenset[str] | None, date_column: str | None = None
) -> pd.DataFrame:
    """Rows of a consolidated or evidence frame that pass the filters.

    ``date_column`` (e.g. ``first_date`` or ``date``) is checked against the date range; rows with no date
    pass only when no range is set.
    """
    if frame.empty:
        return frame.reset_index(drop=True)
    mask = frame["event_id"] == state.event_id
    if state.stances:
        mask &= frame["stance"].isin(state.stances)
    if state.actor_types:
        mask &= frame["actor_type"].isin(state.actor_types)
    if state.official_only:
        mask &= frame["official"].astype(bool)
    if members is not None:
        mask &= frame["country_iso3"].isin(members)
    if date_column and (state.date_from or state.date_to):
        mask &= _in_dates(frame[date_column], state)
    return frame[mask].reset_index(drop=True)


def filter_status(status: pd.DataFrame, state: FilterState, *, members: frozenset[str] | None) -> pd.DataFrame:
    """Country-status rows restricted to the selected group and stances (the map and headline numbers)."""
    if status.empty:
        return status.reset_index(drop=True)
    mask = pd.Series(True, index=status.index)
    if members is not None:
        mask &= status["country_iso3"].isin(members)
    if state.stances:
        mask &= status["stance"].isin(state.stances)
    return status[mask].reset_index(drop=True)


def day_range(
    state: FilterState, *, event_date: dt.date, last_data_day: dt.date | None, min_days: int = 14
) -> tuple[dt.date, dt.date]:
    """The first and last day a page's date slider offers: the filter's range, else event date onwards.

    The default end is the later of the last reaction in the data and ``min_days`` after the event.
    """
    start = state.date_from or event_date
    default_end = max(last_data_day or event_date, event_date + dt.timedelta(days=min_days))
    end = state.date_to or default_end
    if end < start:
        end = start
    return start, end

"""The Reaction record and the reactions table schema: the one place that names the columns.

Every other module imports its column lists and dtypes from here, so the CLI output, the store and the
dashboard agree on one shape. An empty result is an empty frame with the same columns, never ``None``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Iterable

import pandas as pd

ACTOR_TYPES = (
    "head_of_state",
    "head_of_government",
    "government",
    "spokesperson",
    "opposition",
    "former_leader",
    "royal",
    "organization",
    "other",
)

# Ordered from the warmest to the coldest official position; the dashboard's legend follows this order.
STANCES = (
    "congratulated",
    "supportive",
    "neutral",
    "critical",
    "withheld",
    "no_comment",
    "silent",
)

# Shown for a country with no report either way; distinct from "silent" (reported as not reacting).
NO_REACTION_FOUND = "no_reaction_found"

DATE_PRECISIONS = ("day", "month", "year")


@dataclasses.dataclass(frozen=True)
class Reaction:
    """One actor's reaction to one event, as one article reports it."""

    article_id: str
    event_id: str
    event_match: str  # how the event was chosen: "metadata", "cli" or "text:<score>"
    actor: str
    actor_id: str
    actor_type: str
    country_iso3: str  # "" for international organisations without a country
    official: bool
    stance: str
    reaction_date: dt.date | None
    date_precision: str  # "" when reaction_date is None
    quote: str
    sentence: str
    start_char: int
    end_char: int
    source: str
    url: str
    published: dt.date | None
    # Every sentence the article reports this reaction in, as {"start_char", "end_char"}; the first is `sentence`.
    evidence_spans: tuple[dict[str, int], ...] = ()


# Column name -> pandas dtype, in output order.
REACTION_DTYPES: dict[str, str] = {
    "article_id": "str",
    "event_id": "str",
    "event_match": "str",
    "actor": "str",
    "actor_id": "str",
    "actor_type": "str",
    "country_iso3": "str",
    "official": "bool",
    "stance": "str",
    "reaction_date": "datetime64[us]",
    "date_precision": "str",
    "quote": "str",
    "sentence": "str",
    "start_char": "int64",
    "end_char": "int64",
    "source": "str",
    "url": "str",
    "published": "datetime64[us]",
    "evidence_spans": "object",  # LIST_DTYPE: list of {"start_char", "end_char"}
}
REACTION_COLUMNS: tuple[str, ...] = tuple(REACTION_DTYPES)


def empty_reactions() -> pd.DataFrame:
    """An empty reactions table with the full schema."""
    return empty_frame(REACTION_DTYPES)


def reactions_frame(reactions: Iterable[Reaction]) -> pd.DataFrame:
    """Reaction records -> the reactions table, columns and dtypes as REACTION_DTYPES says."""
    rows = [dataclasses.asdict(reaction) for reaction in reactions]
    if not rows:
        return empty_reactions()
    return conform_reactions(pd.DataFrame(rows))


def conform_reactions(frame: pd.DataFrame) -> pd.DataFrame:
    """Cast a frame read from disk or built elsewhere to the schema; missing columns are an error."""
    return conform_frame(frame, REACTION_DTYPES, table="reactions")


# --- Generic schema helpers and the other tables' schemas -----------------------------------------------------
# A dtype of "object" marks a list column (e.g. evidence): each cell is a Python list, [] when empty, so the
# column round-trips through Parquet as a list type.
LIST_DTYPE = "object"


def empty_frame(dtypes: dict[str, str]) -> pd.DataFrame:
    """An empty frame with exactly the columns and dtypes of `dtypes`."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})


def conform_frame(frame: pd.DataFrame, dtypes: dict[str, str], *, table: str) -> pd.DataFrame:
    """Cast `frame` to the schema `dtypes` (column order included); a missing column raises ValueError.

    Text columns get "" for missing values, dates NaT for unparseable ones, list columns [] for missing ones
    (and Python lists for the NumPy arrays that Parquet readers return).
    """
    missing = [name for name in dtypes if name not in frame.columns]
    if missing:
        raise ValueError(f"{table} table lacks columns: {', '.join(missing)}")
    out = frame.loc[:, list(dtypes)].copy()
    for name, dtype in dtypes.items():
        if dtype.startswith("datetime"):
            out[name] = pd.to_datetime(out[name], errors="coerce").astype(dtype)
        elif dtype == "str":
            out[name] = out[name].fillna("").astype(dtype)
        elif dtype == LIST_DTYPE:
            out[name] = pd.Series([_as_list(value) for value in out[name]], index=out.index, dtype=object)
        else:
            out[name] = out[name].astype(dtype)
    return out.reset_index(drop=True)


def lists_as_json(frame: pd.DataFrame, dtypes: dict[str, str] = REACTION_DTYPES) -> pd.DataFrame:
    """A copy with every list column written as JSON text, for formats without lists (CSV)."""
    lists = [name for name, dtype in dtypes.items() if dtype == LIST_DTYPE and name in frame.columns]
    return frame.assign(**{name: frame[name].map(lambda cell: json.dumps(_as_list(cell))) for name in lists})


def _as_list(value: object) -> list:
    """One list-column cell -> a list of plain values (dict items copied); None/NaN -> []."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, (str, bytes, dict)):
        raise ValueError(f"list column cell is a {type(value).__name__}, not a list")
    return [dict(item) if isinstance(item, dict) else item for item in value]


# The articles table: one row per input file, read or skipped (with the reason), so nothing is lost silently.
ARTICLE_STATUSES = ("read", "skipped")

ARTICLE_DTYPES: dict[str, str] = {
    "article_id": "str",
    "path": "str",
    "status": "str",  # one of ARTICLE_STATUSES
    "reason": "str",  # why an article was skipped; "" when read
    "language": "str",
    "event_id": "str",
    "event_match": "str",
    "title": "str",
    "source": "str",
    "url": "str",
    "published": "datetime64[us]",
    "n_reactions": "int64",
}
ARTICLE_COLUMNS: tuple[str, ...] = tuple(ARTICLE_DTYPES)


def empty_articles() -> pd.DataFrame:
    """An empty articles table with the full schema."""
    return empty_frame(ARTICLE_DTYPES)


def conform_articles(frame: pd.DataFrame) -> pd.DataFrame:
    """Cast a frame to the articles schema; missing columns are an error."""
    return conform_frame(frame, ARTICLE_DTYPES, table="articles")


# Keys of each dict in the consolidated table's `evidence` list column (dates as ISO "YYYY-MM-DD" or "").
EVIDENCE_KEYS: tuple[str, ...] = ("article_id", "sentence", "url", "source", "reaction_date", "published")

# The consolidated table: one row per (event_id, actor_id, stance) across all articles (pipeline/consolidate.py).
CONSOLIDATED_DTYPES: dict[str, str] = {
    "event_id": "str",
    "actor": "str",
    "actor_id": "str",
    "actor_type": "str",
    "country_iso3": "str",
    "official": "bool",
    "stance": "str",
    "first_date": "datetime64[us]",
    "first_reported": "datetime64[us]",
    "date_reported": "bool",
    "quote": "str",
    "n_reports": "int64",
    "n_articles": "int64",
    "evidence": LIST_DTYPE,  # list of dicts with EVIDENCE_KEYS, one per report, earliest first
    "sources": LIST_DTYPE,  # sorted unique source names
}
CONSOLIDATED_COLUMNS: tuple[str, ...] = tuple(CONSOLIDATED_DTYPES)


def empty_consolidated() -> pd.DataFrame:
    """An empty consolidated table with the full schema."""
    return empty_frame(CONSOLIDATED_DTYPES)


def conform_consolidated(frame: pd.DataFrame) -> pd.DataFrame:
    """Cast a frame to the consolidated schema; missing columns are an error."""
    return conform_frame(frame, CONSOLIDATED_DTYPES, table="consolidated")


# The country status table: one row per (event, country, day); stance is one of STANCES or NO_REACTION_FOUND.
STATUS_DTYPES: dict[str, str] = {
    "event_id": "str",
    "country_iso3": "str",
    "day": "datetime64[us]",
    "days_since_event": "int64",
    "stance": "str",
    "actor": "str",
    "actor_id": "str",
    "since": "datetime64[us]",  # NaT when no_reaction_found
    "n_reports": "int64",
    "conflicting": "bool",
    "evidence_count": "int64",
}
STATUS_COLUMNS: tuple[str, ...] = tuple(STATUS_DTYPES)


def empty_status() -> pd.DataFrame:
    """An empty country status table with the full schema."""
    return empty_frame(STATUS_DTYPES)


def conform_status(frame: pd.DataFrame) -> pd.DataFrame:
    """Cast a frame to the country status schema; missing columns are an error."""
    return conform_frame(frame, STATUS_DTYPES, table="country_status")


# Per country: its first actual reaction to an event and how its status changed (the timeline page).
FIRST_REACTION_DTYPES: dict[str, str] = {
    "event_id": "str",
    "country_iso3": "str",
    "first_reaction": "datetime64[us]",  # NaT when the country never reacted
    "stance": "str",  # stance of that first reaction; "" when none
    "actor": "str",
    "actor_id": "str",
    "days_to_react": "Int64",  # <NA> when the country never reacted
    "changes": LIST_DTYPE,  # list of dicts {date, stance, actor, actor_id}, one per change of status
}
FIRST_REACTION_COLUMNS: tuple[str, ...] = tuple(FIRST_REACTION_DTYPES)


def empty_first_reactions() -> pd.DataFrame:
    """An empty first-reactions table with the full schema."""
    return empty_frame(FIRST_REACTION_DTYPES)


def conform_first_reactions(frame: pd.DataFrame) -> pd.DataFrame:
    """Cast a frame to the first-reactions schema; missing columns are an error."""
    return conform_frame(frame, FIRST_REACTION_DTYPES, table="first_reactions")

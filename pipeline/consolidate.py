"""Across articles: one story per actor, and one status per country and day.

Extraction gives one reaction row per article mention; here those rows become (1) the consolidated table, one
row per (event_id, actor_id, stance) with its evidence, and (2) each country's status on each day after the event,
for the map and the timeline. Pure pandas over the schemas in ``pipeline.records``: no I/O, no NLP.

Rules for a country's status (``country_status_by_day``, ``status_as_of`` and ``first_reactions`` share them):

* Only official actors set a country's status, unless ``include_unofficial`` is true. Rows with an empty
  ``country_iso3`` (international organisations) never do. Stances outside ``STANCES`` are ignored.
* Each report (one evidence item) takes effect on its *effective date*: its ``reaction_date`` when the article
  gave one; otherwise, for "silent" and "withheld", the event date (a report of silence or of waiting says the
  country has not reacted since the event; dated at publication, a retrospective's background "had said he
  would wait" would outrank the congratulation it reports); otherwise the article's ``published`` date; otherwise its row's ``first_reported`` (then
  ``first_date``). A report with none of these cannot be placed in time and does not set a status (it stays in
  the consolidated table and its evidence).
* As of day D the status is that of the report with the latest effective date <= D: the later dated report wins.
  Ties on the same date go to ``TIE_PRECEDENCE`` (congratulated > supportive > critical > neutral > withheld >
  no_comment > silent: positive evidence of a reaction beats a report of none), then to the actor with more
  reports of that stance so far, then to the smaller actor id. Contradicting reports are kept, never overwritten.
* ``conflicting`` is True when, among the reports counted for the country as of D, those with the winner's
  effective date carry more than one stance (a same-day contradiction the tie-break had to settle).
* ``since`` is the date the current stance took effect: the earliest effective date of the unbroken run of that
  stance among the country's successive statuses (the actor may change within the run; ``actor`` is the
  winner's as of D). ``n_reports`` counts the winning actor's reports of the winning stance effective by D;
  ``evidence_count`` counts all the country's counted reports effective by D, whatever their stance.
* A country in ``countries`` with no effective report by D is ``NO_REACTION_FOUND`` (distinct from "silent", which
  is a report that the country did not react). Only the countries passed in ``countries`` get rows, so a caller
  leaves out the event's host countries by not passing them.

In the consolidated table a "silent" report without a reaction date uses its article's published date for
``first_date``, because the event date is not known there; the status rules above use the event date.
"""

from __future__ import annotations

import bisect
import collections
import dataclasses
import datetime as dt
from typing import Iterable, Sequence

import pandas as pd

from pipeline.records import (
    NO_REACTION_FOUND,
    STANCES,
    conform_consolidated,
    conform_first_reactions,
    conform_reactions,
    conform_status,
    empty_consolidated,
    empty_first_reactions,
    empty_status,
)

# Tie-break between reports that take effect on the same day; earlier wins.
TIE_PRECEDENCE: tuple[str, ...] = (
    "congratulated",
    "supportive",
    "critical",
    "neutral",
    "withheld",
    "no_comment",
    "silent",
)

# Stances that report the absence of a reaction; every other stance is an actual reaction.
NON_REACTIONS = frozenset({"withheld", "no_comment", "silent"})
# Undated reports of these stances hold from the event: silence since the event, and a wait that began with it
# ("had said since the election that he would wait", reported in the article that dates his congratulation)
# must not outrank a dated reaction that ended it.
_FROM_THE_EVENT = frozenset({"silent", "withheld"})

# The default end of a status series: this long after the latest dated evidence of the event.
END_PADDING = dt.timedelta(days=7)

# Order in which a report's articles are listed as evidence and its quote is chosen.
_REPORT_ORDER = ["effective", "published", "article_id", "start_char"]


@dataclasses.dataclass(frozen=True)
class _Report:
    """One report that may set a country's status."""

    country_iso3: str
    actor: str
    actor_id: str
    key: str  # actor_id, or the actor's name when the id is empty
    stance: str
    effective: pd.Timestamp


@dataclasses.dataclass(frozen=True)
class _Point:
    """A country's status from `effective` until the next point."""

    effective: pd.Timestamp
    stance: str
    actor: str
    actor_id: str
    since: pd.Timestamp
    n_reports: int
    conflicting: bool
    evidence_count: int


# --- consolidated table --------------------------------------------------------------------------------------


def consolidate_reactions(reactions: pd.DataFrame) -> pd.DataFrame:
    """Reaction rows (one per article mention) -> one row per (event_id, actor_id, stance), CONSOLIDATED_DTYPES.

    An actor without an id is grouped by its name. Exact duplicate rows count once. Evidence lists every report,
    earliest effective date first; the quote is the first non-empty one in that order.
    """
    frame = conform_reactions(reactions)
    # Exact duplicates are the same report twice; list cells (evidence spans) are compared as text.
    frame = frame[~frame.astype({"evidence_spans": str}).duplicated()]
    if frame.empty:
        return empty_consolidated()
    frame["effective"] = frame["reaction_date"].fillna(frame["published"])
    frame["key"] = frame["actor_id"].where(frame["actor_id"] != "", frame["actor"])
    frame = frame.sort_values(_REPORT_ORDER, na_position="last", kind="stable").reset_index(drop=True)
    records = frame.to_dict("records")
    groups = frame.groupby(["event_id", "key", "stance"], sort=False).indices
    rows = [_consolidate_group([records[at] for at in positions]) for positions in groups.values()]
    out = conform_consolidated(pd.DataFrame(rows))
    out = out.sort_values(
        ["event_id", "first_date", "country_iso3", "actor_id", "actor", "stance"], na_position="last", kind="stable"
    )
    return out.reset_index(drop=True)


def _consolidate_group(reports: list[dict]) -> dict:
    """The reports of one actor and stance for one event (sorted by date) -> one consolidated row."""
    first = reports[0]

    def column(name: str) -> list:
        return [report[name] for report in reports]

    return {
        "event_id": first["event_id"],
        "actor": _most_common(column("actor")),
        "actor_id": first["actor_id"],
        "actor_type": _most_common(column("actor_type")),
        "country_iso3": _most_common(column("country_iso3")),
        "official": bool(_most_common(column("official"))),
        "stance": first["stance"],
        "first_date": _earliest(column("effective")),
        "first_reported": _earliest(column("published")),
        "date_reported": any(pd.notna(value) for value in column("reaction_date")),
        "quote": next((quote for quote in column("quote") if quote.strip()), ""),
        "n_reports": len(reports),
        "n_articles": len(set(column("article_id"))),
        "evidence": [_evidence_item(report) for report in reports],
        "sources": sorted(set(column("source")) - {""}),
    }


def _most_common(values: list) -> object:
    """The most frequent non-empty value; ties go to the one seen first (reports are sorted by date)."""
    counts = collections.Counter(value for value in values if value != "") or collections.Counter(values)
    return max(counts, key=counts.__getitem__)


def _earliest(values: list[pd.Timestamp]) -> pd.Timestamp:
    """The earliest of some timestamps, NaT when all are missing."""
    return min((value for value in values if pd.notna(value)), default=pd.NaT)


def _evidence_item(report: dict) -> dict[str, str]:
    """One reaction row -> one evidence dict (EVIDENCE_KEYS)."""
    return {
        "article_id": report["article_id"],
        "sentence": report["sentence"],
        "url": report["url"],
        "source": report["source"],
        "reaction_date": _iso(report["reaction_date"]),
        "published": _iso(report["published"]),
    }


def _iso(value: object) -> str:
    """A timestamp -> "YYYY-MM-DD", or "" when missing."""
    return "" if pd.isna(value) else pd.Timestamp(value).date().isoformat()


# --- country status ------------------------------------------------------------------------------------------


def country_status_by_day(
    consolidated: pd.DataFrame,
    *,
    event_id: str,
    event_date: dt.date,
    countries: Sequence[str],
    end_date: dt.date | None = None,
    include_unofficial: bool = False,
) -> pd.DataFrame:
    """One row per (country, day) from `event_date` through `end_date`, STATUS_DTYPES; rules in the module doc.

    `end_date` defaults to the latest reaction or published date in the event's evidence (or the event date,
    whichever is later) plus END_PADDING. An `end_date` before `event_date` is a ValueError.
    """
    start = _day(event_date)
    end = _day(end_date) if end_date is not None else _default_end(consolidated, event_id=event_id, start=start)
    if end < start:
        raise ValueError(f"end_date {end.date()} is before event_date {start.date()}")
    days = list(pd.date_range(start, end, freq="D"))
    return _status_on_days(
        consolidated,
        event_id=event_id,
        event_date=start,
        days=days,
        countries=countries,
        include_unofficial=include_unofficial,
    )


def status_as_of(
    consolidated: pd.DataFrame,
    *,
    event_id: str,
    event_date: dt.date,
    day: dt.date,
    countries: Sequence[str],
    include_unofficial: bool = False,
) -> pd.DataFrame:
    """One row per country: its status on `day`, exactly as `country_status_by_day` gives it for that day."""
    return _status_on_days(
        consolidated,
        event_id=event_id,
        event_date=_day(event_date),
        days=[_day(day)],
        countries=countries,
        include_unofficial=include_unofficial,
    )


def first_reactions(
    consolidated: pd.DataFrame,
    *,
    event_id: str,
    event_date: dt.date,
    countries: Sequence[str],
    include_unofficial: bool = False,
) -> pd.DataFrame:
    """Per country: its first actual reaction and its status changes, FIRST_REACTION_DTYPES.

    An actual reaction is a counted report whose stance is not in NON_REACTIONS; its date is the report's
    effective date, its stance and actor the winner among that day's actual reactions (same tie-break as the
    status). `days_to_react` counts days from the event (negative if dated before it; <NA> if none). `changes`
    lists each change of the country's stance: dicts {date (ISO), stance, actor, actor_id}.
    """
    start = _day(event_date)
    by_country = _reports_by_country(
        consolidated, event_id=event_id, event_date=start, include_unofficial=include_unofficial
    )
    rows = []
    for country in _unique(countries):
        reports = by_country.get(country, [])
        actual = [report for report in reports if report.stance not in NON_REACTIONS]
        first = _winner(actual, on=min(report.effective for report in actual)) if actual else None
        changes = [
            {"date": _iso(point.effective), "stance": point.stance, "actor": point.actor, "actor_id": point.actor_id}
            for point in _timeline(reports)
            if point.since == point.effective
        ]
        rows.append(
            {
                "event_id": event_id,
                "country_iso3": country,
                "first_reaction": first.effective if first else pd.NaT,
                "stance": first.stance if first else "",
                "actor": first.actor if first else "",
                "actor_id": first.actor_id if first else "",
                "days_to_react": (first.effective - start).days if first else pd.NA,
                "changes": changes,
            }
        )
    return conform_first_reactions(pd.DataFrame(rows)) if rows else empty_first_reactions()


def _status_on_days(
    consolidated: pd.DataFrame,
    *,
    event_id: str,
    event_date: pd.Timestamp,
    days: Sequence[pd.Timestamp],
    countries: Sequence[str],
    include_unofficial: bool,
) -> pd.DataFrame:
    """The one status rule: each country's timeline of change points, looked up on each day."""
    by_country = _reports_by_country(
        consolidated, event_id=event_id, event_date=event_date, include_unofficial=include_unofficial
    )
    rows = []
    for country in _unique(countries):
        points = _timeline(by_country.get(country, []))
        dates = [point.effective for point in points]
        for day in days:
            at = bisect.bisect_right(dates, day) - 1
            status = _point_columns(points[at]) if at >= 0 else _no_reaction_columns()
            rows.append(
                {
                    "event_id": event_id,
                    "country_iso3": country,
                    "day": day,
                    "days_since_event": (day - event_date).days,
                    **status,
                }
            )
    return conform_status(pd.DataFrame(rows)) if rows else empty_status()


def _point_columns(point: _Point) -> dict:
    return {
        "stance": point.stance,
        "actor": point.actor,
        "actor_id": point.actor_id,
        "since": point.since,
        "n_reports": point.n_reports,
        "conflicting": point.conflicting,
        "evidence_count": point.evidence_count,
    }


def _no_reaction_columns() -> dict:
    return {
        "stance": NO_REACTION_FOUND,
        "actor": "",
        "actor_id": "",
        "since": pd.NaT,
        "n_reports": 0,
        "conflicting": False,
        "evidence_count": 0,
    }


def _reports_by_country(
    consolidated: pd.DataFrame, *, event_id: str, event_date: pd.Timestamp, include_unofficial: bool
) -> dict[str, list[_Report]]:
    """The event's reports that may set a country status, by country, each with its effective date."""
    table = conform_consolidated(consolidated)
    keep = (table["event_id"] == event_id) & (table["country_iso3"] != "") & table["stance"].isin(STANCES)
    if not include_unofficial:
        keep &= table["official"]
    by_country: dict[str, list[_Report]] = {}
    for row in table[keep].itertuples(index=False):
        fallback = row.first_reported if pd.notna(row.first_reported) else row.first_date
        for item in row.evidence or [{}]:
            effective = _effective_date(
                stance=row.stance,
                reaction_date=item.get("reaction_date", ""),
                published=item.get("published", ""),
                event_date=event_date,
                fallback=fallback,
            )
            if pd.isna(effective):
                continue
            report = _Report(
                country_iso3=row.country_iso3,
                actor=row.actor,
                actor_id=row.actor_id,
                key=row.actor_id or row.actor,
                stance=row.stance,
                effective=effective,
            )
            by_country.setdefault(row.country_iso3, []).append(report)
    return by_country


def _effective_date(
    *, stance: str, reaction_date: str, published: str, event_date: pd.Timestamp, fallback: pd.Timestamp
) -> pd.Timestamp:
    """When one report takes effect for the status: see the module docstring; NaT when it cannot be placed."""
    if reaction_date:
        return _day(reaction_date)
    if stance in _FROM_THE_EVENT:
        return event_date
    if published:
        return _day(published)
    return fallback


def _timeline(reports: Sequence[_Report]) -> list[_Point]:
    """A country's change points: one per distinct effective date, in date order."""
    points: list[_Point] = []
    for date in sorted({report.effective for report in reports}):
        so_far = [report for report in reports if report.effective <= date]
        winner = _winner(so_far, on=date)
        previous = points[-1] if points else None
        points.append(
            _Point(
                effective=date,
                stance=winner.stance,
                actor=winner.actor,
                actor_id=winner.actor_id,
                since=previous.since if previous and previous.stance == winner.stance else date,
                n_reports=sum(1 for r in so_far if (r.key, r.stance) == (winner.key, winner.stance)),
                conflicting=len({r.stance for r in so_far if r.effective == date}) > 1,
                evidence_count=len(so_far),
            )
        )
    return points


def _winner(reports: Sequence[_Report], *, on: pd.Timestamp) -> _Report:
    """Among `reports` effective on `on`: stance precedence, then the actor with more reports so far, then id."""
    support: dict[tuple[str, str], int] = {}
    for report in reports:
        if report.effective <= on:
            support[report.key, report.stance] = support.get((report.key, report.stance), 0) + 1
    same_day = [report for report in reports if report.effective == on]
    return min(
        same_day,
        key=lambda r: (TIE_PRECEDENCE.index(r.stance), -support[r.key, r.stance], r.key),
    )


def _default_end(consolidated: pd.DataFrame, *, event_id: str, start: pd.Timestamp) -> pd.Timestamp:
    """The latest reaction or published date among the event's evidence (at least `start`), plus END_PADDING."""
    table = conform_consolidated(consolidated)
    dates = [
        _day(value)
        for evidence in table.loc[table["event_id"] == event_id, "evidence"]
        for item in evidence
        for value in (item.get("reaction_date", ""), item.get("published", ""))
        if value
    ]
    return max([start, *dates]) + END_PADDING


def _day(value: dt.date | str) -> pd.Timestamp:
    """A date, datetime or ISO string -> a midnight Timestamp."""
    return pd.Timestamp(value).normalize()


def _unique(countries: Iterable[str]) -> list[str]:
    """Non-empty country codes, deduplicated and sorted."""
    return sorted({country for country in countries if country})

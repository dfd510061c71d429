"""Pure table functions for the dashboard: consolidated and country-status frames in, display frames out.

Every function takes DataFrames (and plain options) and returns a new DataFrame with a fixed set of columns;
an empty input gives an empty frame with those same columns. Nothing here imports Streamlit, so every view's
numbers are tested without a browser. Inputs follow the contracts of ``pipeline.consolidate``:

- *consolidated*: one row per (event_id, actor_id, stance) with ``evidence`` a list of dicts;
- *status*: one row per (country, day) from ``country_status_by_day`` / ``status_as_of``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterable, Mapping
from typing import Any

import pandas as pd

from dashboard.palette import REACTED_STANCES, STANCE_ORDER, actor_type_label, day_text, stance_label
from pipeline.records import NO_REACTION_FOUND

HEADLINE_COLUMNS = ("stance", "label", "count")
TIMELINE_COLUMNS = (
    "country_iso3",
    "days_to_react",
    "first_stance",
    "actor",
    "current_stance",
    "current_actor",
    "n_changes",
)
CHANGE_COLUMNS = ("country_iso3", "day", "days_since_event", "stance", "actor")
CUMULATIVE_COLUMNS = ("group", "day", "days_since_event", "reacted", "total", "share")
EVIDENCE_COLUMNS = (
    "event_id",
    "date",
    "actor",
    "actor_type",
    "country_iso3",
    "official",
    "stance",
    "quote",
    "sentence",
    "source",
    "url",
    "article_id",
)
RECENT_COLUMNS = ("date", "actor", "country_iso3", "stance", "quote", "source", "url")
BLOC_SHARE_COLUMNS = ("bloc", "members", "count", "share")
SILENT_COLUMNS = ("bloc", "country_iso3", "stance")
SEARCH_FIELDS = ("actor", "country_iso3", "country_name", "quote", "sentence", "source")
NOT_REACTED = frozenset({"silent", "no_comment", NO_REACTION_FOUND})


def _empty(columns: Iterable[str]) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="object") for name in columns})


def _as_datetime(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, errors="coerce")


def safe_url(url: Any) -> str:
    """The URL if it is an http(s) link, else "" — nothing else is ever shown as a link."""
    if not isinstance(url, str):
        return ""
    text = url.strip()
    lowered = text.lower()
    if lowered.startswith(("http://", "https://")) and len(text) > len("https://") and " " not in text:
        return text
    return ""


def with_country_names(frame: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Add a ``country_name`` column from the gazetteer (``iso3``, ``name``); unknown codes keep the code."""
    out = frame.copy()
    names = dict(zip(countries["iso3"], countries["name"])) if len(countries) else {}
    codes = out["country_iso3"].fillna("").astype(str) if "country_iso3" in out else pd.Series(dtype=str)
    out["country_name"] = [names.get(code, code) if code else "—" for code in codes]
    return out


def headline_counts(status: pd.DataFrame) -> pd.DataFrame:
    """Number of countries in each stance (all stances, in legend order, zeros included)."""
    counts = status["stance"].value_counts() if len(status) else pd.Series(dtype="int64")
    rows = [
        {"stance": stance, "label": stance_label(stance), "count": int(counts.get(stance, 0))}
        for stance in STANCE_ORDER
    ]
    return pd.DataFrame(rows, columns=list(HEADLINE_COLUMNS))


def _sorted_status(status_by_day: pd.DataFrame) -> pd.DataFrame:
    out = status_by_day.copy()
    out["day"] = _as_datetime(out["day"])
    return out.sort_values(["country_iso3", "day"], kind="stable")


def timeline_rows(first_reactions: pd.DataFrame, status_day: pd.DataFrame) -> pd.DataFrame:
    """Per country: days from the event to its first reaction (NaN if none yet), that stance, its status now.

    ``first_reactions`` is ``pipeline.consolidate.first_reactions`` output; ``status_day`` the status on the
    last day shown (for countries that never reacted, whether they are silent or simply not found). Countries
    absent from ``status_day`` (filtered out) are dropped.
    """
    if first_reactions.empty or status_day.empty:
        return _empty(TIMELINE_COLUMNS)
    now = status_day.loc[:, ["country_iso3", "stance", "actor"]].rename(
        columns={"stance": "current_stance", "actor": "current_actor"}
    )
    out = first_reactions.merge(now, on="country_iso3", how="inner")
    out["days_to_react"] = pd.to_numeric(out["days_to_react"], errors="coerce").astype("float64")
    out["first_stance"] = out["stance"].where(out["stance"] != "", out["current_stance"])
    out["n_changes"] = [len(changes) for changes in out["changes"]]
    return out.loc[:, list(TIMELINE_COLUMNS)].reset_index(drop=True)


def change_points(first_reactions: pd.DataFrame, *, event_date: dt.date) -> pd.DataFrame:
    """One row per change of a country's status (from ``first_reactions.changes``), days counted from the event."""
    rows = [
        {
            "country_iso3": record["country_iso3"],
            "day": pd.Timestamp(change["date"]),
            "days_since_event": (pd.Timestamp(change["date"]) - pd.Timestamp(event_date)).days,
            "stance": change["stance"],
            "actor": change.get("actor", ""),
        }
        for record in first_reactions.to_dict("records")
        for change in (record.get("changes") or [])
        if change.get("date")
    ]
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS)) if rows else _empty(CHANGE_COLUMNS)


def median_days_to_react(timeline: pd.DataFrame) -> float | None:
    """Median days from the event to a first reaction, over countries that reacted; None if none did."""
    days = pd.to_numeric(timeline["days_to_react"], errors="coerce").dropna()
    return float(days.median()) if len(days) else None


def cumulative_reactions(
    status_by_day: pd.DataFrame, *, groups: Mapping[str, Collection[str]]
) -> pd.DataFrame:
    """Per group and day: how many of the group's countries had stated a position by then, and what share.

    ``groups`` maps a label (a bloc, a region, an event) to its member ISO-3 codes; members with no status
    rows still count in the total, so a bloc whose members never reacted shows a flat line at zero. The
    curve never falls: a country that stated a position and later went quiet (withheld, silent) *had*
    reacted, as in ``pipeline.consolidate.first_reactions``.
    """
    if status_by_day.empty or not groups:
        return _empty(CUMULATIVE_COLUMNS)
    ordered = _sorted_status(status_by_day)
    ordered["reacted"] = ordered["stance"].isin(REACTED_STANCES).astype("int64")
    ordered["reacted"] = ordered.groupby("country_iso3", sort=False)["reacted"].cummax().astype(bool)
    frames = []
    for label, members in groups.items():
        members = frozenset(members)
        if not members:
            continue
        subset = ordered[ordered["country_iso3"].isin(members)]
        per_day = (
            subset.groupby(["day", "days_since_event"], as_index=False)["reacted"].sum()
            if len(subset)
            else ordered.groupby(["day", "days_since_event"], as_index=False)["reacted"].sum().assign(reacted=0)
        )
        per_day["group"] = label
        per_day["total"] = len(members)
        per_day["reacted"] = per_day["reacted"].astype("int64")
        per_day["share"] = per_day["reacted"] / per_day["total"]
        frames.append(per_day.loc[:, list(CUMULATIVE_COLUMNS)])
    if not frames:
        return _empty(CUMULATIVE_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def _evidence_items(value: Any) -> list[Mapping[str, Any]]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    return [item for item in list(value) if isinstance(item, Mapping)]


_MENTION_KEY = ("article_id", "event_id", "actor_id", "stance", "sentence")


def _mention_quotes(reactions: pd.DataFrame | None) -> dict[tuple[str, ...], str]:
    """(article, event, actor, stance, sentence) -> the quote that article gives in that sentence."""
    if reactions is None or reactions.empty:
        return {}
    keys = reactions.loc[:, list(_MENTION_KEY)].astype(str).itertuples(index=False, name=None)
    return {key: str(quote or "") for key, quote in zip(keys, reactions["quote"])}


def evidence_rows(consolidated: pd.DataFrame, *, reactions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per piece of evidence (article sentence) behind each consolidated reaction.

    A reaction without evidence still gives one row (its own quote and sources), so nothing consolidated is
    hidden from the quotes table. URLs that are not http(s) are blanked. With ``reactions`` (the store's
    per-mention table) each row carries the quote *its own article* gives (possibly none), not the
    reaction's chosen quote, so a quote is never shown beside a sentence from another article.
    """
    if consolidated.empty:
        return _empty(EVIDENCE_COLUMNS)
    quotes = _mention_quotes(reactions)
    rows = []
    for record in consolidated.to_dict("records"):
        base = {
            "event_id": record.get("event_id", ""),
            "actor": record.get("actor", ""),
            "actor_type": record.get("actor_type", ""),
            "country_iso3": record.get("country_iso3", ""),
            "official": bool(record.get("official", False)),
            "stance": record.get("stance", ""),
            "quote": record.get("quote", "") or "",
        }
        items = _evidence_items(record.get("evidence"))
        if not items:
            rows.append(
                base
                | {
                    "date": record.get("first_date"),
                    "sentence": "",
                    "source": str(record.get("sources", "") or ""),
                    "url": "",
                    "article_id": "",
                }
            )
        for item in items:
            key = tuple(str(part) for part in (item.get("article_id", ""), base["event_id"], record.get("actor_id", ""),
                                               base["stance"], item.get("sentence", "")))
            rows.append(
                base
                | {
                    "quote": quotes.get(key, base["quote"]) if quotes else base["quote"],
                    "date": item.get("reaction_date") or item.get("published") or record.get("first_date"),
                    "sentence": str(item.get("sentence", "") or ""),
                    "source": str(item.get("source", "") or ""),
                    "url": safe_url(item.get("url")),
                    "article_id": str(item.get("article_id", "") or ""),
                }
            )
    out = pd.DataFrame(rows, columns=list(EVIDENCE_COLUMNS))
    out["date"] = _as_datetime(out["date"])
    return out.sort_values(["date", "actor"], ascending=[False, True], na_position="last").reset_index(drop=True)


def search_rows(frame: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows whose actor, country, quote, sentence or source contains every word of ``query`` (any case)."""
    words = [word for word in query.lower().split() if word]
    if not words or frame.empty:
        return frame.reset_index(drop=True)
    fields = [name for name in SEARCH_FIELDS if name in frame.columns]
    haystack = frame[fields].astype(str).agg(" ".join, axis=1).str.lower()
    mask = pd.Series(True, index=frame.index)
    for word in words:
        mask &= haystack.str.contains(word, regex=False)
    return frame[mask].reset_index(drop=True)


def recent_reactions(
    consolidated: pd.DataFrame,
    *,
    limit: int = 10,
    until: dt.date | None = None,
    reactions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The latest ``limit`` quoted reactions dated on or before ``until``, newest first, one row per quote.

    ``reactions`` (the per-mention table) gives each row its own article's quote: see ``evidence_rows``.
    """
    if consolidated.empty:
        return _empty(RECENT_COLUMNS)
    evidence = evidence_rows(consolidated, reactions=reactions)
    if until is not None:
        evidence = evidence[evidence["date"].notna() & (evidence["date"] < pd.Timestamp(until) + pd.Timedelta(days=1))]
    quoted = evidence[evidence["quote"].astype(str).str.strip() != ""]
    latest = quoted.drop_duplicates(subset=["actor", "stance", "quote"], keep="first")
    return latest.loc[:, list(RECENT_COLUMNS)].head(limit).reset_index(drop=True)


def country_evidence(
    consolidated: pd.DataFrame, *, country_iso3: str, reactions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """All evidence rows about one country's actors (official or not), newest first."""
    subset = consolidated[consolidated["country_iso3"] == country_iso3] if len(consolidated) else consolidated
    return evidence_rows(subset, reactions=reactions)


def bloc_shares(
    status_day: pd.DataFrame, *, blocs: Mapping[str, Collection[str]], stances: Collection[str] = ("congratulated",)
) -> pd.DataFrame:
    """Per bloc: how many members were in one of ``stances`` on the status day, and the share of members."""
    by_country = dict(zip(status_day["country_iso3"], status_day["stance"])) if len(status_day) else {}
    wanted = frozenset(stances)
    rows = []
    for bloc, members in blocs.items():
        members = frozenset(members)
        count = sum(1 for iso3 in members if by_country.get(iso3) in wanted)
        rows.append(
            {"bloc": bloc, "members": len(members), "count": count, "share": count / len(members) if members else 0.0}
        )
    return pd.DataFrame(rows, columns=list(BLOC_SHARE_COLUMNS)) if rows else _empty(BLOC_SHARE_COLUMNS)


def silent_members(
    status_day: pd.DataFrame, *, blocs: Mapping[str, Collection[str]], had_reacted: Collection[str] = ()
) -> pd.DataFrame:
    """Members of each bloc with no stated position on the status day: silent, no comment or nothing found.

    Members absent from ``status_day`` (for example the event's host) are left out, not called silent, and so
    are those in ``had_reacted`` (see ``reacted_by``): a country that stated a position and then went quiet
    had reacted, as the cumulative curves count it.
    """
    by_country = dict(zip(status_day["country_iso3"], status_day["stance"])) if len(status_day) else {}
    reacted = frozenset(had_reacted)
    rows = [
        {"bloc": bloc, "country_iso3": iso3, "stance": by_country[iso3]}
        for bloc, members in blocs.items()
        for iso3 in sorted(members)
        if by_country.get(iso3) in NOT_REACTED and iso3 not in reacted
    ]
    return pd.DataFrame(rows, columns=list(SILENT_COLUMNS)) if rows else _empty(SILENT_COLUMNS)


def reacted_by(status_by_day: pd.DataFrame, *, days_since_event: int) -> frozenset[str]:
    """Countries that had stated a position (a reacting stance) on any day up to ``days_since_event``."""
    if status_by_day.empty:
        return frozenset()
    upto = status_by_day[
        (status_by_day["days_since_event"] <= days_since_event) & status_by_day["stance"].isin(REACTED_STANCES)
    ]
    return frozenset(upto["country_iso3"])


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _defuse(value):
    """A cell a spreadsheet would run as a formula ("=HYPERLINK(…)" in a quote) is prefixed with an apostrophe
    (OWASP's advice for CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV (with a BOM so spreadsheet programs read accents right); text cells that a
    spreadsheet would read as formulas are defused."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or str(safe[column].dtype) in {"str", "string"}:
            safe[column] = safe[column].map(_defuse)
    return safe.to_csv(index=False).encode("utf-8-sig")


def only_with_position(timeline: pd.DataFrame) -> pd.DataFrame:
    """Timeline rows of countries with any report (drops "no reaction found"), for a readable chart."""
    return timeline[timeline["current_stance"] != NO_REACTION_FOUND].reset_index(drop=True)


def stance_counts_by_group(status_days: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Stacked-bar input: for each label (an event or a bloc), countries per stance on its status day."""
    rows = [
        {"group": label, "stance": row.stance, "count": row.count}
        for label, status in status_days.items()
        for row in headline_counts(status).itertuples()
    ]
    return pd.DataFrame(rows, columns=["group", "stance", "count"])


def status_on_day(status_by_day: pd.DataFrame, *, days_since_event: int) -> pd.DataFrame:
    """The status rows of one day, counted from the event."""
    return status_by_day[status_by_day["days_since_event"] == days_since_event].reset_index(drop=True)


def cumulative_by_label(series: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Cumulative reaction curves of several status series (e.g. events), each over all its countries."""
    frames = [
        cumulative_reactions(frame, groups={label: frozenset(frame["country_iso3"])})
        for label, frame in series.items()
        if len(frame)
    ]
    return pd.concat(frames, ignore_index=True) if frames else _empty(CUMULATIVE_COLUMNS)


def with_stance_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with stance ids replaced by their labels, for display (downloads keep the ids)."""
    if "stance" not in frame.columns:
        return frame
    out = frame.copy()
    out["stance"] = [stance_label(stance) for stance in out["stance"]]
    return out


def with_display_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with stance and actor-type ids replaced by the labels the sidebar and legends use."""
    out = with_stance_labels(frame)
    if "actor_type" in out.columns:
        out = out.copy() if out is frame else out
        out["actor_type"] = [actor_type_label(str(value)) for value in out["actor_type"]]
    return out


def row_count_text(n: int) -> str:
    """The number of table rows in words: "1 row", "2 rows"."""
    return f"{n} row" if n == 1 else f"{n} rows"


def status_sentence(status_day: pd.DataFrame, *, country_iso3: str, day: dt.date) -> str:
    """One line saying a country's position on ``day``: stance, since when, and whose words set it."""
    rows = status_day[status_day["country_iso3"] == country_iso3]
    if rows.empty:
        return f"No position recorded for {country_iso3} on {day_text(day)}."
    row = rows.iloc[0]
    since = pd.Timestamp(row["since"]) if pd.notna(row["since"]) else None
    text = f"Position on {day_text(day)}: {stance_label(row['stance'])}"
    text += f" since {day_text(since)}" if since is not None else ""
    return text + (f" ({row['actor']})" if row["actor"] else "")


def country_choices(status_day: pd.DataFrame) -> dict[str, str]:
    """ISO-3 -> country name for the countries shown, in name order (the country picker's options)."""
    pairs = sorted(zip(status_day["country_iso3"], status_day["country_name"]), key=lambda pair: pair[1])
    return dict(pairs)

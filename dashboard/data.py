"""Cached loading for the pages: the store, the event catalogue, the gazetteer and per-event status tables.

Where the store lives: ``$REACTION_ATLAS_STORE`` if set (tests and deployments point it at their own
directory), else ``pipeline.build.default_store_dir()``. The default store is rebuilt from the sample articles
when it is missing or its inputs fingerprint differs from the samples'; a store named by the environment
variable is used as it is, and built from the samples only when it does not exist yet.

Caching is explicit and bounded: ``st.cache_data(max_entries=...)`` for tables, keyed by the store directory
and its *version* (the manifest's modification time), so adding articles invalidates exactly what changed;
``st.cache_resource`` for the spaCy pipeline, which is built once per process and never mutated.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.render import escape_markdown
from pipeline import build, consolidate, knowledge, store
from pipeline.events import Event, load_events

STORE_ENV = "REACTION_ATLAS_STORE"


def store_dir() -> Path:
    """The store directory the app reads and writes."""
    configured = os.environ.get(STORE_ENV, "").strip()
    return Path(configured) if configured else build.default_store_dir()


def store_version(directory: Path) -> str:
    """A token that changes whenever the store is rewritten (the manifest is written last)."""
    manifest = Path(directory) / store.MANIFEST_NAME
    return str(manifest.stat().st_mtime_ns) if manifest.exists() else "missing"


def needs_build(directory: Path) -> bool:
    """Whether the store must be (re)built from the samples before the app can show anything."""
    if os.environ.get(STORE_ENV, "").strip():
        return not (Path(directory) / store.MANIFEST_NAME).exists()
    return store.store_is_stale(directory, fingerprint=build.samples_fingerprint())


def ensure_store() -> Path:
    """Build the store from the sample articles if needed, with a visible progress bar; return its path."""
    directory = store_dir()
    if not needs_build(directory):
        return directory
    with st.status("Preparing the sample data (first start only)…", expanded=True) as status:
        bar = st.progress(0.0, text="Reading the sample articles")

        def progress(done: int, total: int, label: str) -> None:
            share = min(done / total, 1.0) if total else 1.0
            bar.progress(share, text=escape_markdown(f"{done}/{total} · {label}"[:120]))

        try:
            report = build.build_sample_store(store_dir=directory, progress=progress)
        except Exception as error:  # shown to the user with its traceback; nothing half-built is read
            status.update(label="Building the sample data failed.", state="error", expanded=True)
            st.exception(error)
            st.stop()
        status.update(
            label=f"Sample data ready: {len(report.read)} articles read, {report.n_reactions} reactions found.",
            state="complete",
            expanded=False,
        )
    load_tables.clear()
    return directory


@st.cache_resource(show_spinner="Loading the language model…")
def nlp_pipeline():
    """The spaCy pipeline, built once per process and shared read-only by every session."""
    from pipeline import nlp  # imported here: pages never import spaCy, and most runs never need it

    return nlp.shared_nlp()


@st.cache_data(max_entries=4, show_spinner=False)
def load_tables(directory: str, version: str) -> store.StoreTables:
    """The store's tables (``version`` is only a cache key: see ``store_version``)."""
    return store.load_store(Path(directory))


def tables() -> store.StoreTables:
    """The current store's tables, built first if needed."""
    directory = ensure_store()
    return load_tables(str(directory), store_version(directory))


@st.cache_data(max_entries=2, show_spinner=False)
def events() -> dict[str, Event]:
    """The event catalogue, id -> Event."""
    return load_events()


@st.cache_data(max_entries=1, show_spinner=False)
def countries() -> pd.DataFrame:
    """The gazetteer's countries (iso3, name, region, subregion, …)."""
    return knowledge.load_countries()


@st.cache_data(max_entries=1, show_spinner=False)
def bloc_names() -> dict[str, str]:
    """Bloc id -> display name."""
    return dict(knowledge.bloc_names())


@st.cache_data(max_entries=16, show_spinner=False)
def blocs_on(day: dt.date) -> dict[str, frozenset[str]]:
    """Bloc id -> member ISO-3 codes on ``day`` (membership changes: the UK left the EU in 2020)."""
    return {bloc_id: frozenset(knowledge.bloc_members(bloc_id, on=day)) for bloc_id in bloc_names()}


def reactor_countries(event: Event) -> list[str]:
    """Countries whose reaction to ``event`` is tracked: every country on the map except the event's hosts."""
    hosts = set(event.host_countries)
    return sorted(code for code in build.map_countries() if code not in hosts)


def _consolidated_for(tables_: store.StoreTables, *, actor_types: tuple[str, ...]) -> pd.DataFrame:
    frame = tables_.consolidated
    return frame[frame["actor_type"].isin(actor_types)] if actor_types else frame


@st.cache_data(max_entries=32, show_spinner=False)
def status_by_day(
    directory: str,
    version: str,
    *,
    event_id: str,
    end_date: dt.date,
    include_unofficial: bool,
    actor_types: tuple[str, ...],
) -> pd.DataFrame:
    """Every tracked country's status on every day from the event to ``end_date``."""
    event = events()[event_id]
    return consolidate.country_status_by_day(
        _consolidated_for(load_tables(directory, version), actor_types=actor_types),
        event_id=event_id,
        event_date=event.date,
        countries=reactor_countries(event),
        end_date=max(end_date, event.date),
        include_unofficial=include_unofficial,
    )


@st.cache_data(max_entries=32, show_spinner=False)
def first_reactions(
    directory: str, version: str, *, event_id: str, include_unofficial: bool, actor_types: tuple[str, ...]
) -> pd.DataFrame:
    """Per tracked country: first actual reaction, days to react and changes of stance."""
    event = events()[event_id]
    return consolidate.first_reactions(
        _consolidated_for(load_tables(directory, version), actor_types=actor_types),
        event_id=event_id,
        event_date=event.date,
        countries=reactor_countries(event),
        include_unofficial=include_unofficial,
    )


def last_data_day(consolidated: pd.DataFrame, *, event_id: str) -> dt.date | None:
    """The latest first-date among an event's consolidated reactions (the natural end of its sliders)."""
    dates = pd.to_datetime(consolidated.loc[consolidated["event_id"] == event_id, "first_date"], errors="coerce")
    dates = dates.dropna()
    return dates.max().date() if len(dates) else None


def add_articles(paths: list[Path], *, defaults, progress: Callable[[int, int, str], None]):
    """Run the pipeline on new files and merge their reactions into the store; the tables cache is refreshed."""
    nlp_pipeline()  # load (or reuse) the model under a visible spinner before the progress bar starts
    report = build.add_articles(paths, store_dir=ensure_store(), defaults=defaults, progress=progress)
    load_tables.clear()
    status_by_day.clear()
    first_reactions.clear()
    return report

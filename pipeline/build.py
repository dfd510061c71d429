"""From paths to tables: read articles, match their events, extract, consolidate, and write the store.

The command line and the dashboard both come through here, so a build from the shell and a build at app
start-up give the same store. The store is a cache: ``build_store`` rebuilds it from the inputs at any time;
``add_articles`` merges new articles into it without losing what was stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
from pathlib import Path
from typing import Callable, Sequence

import pandas as pd

from pipeline import consolidate, knowledge, records, store
from pipeline.articles import Article, ArticleDefaults, Skipped, read_articles
from pipeline.events import Event, EventMatch, load_events, match_event

log = logging.getLogger(__name__)

REPO_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"
STORE_ENV = "REACTION_ATLAS_STORE"
# Articles added to a store are kept beside its tables, so a rebuild (new samples, new rules) re-reads them
# instead of losing them.
ADDED_DIR = "added"
ADDED_FILE = "articles.jsonl"
# Countries that are not on the map as reactors of their own.
_NOT_ON_MAP = frozenset({"EUU"})

Progress = Callable[[int, int, str], None]


@dataclasses.dataclass(frozen=True)
class Extraction:
    """What one pass over some paths produced."""

    reactions: pd.DataFrame
    articles: pd.DataFrame  # records.ARTICLE_DTYPES: one row per article read or skipped
    skipped: list[Skipped]
    read: list[str]
    read_articles: list[Article] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class BuildReport:
    read: list[str]
    skipped: list[Skipped]
    n_reactions: int


def default_store_dir() -> Path:
    """Where the dashboard's store lives: $REACTION_ATLAS_STORE, else .store/ beside the code."""
    return Path(os.environ.get(STORE_ENV) or REPO_DIR / ".store")


def sample_dir() -> Path:
    return REPO_DIR / "sample_articles"


def samples_fingerprint() -> str:
    """A hash over the samples and the data files: the store is stale when either changes."""
    return store.inputs_fingerprint([sample_dir(), DATA_DIR])


def match_articles(
    articles: Sequence[Article], *, events: dict[str, Event], cli_event: str | None = None
) -> tuple[list[Article], list[EventMatch], list[Skipped]]:
    """Each article's event (its metadata's, else the best text match); articles with none are skipped."""
    kept, matches, skipped = [], [], []
    for article in articles:
        match = match_event(
            events,
            text=article.text,
            event_id=article.event_id,
            published=article.published,
            from_cli=bool(cli_event) and article.event_id == cli_event,
        )
        if match is None:
            reason = (
                f"unknown event id '{article.event_id}'"
                if article.event_id
                else "no event in the catalogue matches this text (give one with --event or front matter)"
            )
            skipped.append(Skipped(path=article.path or article.article_id, reason=reason))
            continue
        kept.append(article)
        matches.append(match)
    return kept, matches, skipped


def _article_rows(
    articles: Sequence[Article], matches: Sequence[EventMatch], skipped: Sequence[Skipped], reactions: pd.DataFrame
) -> pd.DataFrame:
    counts = reactions.groupby("article_id").size().to_dict() if len(reactions) else {}
    rows = [
        {
            "article_id": article.article_id,
            "path": article.path,
            "status": "read",
            "reason": "",
            "language": article.language,
            "event_id": match.event.id,
            "event_match": match.how,
            "title": article.title,
            "source": article.source,
            "url": article.url,
            "published": article.published,
            "n_reactions": int(counts.get(article.article_id, 0)),
        }
        for article, match in zip(articles, matches)
    ]
    rows += [
        {
            "article_id": Path(skip.path.split(":")[0]).stem,
            "path": skip.path,
            "status": "skipped",
            "reason": skip.reason,
            "language": skip.language,
            "event_id": "",
            "event_match": "",
            "title": "",
            "source": "",
            "url": "",
            "published": None,
            "n_reactions": 0,
        }
        for skip in skipped
    ]
    if not rows:
        return records.empty_articles()
    return records.conform_articles(pd.DataFrame(rows))


def extract_paths(
    paths: Sequence[str | Path],
    *,
    events_file: Path | None = None,
    defaults: ArticleDefaults = ArticleDefaults(),
    progress: Progress | None = None,
    nlp=None,
) -> Extraction:
    """Read, match and extract: the reactions table and the list of articles read and skipped."""
    from pipeline.extract import extract_reactions  # spaCy is only imported when extraction runs
    from pipeline.nlp import shared_nlp

    events = load_events(events_file)
    articles, skipped = read_articles(paths, defaults=defaults, known_event_ids=events)
    articles, matches, unmatched = match_articles(articles, events=events, cli_event=defaults.event_id)
    skipped = [*skipped, *unmatched]
    reactions = extract_reactions(nlp or shared_nlp(), articles, matches, progress=progress)
    return Extraction(
        reactions=reactions,
        articles=_article_rows(articles, matches, skipped, reactions),
        skipped=skipped,
        read=[a.article_id for a in articles],
        read_articles=list(articles),
    )


def map_countries() -> list[str]:
    """The ISO3 codes a map can show."""
    return [iso3 for iso3 in knowledge.load_countries()["iso3"] if iso3 not in _NOT_ON_MAP]


def country_status(consolidated: pd.DataFrame, *, events: dict[str, Event]) -> pd.DataFrame:
    """Per event in the table: each non-host country's official status on each day."""
    frames = []
    countries = map_countries()
    for event_id in sorted(set(consolidated["event_id"])):
        event = events.get(event_id)
        if event is None:
            continue
        frames.append(
            consolidate.country_status_by_day(
                consolidated,
                event_id=event_id,
                event_date=event.date,
                countries=[c for c in countries if c not in event.host_countries],
            )
        )
    if not frames:
        return records.empty_status()
    return records.conform_status(pd.concat(frames, ignore_index=True))


def _save(
    store_dir: Path, *, reactions: pd.DataFrame, articles: pd.DataFrame, events: dict[str, Event], fingerprint: str
) -> None:
    consolidated = consolidate.consolidate_reactions(reactions)
    store.save_store(
        store_dir,
        reactions=reactions,
        articles=articles,
        consolidated=consolidated,
        country_status=country_status(consolidated, events=events),
        inputs_fingerprint=fingerprint,
    )


def build_store(
    paths: Sequence[str | Path],
    *,
    store_dir: Path,
    events_file: Path | None = None,
    defaults: ArticleDefaults = ArticleDefaults(),
    progress: Progress | None = None,
    fingerprint: str = "",
) -> BuildReport:
    """Rebuild the store from scratch from these paths."""
    result = extract_paths(paths, events_file=events_file, defaults=defaults, progress=progress)
    _save(
        Path(store_dir),
        reactions=result.reactions,
        articles=result.articles,
        events=load_events(events_file),
        fingerprint=fingerprint,
    )
    return BuildReport(read=result.read, skipped=result.skipped, n_reactions=len(result.reactions))


def build_sample_store(*, store_dir: Path | None = None, progress: Progress | None = None) -> BuildReport:
    """The store over the shipped samples and the articles users added to it, marked with the samples'
    fingerprint."""
    directory = Path(store_dir or default_store_dir())
    added = directory / ADDED_DIR / ADDED_FILE
    paths = [sample_dir(), *([added] if added.exists() else [])]
    return build_store(paths, store_dir=directory, progress=progress, fingerprint=samples_fingerprint())


def _keep_added(articles: Sequence[Article], *, store_dir: Path) -> None:
    """Record added articles, as read (text and metadata, defaults applied), in the store's added/ folder
    as JSON Lines; an article with the same id replaces the earlier one. Written atomically."""
    path = store_dir / ADDED_DIR / ADDED_FILE
    kept: dict[str, dict] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                kept[entry["id"]] = entry
    for article in articles:
        kept[article.article_id] = {
            "id": article.article_id,
            "title": article.title,
            "source": article.source,
            "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "event": article.event_id,
            "text": article.text,
        }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in kept.values()), encoding="utf-8")
    os.replace(temporary, path)


def add_articles(
    paths: Sequence[str | Path],
    *,
    store_dir: Path,
    events_file: Path | None = None,
    defaults: ArticleDefaults = ArticleDefaults(),
    progress: Progress | None = None,
) -> BuildReport:
    """Extract new articles and merge them into the store; articles with the same id are replaced."""
    existing = store.load_store(Path(store_dir))
    result = extract_paths(paths, events_file=events_file, defaults=defaults, progress=progress)
    if result.read:
        _keep_added(result.read_articles, store_dir=Path(store_dir))
        reactions = store.merge_reactions(existing.reactions, result.reactions, replace_article_ids=result.read)
        articles = store.merge_articles(existing.articles, result.articles)
        _save(
            Path(store_dir),
            reactions=reactions,
            articles=articles,
            events=load_events(events_file),
            fingerprint=existing.manifest.get("inputs", ""),
        )
    return BuildReport(read=result.read, skipped=result.skipped, n_reactions=len(result.reactions))


def parse_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None

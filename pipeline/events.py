"""The event catalogue: load and validate events, and match an article to the event it is about.

Events are data (``data/events.yaml``, extendable with ``--events FILE``). An article belongs to the event its
metadata names; otherwise to the catalogue event whose subjects and keywords its text mentions most, weighted
towards events dated shortly before the article was published.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from pathlib import Path
from typing import Iterable, Mapping

import yaml

DATA_DIR = Path(__file__).parent / "data"
CATALOGUE_PATH = DATA_DIR / "events.yaml"
EVENT_KINDS = (
    "election_win",
    "contested_election",
    "re_election",
    "invasion",
    "death_in_custody",
    "killing",
    "coup",
    "other",
)
KINDS_PATH = DATA_DIR / "event_kinds.yaml"
ELECTION_KINDS = frozenset({"election_win", "contested_election", "re_election"})
# An article published this long after an event can still be about it (retrospectives).
_MAX_DAYS_AFTER = 400
# Minimum text score (subject and keyword mentions) for a text match to count.
_MIN_MATCH_SCORE = 2.0


class EventCatalogueError(ValueError):
    """An events file that cannot be used; the message names the file and the entry."""


@dataclasses.dataclass(frozen=True)
class Subject:
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclasses.dataclass(frozen=True)
class Event:
    id: str
    name: str
    date: dt.date
    kind: str = "other"
    subjects: tuple[Subject, ...] = ()
    host_countries: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    # Who suffers the event (the deceased, the invaded, the deposed): support for them is sympathy, not
    # support for the event.
    victims: tuple[str, ...] = ()

    @property
    def subject_names(self) -> tuple[str, ...]:
        return tuple(name for subject in self.subjects for name in subject.names)


@dataclasses.dataclass(frozen=True)
class EventMatch:
    event: Event
    how: str  # "metadata", "cli" or "text:<score>"


def _parse_event(entry: object, *, source: str, index: int) -> Event:
    where = f"{source}, entry {index + 1}"
    if not isinstance(entry, Mapping):
        raise EventCatalogueError(f"{where}: an event must be a mapping, got {type(entry).__name__}")
    for key in ("id", "name", "date"):
        if not entry.get(key):
            raise EventCatalogueError(f"{where}: missing '{key}'")
    event_id = str(entry["id"])
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", event_id):
        raise EventCatalogueError(f"{where}: id '{event_id}' must be lower-case letters, digits and hyphens")
    date = entry["date"]
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError as err:
            raise EventCatalogueError(f"{where} ({event_id}): bad date '{date}'") from err
    if not isinstance(date, dt.date):
        raise EventCatalogueError(f"{where} ({event_id}): bad date '{date}'")
    kind = str(entry.get("kind") or kind_from_name(str(entry["name"])))
    if kind not in EVENT_KINDS:
        raise EventCatalogueError(f"{where} ({event_id}): unknown kind '{kind}' (known: {', '.join(EVENT_KINDS)})")
    subjects = []
    for subject in entry.get("subjects") or ():
        if not isinstance(subject, Mapping) or not subject.get("name"):
            raise EventCatalogueError(f"{where} ({event_id}): each subject needs a name")
        subjects.append(Subject(str(subject["name"]), tuple(str(a) for a in subject.get("aliases") or ())))
    hosts = tuple(str(code).upper() for code in entry.get("host_countries") or ())
    for code in hosts:
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise EventCatalogueError(f"{where} ({event_id}): host country '{code}' is not an ISO 3166 alpha-3 code")
    return Event(
        id=event_id,
        name=str(entry["name"]),
        date=date,
        kind=kind,
        subjects=tuple(subjects),
        host_countries=hosts,
        keywords=tuple(str(k) for k in entry.get("keywords") or ()),
        victims=tuple(str(v) for v in entry.get("victims") or ()),
    )


@functools.lru_cache(maxsize=1)
def _kind_words() -> tuple[tuple[str, re.Pattern], ...]:
    entries = yaml.safe_load(KINDS_PATH.read_text(encoding="utf-8")) or []
    found = []
    for entry in entries:
        if entry["kind"] not in EVENT_KINDS:
            raise EventCatalogueError(f"{KINDS_PATH}: unknown kind '{entry['kind']}'")
        words = "|".join(re.escape(str(w)) for w in entry["words"])
        found.append((entry["kind"], re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)))
    return tuple(found)


@functools.lru_cache(maxsize=16)
def kind_words(kind: str) -> tuple[str, ...]:
    """The words that name an event of this kind ("coup", "putsch", "takeover"…), per data/event_kinds.yaml."""
    entries = yaml.safe_load(KINDS_PATH.read_text(encoding="utf-8")) or []
    return tuple(str(w) for entry in entries if entry["kind"] == kind for w in entry["words"])


def kind_from_name(name: str) -> str:
    """The kind an event's name says ("2021 military coup in Sudan" -> coup), per data/event_kinds.yaml."""
    for kind, pattern in _kind_words():
        if pattern.search(name):
            return kind
    return "other"


def read_events_file(path: Path) -> list[Event]:
    """Parse one events YAML file; raise EventCatalogueError naming the file and entry on bad input."""
    try:
        entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as err:  # ValueError: a date like 2020-13-01
        raise EventCatalogueError(f"{path}: cannot read events file: {err}") from err
    if not isinstance(entries, list):
        raise EventCatalogueError(f"{path}: an events file must be a YAML list of events")
    return [_parse_event(entry, source=str(path), index=i) for i, entry in enumerate(entries)]


@functools.lru_cache(maxsize=8)
def _load_events_cached(extra: tuple[str, ...]) -> tuple[Event, ...]:
    events: dict[str, Event] = {}
    for path in (str(CATALOGUE_PATH), *extra):
        for event in read_events_file(Path(path)):
            events[event.id] = event  # a later file overrides the catalogue
    return tuple(events.values())


def load_events(extra: Path | Iterable[Path] | None = None) -> dict[str, Event]:
    """The shipped catalogue plus any extra events files, by id (later files override earlier ones)."""
    if extra is None:
        extra_paths: tuple[str, ...] = ()
    elif isinstance(extra, (str, Path)):
        extra_paths = (str(extra),)
    else:
        extra_paths = tuple(str(p) for p in extra)
    return {event.id: event for event in _load_events_cached(extra_paths)}


def _count_mentions(text: str, names: Iterable[str]) -> int:
    total = 0
    for name in set(names):
        total += len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text))
    return total


def text_match_score(event: Event, *, text: str, published: dt.date | None) -> float:
    """How strongly a text is about an event: subject mentions count 1, keywords 0.25; 0 when out of date range."""
    if published is not None:
        days_after = (published - event.date).days
        if days_after < -1 or days_after > _MAX_DAYS_AFTER:
            return 0.0
    subjects = _count_mentions(text, event.subject_names)
    if subjects == 0:
        return 0.0
    keywords = sum(
        len(re.findall(rf"(?<!\w){re.escape(k)}", text, flags=re.IGNORECASE)) for k in set(event.keywords)
    )
    year_bonus = 2.0 if str(event.date.year) in text else 0.0
    score = subjects + 0.25 * keywords + year_bonus
    if published is not None:
        # Prefer the event closest before publication among equally good candidates.
        score -= max((published - event.date).days, 0) / 1000
    return score


def match_event(
    events: Mapping[str, Event],
    *,
    text: str,
    event_id: str | None,
    published: dt.date | None,
    from_cli: bool = False,
) -> EventMatch | None:
    """The event an article belongs to: the one it names, else the best text match; None if nothing fits."""
    if event_id:
        if event_id not in events:
            return None
        return EventMatch(events[event_id], "cli" if from_cli else "metadata")
    scored = sorted(
        ((text_match_score(event, text=text, published=published), event) for event in events.values()),
        key=lambda pair: pair[0],
        reverse=True,
    )
    if not scored or scored[0][0] < _MIN_MATCH_SCORE:
        return None
    score, event = scored[0]
    return EventMatch(event, f"text:{score:.1f}")

"""The corpus of real reporting: its manifest, its fixed dev/test split, and which texts are present.

Real news pages are not ours to redistribute, so their texts live in a git-ignored folder
(``tests/real/texts/<id>.txt``, each an exact copy of a stored excerpt) and the manifest says how to find each one
again (the search corpus, the query and the URL) and what it must hash to. Gold labels, decoys and the events
that are not in the shipped catalogue are ours and are committed beside the manifest.

The split is a property of the URL, fixed once: an article is in the **test** part when the first eight hex digits
of the SHA-256 of its normalised URL are divisible by three, else in **dev**. It needs no other article to be
decided, so adding articles never moves one that is already in.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import re
from pathlib import Path
from typing import Iterable

REAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "real"
TEXTS_DIR = REAL_DIR / "texts"
GOLD_DIR = REAL_DIR / "gold"
MANIFEST_PATH = REAL_DIR / "manifest.csv"
# Excerpts kept only as witnesses of cue phrases (never scored, so unlabelled): see pipeline/witnesses.py.
WITNESS_MANIFEST_PATH = REAL_DIR / "witness-manifest.csv"
WITNESS_MANIFEST_COLUMNS = ("id", "url", "outlet", "published", "event", "corpus", "query", "sha256", "chars", "notes")
EVENTS_PATH = REAL_DIR / "events.yaml"
RESERVED_PATH = REAL_DIR.parent.parent.parent / "shared" / "eval" / "reserved-urls.txt"

MANIFEST_COLUMNS = (
    "id",  # <event id>--<outlet slug>[-n]
    "url",
    "outlet",
    "published",  # ISO date, or blank when neither the page nor its address gives one
    "published_from",  # excerpt | url | text | unknown
    "event",
    "in_catalogue",  # yes: a pipeline/data/events.yaml event; no: tests/real/events.yaml, given with --events
    "language",
    "style",  # wire | list | live | regional | machine-translated | analysis | news | briefing | boilerplate
    "split",  # dev | test, from split_of(url)
    "corpus",  # the search corpus the excerpt came from
    "query",  # the search query that returned it
    "sha256",  # of the text file's UTF-8 bytes
    "chars",
    "labeller",
    "notes",
)
SPLITS = ("dev", "test")


@dataclasses.dataclass(frozen=True)
class RealArticle:
    """One manifest row."""

    id: str
    url: str
    outlet: str
    published: str
    event: str
    in_catalogue: bool
    style: str
    split: str
    sha256: str

    @property
    def text_path(self) -> Path:
        return TEXTS_DIR / f"{self.id}.txt"


def normalise_url(url: str) -> str:
    """The address without scheme, ``www.``/``www01.`` prefix, fragment, trailing slash or tracking parameters,
    so that two spellings of one page compare equal."""
    url = url.strip()
    url = re.sub(r"^[a-z]+://", "", url, flags=re.IGNORECASE)
    url = re.sub(r"^www\d*\.", "", url, flags=re.IGNORECASE)
    url = url.split("#", 1)[0]
    if "?" in url:
        base, query = url.split("?", 1)
        kept = [p for p in query.split("&") if p and not re.match(r"(utm_|maca=|ref=|amp)", p)]
        url = base + ("?" + "&".join(kept) if kept else "")
    url = re.sub(r"/amp/?$", "", url)
    return url.rstrip("/").lower()


def split_of(url: str) -> str:
    """'test' for a third of all addresses, 'dev' for the rest; a pure function of the normalised URL."""
    digest = hashlib.sha256(normalise_url(url).encode("utf-8")).hexdigest()
    return "test" if int(digest[:8], 16) % 3 == 0 else "dev"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reserved_urls(path: Path = RESERVED_PATH) -> frozenset[str]:
    """The normalised addresses reserved for the independent evaluation (empty where the file is absent)."""
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(normalise_url(line) for line in lines if line.strip() and not line.startswith("#"))


def read_manifest_rows(paths: Iterable[Path]) -> list[dict[str, str]]:
    rows = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


def load_manifest(path: Path = MANIFEST_PATH) -> list[RealArticle]:
    """The manifest's articles, in file order."""
    return [
        RealArticle(
            id=row["id"],
            url=row["url"],
            outlet=row["outlet"],
            published=row["published"],
            event=row["event"],
            in_catalogue=row["in_catalogue"] == "yes",
            style=row["style"],
            split=row["split"],
            sha256=row["sha256"],
        )
        for row in read_manifest_rows([path])
    ]

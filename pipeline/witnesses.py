"""Witnesses of the cue lexicon: the sentences of the project's corpora in which each cue phrase occurs.

A rule must generalise: every phrase of ``data/cues/<lang>.yaml`` (its ``phrases`` and ``quote_phrases``) needs at
least two witnesses — sentences from two different sources (outlets) — in the corpora the rules are written
against: the seed, the samples, the dev part of the real-reporting corpus and the witness excerpts (real pages kept
only for this, listed in tests/real/witness-manifest.csv, unlabelled and never scored). The held-out articles and
the real test split are never searched, so that no rule is fitted to them. A quote phrase is witnessed only inside
a quotation, as it is only read there.

``python scripts/cue_witnesses.py`` writes the witnesses to ``tests/cue_witnesses.csv`` (no text, only where);
``tests/test_cue_witnesses.py`` checks the lexicon against that file and the file against the corpora present.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path
from typing import Iterable, Iterator

from pipeline import real_reporting
from pipeline.articles import Article, ArticleDefaults, read_articles
from pipeline.build import REPO_DIR, match_articles, sample_dir
from pipeline.events import load_events

WITNESS_PATH = REPO_DIR / "tests" / "cue_witnesses.csv"
WITNESS_COLUMNS = ("phrase_id", "corpus", "article_id", "source", "start_char", "end_char")
SEED_DIR = REPO_DIR.parent / "shared" / "seed"
# The seed's outlet (shared/seed/README.md): the text carries no metadata of its own.
SEED_SOURCE = "Newsweek"
# Corpora searched for witnesses: what the rules are written against, nothing held out.
WITNESS_CORPORA = ("seed", "samples", "real-dev", "real-witness")
MIN_WITNESSES = 2


@dataclasses.dataclass(frozen=True, order=True)
class Witness:
    phrase_id: str
    corpus: str
    article_id: str
    source: str
    start_char: int
    end_char: int


def corpus_articles(corpus: str) -> list[Article]:
    """The articles of a witness corpus that are on this machine (none for an absent seed or real corpus)."""
    if corpus == "samples":
        paths = sorted(p for p in sample_dir().iterdir() if p.suffix in {".md", ".txt", ".html"} and p.name != "README.md")
        return read_articles(paths, known_event_ids=load_events())[0]
    if corpus == "seed":
        texts = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
        defaults = ArticleDefaults(event_id="us-2020-election", published=dt.date(2020, 11, 9))
        articles = read_articles(texts, defaults=defaults)[0]
        return [dataclasses.replace(a, source=a.source or SEED_SOURCE) for a in articles]
    if corpus == "real-dev":
        from pipeline.evaluate import real_articles

        return real_articles("dev")[0]
    if corpus == "real-witness":
        return _witness_articles()
    raise ValueError(f"no witness corpus '{corpus}' (known: {', '.join(WITNESS_CORPORA)})")


def _witness_articles() -> list[Article]:
    """The witness excerpts whose text is present and unchanged."""
    from pipeline.articles import read_text_article

    found = []
    for row in real_reporting.read_manifest_rows([real_reporting.WITNESS_MANIFEST_PATH]) if (
        real_reporting.WITNESS_MANIFEST_PATH.exists()
    ) else []:
        path = real_reporting.TEXTS_DIR / f"{row['id']}.txt"
        text = path.read_text(encoding="utf-8") if path.exists() else None
        if text is None or real_reporting.text_sha256(text) != row["sha256"]:
            continue
        article = read_text_article(text, article_id=row["id"], source=row["outlet"], url=row["url"],
                                    published=row["published"] or None, event_id=row["event"] or None)
        if isinstance(article, Article):
            found.append(article)
    return found


def find_witnesses(corpus: str, articles: Iterable[Article]) -> Iterator[Witness]:
    """Every (phrase, sentence) match of the lexicon's phrases in the articles, through the pipeline itself."""
    from pipeline.extract import prepare_doc
    from pipeline.nlp import shared_nlp

    nlp = shared_nlp()
    finder = nlp.get_pipe("reactions").find_cues
    articles = list(articles)
    events = load_events(real_reporting.EVENTS_PATH)
    articles, matches, _ = match_articles(articles, events=events)
    docs = (prepare_doc(nlp, a, m.event) for a, m in zip(articles, matches))
    for article, doc in zip(articles, nlp.pipe(docs, batch_size=16)):
        inside_quotes = {i for quote in doc.spans.get("quotes", []) for i in range(quote.start, quote.end)}
        found = set()
        for matcher, quoted_only in ((finder.matcher, False), (finder.quote_matcher, True)):
            for match_id, start, end in matcher(doc):
                if quoted_only and not all(i in inside_quotes for i in range(start, end)):
                    continue
                sent = doc[start].sent
                found.add((doc.vocab.strings[match_id], sent.start_char, sent.end_char))
        for phrase_id, start_char, end_char in sorted(found):
            yield Witness(phrase_id, corpus, article.article_id, article.source or article.article_id,
                          start_char, end_char)


def read_witnesses(path: Path = WITNESS_PATH) -> list[Witness]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            Witness(r["phrase_id"], r["corpus"], r["article_id"], r["source"], int(r["start_char"]), int(r["end_char"]))
            for r in csv.DictReader(handle)
        ]


def write_witnesses(witnesses: Iterable[Witness], path: Path = WITNESS_PATH) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(WITNESS_COLUMNS)
        for w in sorted(set(witnesses)):
            writer.writerow(dataclasses.astuple(w))


def short_of_witnesses(phrase_ids: Iterable[str], witnesses: Iterable[Witness]) -> dict[str, int]:
    """Phrases with fewer than MIN_WITNESSES sentences from distinct sources: phrase id -> sources found."""
    sources: dict[str, set[str]] = {}
    for w in witnesses:
        sources.setdefault(w.phrase_id, set()).add(w.source.strip().lower())
    return {pid: len(sources.get(pid, ())) for pid in phrase_ids if len(sources.get(pid, ())) < MIN_WITNESSES}


def lexicon_phrase_ids(language: str = "en") -> list[str]:
    from pipeline.cues import load_cues

    cues = load_cues(language)
    return [p.id for p in cues.phrases] + [p.id for p in cues.quote_phrases]

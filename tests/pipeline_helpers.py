"""Shared helpers for the extraction tests: run the real pipeline on a short text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from pipeline.articles import Article, normalise_text
from pipeline.events import EventMatch, load_events
from pipeline.extract import prepare_doc, reactions_from_doc
from pipeline.nlp import shared_nlp

SEED_DIR = Path(__file__).resolve().parents[2] / "shared" / "seed"


def extract_text(text: str, *, event_id: str = "us-2020-election", published: str = "2020-11-09") -> pd.DataFrame:
    """The reactions the pipeline finds in one text, as a frame of the reactions schema."""
    from pipeline.records import reactions_frame

    nlp = shared_nlp()
    event = load_events()[event_id]
    article = Article(article_id="case", text=normalise_text(text), published=dt.date.fromisoformat(published),
                      event_id=event_id)
    doc = nlp(prepare_doc(nlp, article, event))
    return reactions_frame(reactions_from_doc(doc, article=article, match=EventMatch(event, "cli")))


def pairs(frame: pd.DataFrame, *columns: str) -> set[tuple]:
    return set(frame.loc[:, list(columns)].itertuples(index=False, name=None))

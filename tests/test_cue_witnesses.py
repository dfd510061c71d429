"""No one-sentence rules: every phrase of the cue lexicon is witnessed by sentences from two different sources.

The witnesses are recorded in tests/cue_witnesses.csv by `python scripts/cue_witnesses.py` (which phrase, in which
article and sentence — no text), so that the check holds where the real-reporting texts are absent (CI); where a
corpus is present, the record is checked against it.
"""

from __future__ import annotations

import pytest

from pipeline import witnesses


def test_every_phrase_has_two_witnesses_from_different_sources():
    short = witnesses.short_of_witnesses(witnesses.lexicon_phrase_ids(), witnesses.read_witnesses())
    assert short == {}, "phrases witnessed by fewer than two sources (phrase: sources): " + ", ".join(
        f"{p}: {n}" for p, n in sorted(short.items())
    )


def test_witnesses_name_only_phrases_of_the_lexicon():
    recorded = {w.phrase_id for w in witnesses.read_witnesses()}
    assert recorded <= set(witnesses.lexicon_phrase_ids())


@pytest.mark.slow
@pytest.mark.parametrize("corpus", witnesses.WITNESS_CORPORA)
def test_recorded_witnesses_match_the_corpus_where_it_is_present(corpus):
    articles = witnesses.corpus_articles(corpus)
    if not articles:
        pytest.skip(f"{corpus}: not on this machine (its recorded witnesses are used as they are)")
    found = set(witnesses.find_witnesses(corpus, articles))
    recorded = {w for w in witnesses.read_witnesses() if w.corpus == corpus}
    assert found == recorded, "tests/cue_witnesses.csv is stale: run python scripts/cue_witnesses.py"


def test_short_of_witnesses_counts_distinct_sources():
    rows = [
        witnesses.Witness("a", "samples", "x", "Outlet One", 0, 10),
        witnesses.Witness("a", "samples", "y", "Outlet One", 0, 10),
        witnesses.Witness("b", "samples", "x", "Outlet One", 0, 10),
        witnesses.Witness("b", "real-dev", "z", "outlet two", 5, 20),
    ]
    assert witnesses.short_of_witnesses(["a", "b", "c"], rows) == {"a": 1, "c": 0}

"""The seed article (../shared/seed): exactly its ten gold reactions and none of its decoys, through the CLI."""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest

from pipeline.names import fold
from tests.pipeline_helpers import SEED_DIR

SEED_TEXT = SEED_DIR / "000_3b55a7257ded003e.txt"
pytestmark = pytest.mark.skipif(not SEED_TEXT.exists(), reason=f"seed article absent: {SEED_TEXT}")


@pytest.fixture(scope="module")
def extracted() -> pd.DataFrame:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(SEED_TEXT), "--event", "us-2020-election",
         "--published", "2020-11-09"],
        capture_output=True, text=True, check=True,
    )
    assert "(package en_core_web_sm" in result.stderr  # the log says which model package was loaded
    return pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return pd.read_csv(SEED_DIR / "000_3b55a7257ded003e.gold.csv", dtype=str, keep_default_na=False)


def test_exactly_the_gold_reactions(extracted, gold):
    got = sorted(zip(extracted["country_iso3"], extracted["actor_type"], extracted["stance"],
                     extracted["official"].map({"True": "yes", "False": "no"})))
    expected = sorted(zip(gold["actor_country_iso3"], gold["actor_type"], gold["stance"], gold["official"]))
    assert got == expected


@pytest.mark.parametrize("actor", ["Alexei Navalny", "Mikhail Gorbachev"])
def test_quotes_and_dates(extracted, gold, actor):
    row = extracted[extracted["actor"] == actor].iloc[0]
    expected = gold[gold["actor"] == actor].iloc[0]
    assert row["reaction_date"] == expected["reaction_date"] == "2020-11-08"
    assert fold(row["quote"]).startswith(fold(expected["quote_start"].replace("’", "'")))


def test_no_decoy(extracted):
    decoys = pd.read_csv(SEED_DIR / "000_3b55a7257ded003e.decoys.csv", dtype=str, keep_default_na=False)
    for decoy in decoys.itertuples(index=False):
        snippet = fold(decoy.text_snippet)
        hits = extracted[[snippet in fold(s) for s in extracted["sentence"]]]
        assert not any(fold(decoy.actor).split()[-1] in fold(a) for a in hits["actor"]), decoy.why


def test_evidence_offsets_point_at_the_sentence(extracted):
    from pipeline.articles import ArticleDefaults, read_articles

    (article,), _ = read_articles([SEED_TEXT], defaults=ArticleDefaults(event_id="us-2020-election"))
    for row in extracted.itertuples(index=False):
        assert article.text[int(row.start_char):int(row.end_char)].strip() == row.sentence

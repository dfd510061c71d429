"""Small hand-made reaction tables for the dashboard tests, and a store written from them.

The reactions are invented for tests (dates and stances loosely follow real reporting on the 2016 and 2020
US elections) and cover the cases the views must get right: a stance change (CHN: withheld then
congratulated), a reported silence (BRA), a non-reaction against an official one (RUS: silent, no comment,
and an unofficial congratulation), and a hostile row whose actor, quote and URL try to inject Markup.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from pipeline.consolidate import consolidate_reactions
from pipeline.records import Reaction, empty_articles, empty_status, reactions_frame
from pipeline.store import save_store

EVENT_2020 = "us-2020-election"
EVENT_2016 = "us-2016-election"
EVENT_2020_DATE = dt.date(2020, 11, 7)
HOSTILE_ACTOR = "<b>Evil</b> [click](javascript:alert(1))"
HOSTILE_QUOTE = "**bold** <script>alert(1)</script>"


def make_reaction(
    article_id: str,
    actor: str,
    iso3: str,
    stance: str,
    reaction_date: dt.date | None,
    *,
    event_id: str = EVENT_2020,
    actor_type: str = "head_of_government",
    official: bool = True,
    quote: str = "",
    url: str = "https://news.example.org/a",
    published: dt.date | None = None,
    source: str = "Example Wire",
) -> Reaction:
    return Reaction(
        article_id=article_id,
        event_id=event_id,
        event_match="metadata",
        actor=actor,
        actor_id=actor.lower().replace(" ", "_")[:30],
        actor_type=actor_type,
        country_iso3=iso3,
        official=official,
        stance=stance,
        reaction_date=reaction_date,
        date_precision="day" if reaction_date else "",
        quote=quote,
        sentence=f"{actor} reacted ({stance}).",
        start_char=0,
        end_char=10,
        source=source,
        url=url,
        published=published or reaction_date or dt.date(2020, 11, 9),
    )


def sample_reactions() -> pd.DataFrame:
    """The reactions table the dashboard tests run on (2020 and 2016 US elections)."""
    d = dt.date
    rows = [
        make_reaction("a1", "Angela Merkel", "DEU", "congratulated", d(2020, 11, 8), quote="I look forward to working with him."),
        make_reaction("a1", "Boris Johnson", "GBR", "congratulated", d(2020, 11, 7), quote="Congratulations to Joe Biden."),
        make_reaction("a2", "Emmanuel Macron", "FRA", "congratulated", d(2020, 11, 8), actor_type="head_of_state",
                  quote="We have a lot to do together.", url="https://other.example.com/b", source="Other Daily"),
        make_reaction("a2", "Justin Trudeau", "CAN", "congratulated", d(2020, 11, 7)),
        make_reaction("a3", "Vladimir Putin", "RUS", "silent", None, actor_type="head_of_state", published=d(2020, 11, 9)),
        make_reaction("a3", "Kremlin", "RUS", "no_comment", None, actor_type="government", published=d(2020, 11, 9)),
        make_reaction("a3", "Alexei Navalny", "RUS", "congratulated", d(2020, 11, 8), actor_type="opposition",
                  official=False, quote="Congratulations to the American people."),
        make_reaction("a4", "Wang Wenbin", "CHN", "withheld", d(2020, 11, 9), actor_type="spokesperson",
                  quote="We noticed the result."),
        make_reaction("a5", "Wang Wenbin", "CHN", "congratulated", d(2020, 11, 13), actor_type="spokesperson",
                  quote="We respect the choice of the American people.", published=d(2020, 11, 13)),
        make_reaction("a4", "Jair Bolsonaro", "BRA", "silent", None, actor_type="head_of_state"),
        make_reaction("a4", "Andres Manuel Lopez Obrador", "MEX", "withheld", d(2020, 11, 9), actor_type="head_of_state"),
        make_reaction("a5", "Recep Tayyip Erdogan", "TUR", "congratulated", d(2020, 11, 10), actor_type="head_of_state",
                  published=d(2020, 11, 10)),
        make_reaction("a6", HOSTILE_ACTOR, "IRN", "critical", d(2020, 11, 9), actor_type="other",
                  quote=HOSTILE_QUOTE, url="javascript:alert(1)"),
        make_reaction("b1", "Angela Merkel", "DEU", "congratulated", d(2016, 11, 9), event_id=EVENT_2016,
                  published=d(2016, 11, 9), quote="Germany and America are bound by values."),
        make_reaction("b1", "Vladimir Putin", "RUS", "congratulated", d(2016, 11, 9), event_id=EVENT_2016,
                  actor_type="head_of_state", published=d(2016, 11, 9)),
        make_reaction("b1", "Theresa May", "GBR", "congratulated", d(2016, 11, 9), event_id=EVENT_2016,
                  published=d(2016, 11, 9)),
    ]
    return reactions_frame(rows)


def sample_consolidated() -> pd.DataFrame:
    return consolidate_reactions(sample_reactions())


def write_store(directory: Path) -> Path:
    """Write the sample tables as a store in ``directory`` (no spaCy, no articles read)."""
    save_store(
        directory,
        reactions=sample_reactions(),
        articles=empty_articles(),
        consolidated=sample_consolidated(),
        country_status=empty_status(),
        inputs_fingerprint="dashboard-tests",
    )
    return directory


def status_rows(rows: list[tuple[str, int, str]], *, event_date: dt.date = EVENT_2020_DATE) -> pd.DataFrame:
    """A status-by-day frame from (iso3, days_since_event, stance) triples; other columns filled plainly."""
    records = [
        {
            "event_id": EVENT_2020,
            "country_iso3": iso3,
            "day": pd.Timestamp(event_date + dt.timedelta(days=days)),
            "days_since_event": days,
            "stance": stance,
            "actor": "" if stance == "no_reaction_found" else f"Leader of {iso3}",
            "actor_id": "",
            "since": pd.NaT if stance == "no_reaction_found" else pd.Timestamp(event_date),
            "n_reports": 0,
            "conflicting": False,
            "evidence_count": 0,
        }
        for iso3, days, stance in rows
    ]
    return pd.DataFrame(records)


@pytest.fixture(scope="session")
def consolidated() -> pd.DataFrame:
    return sample_consolidated()


@pytest.fixture(scope="session")
def countries() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": ["DEU", "GBR", "FRA", "CAN", "RUS", "CHN", "BRA", "MEX", "TUR", "IRN", "USA", "JPN"],
            "name": ["Germany", "United Kingdom", "France", "Canada", "Russia", "China", "Brazil", "Mexico",
                     "Turkey", "Iran", "United States", "Japan"],
            "region": ["Europe", "Europe", "Europe", "Americas", "Europe", "Asia", "Americas", "Americas", "Asia",
                       "Asia", "Americas", "Asia"],
        }
    )


@pytest.fixture
def store_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh store in tmp_path, and the app pointed at it."""
    directory = write_store(tmp_path / "store")
    monkeypatch.setenv("REACTION_ATLAS_STORE", str(directory))
    return directory


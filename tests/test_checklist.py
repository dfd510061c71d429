"""CheckList-style behavioural tests of the extraction (Ribeiro et al. 2020), the specification of issue 3, item 1.

Three kinds of table, each a list of short, natural news passages and what a careful reader takes from them:

- minimum functionality (MFT): one capability per table — negation and delay read as "silent", waiting as
  "withheld", declining as "no_comment", the nuances between neutral, critical and supportive, lists of actors,
  who speaks for a country;
- invariance (INV): rewriting a passage in a way that does not change its meaning (a name variant, another quote
  style, lower case, a typo, page boilerplate around the story) does not change the result;
- directional (DIR): statements aimed at someone else or about another event are not reactions to this one.

The expectations follow the labelling conventions in tests/gold/README.md (actor names are the canonical names of
pipeline/data; a government speaking as a body is "<Demonym> government", "Kremlin" for Russia). They say what the
text means, not what the rules happen to do: cases that fail show where the pipeline still falls short.
Assertions compare sets of plain tuples, so a failure message shows what was missing and what was extra.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Callable

import pandas as pd
import pytest

from pipeline.articles import Article, ArticleDefaults, normalise_text, read_articles, read_text_article
from pipeline.events import EventMatch, load_events
from pipeline.extract import prepare_doc, reactions_from_doc
from pipeline.records import REACTION_COLUMNS, reactions_frame

pytestmark = pytest.mark.checklist

US20 = "us-2020-election"
US24 = "us-2024-election"
UKR22 = "russia-invades-ukraine-2022"
NAVALNY = "navalny-death-2024"
MYANMAR = "myanmar-coup-2021"
NIGER = "niger-coup-2023"
TURKEY23 = "turkey-2023-election"
VENEZUELA = "venezuela-2024-election"
BELARUS = "belarus-2020-election"
RUSSIA24 = "russia-2024-election"

# A publication date shortly after each event, used when a case does not give its own.
PUBLISHED = {
    US20: "2020-11-09",
    US24: "2024-11-07",
    UKR22: "2022-02-25",
    NAVALNY: "2024-02-19",
    MYANMAR: "2021-02-02",
    NIGER: "2023-07-27",
    TURKEY23: "2023-05-29",
    VENEZUELA: "2024-07-31",
    BELARUS: "2020-08-11",
    RUSSIA24: "2024-03-18",
}

Extract = Callable[..., pd.DataFrame]


# --- fixtures and helpers ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline, built once per test session."""
    from pipeline.nlp import shared_nlp

    return shared_nlp()


@pytest.fixture(scope="session")
def extract_article(nlp) -> Callable[[Article, str], pd.DataFrame]:
    """Article + event id -> the reactions table, the way `extract` runs it for an article matched from the CLI."""
    events = load_events()

    def run(article: Article, event_id: str) -> pd.DataFrame:
        event = events[event_id]
        doc = nlp(prepare_doc(nlp, article, event))
        frame = reactions_frame(reactions_from_doc(doc, article=article, match=EventMatch(event, "cli")))
        assert tuple(frame.columns) == REACTION_COLUMNS
        return frame

    return run


@pytest.fixture(scope="session")
def extract(extract_article) -> Extract:
    """extract(text, *, event_id=US20, published=None) -> the reactions table for one pasted passage.

    The Article is built directly (normalised text, no length check) so that two-sentence cases are analysed.
    `published` defaults to a date shortly after the event.
    """

    def run(text: str, *, event_id: str = US20, published: str | None = None) -> pd.DataFrame:
        day = dt.date.fromisoformat(published or PUBLISHED[event_id])
        article = Article(
            article_id="checklist",
            text=normalise_text(text),
            title="",
            source="CheckList",
            published=day,
            event_id=event_id,
        )
        return extract_article(article, event_id)

    return run


def actor_pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(frame["actor"], frame["stance"]))


def country_pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
    rows = frame[frame["country_iso3"] != ""]
    return set(zip(rows["country_iso3"], rows["stance"]))


def official_country_pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
    return country_pairs(frame[frame["official"]])


def speaker_rows(frame: pd.DataFrame) -> set[tuple[str, str, str, bool, str]]:
    return {
        (row.actor, row.country_iso3, row.actor_type, bool(row.official), row.stance)
        for row in frame.itertuples(index=False)
    }


def dated_pairs(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    return {
        (row.actor, row.stance, "" if pd.isna(row.reaction_date) else row.reaction_date.date().isoformat())
        for row in frame.itertuples(index=False)
    }


def case(text: str, expected: set, event_id: str = US20, published: str | None = None, *, name: str):
    """One table row: the passage, its expected tuples, and the event and date it is read against."""
    return pytest.param(text, expected, event_id, published, id=name)


# --- MFT: negation and delay -> silent --------------------------------------------------------------------------

SILENT_CASES = [
    case(
        "Russian President Vladimir Putin did not congratulate Joe Biden on Sunday, a day after U.S. television "
        "networks projected the Democrat as the winner of the presidential election.",
        {("Vladimir Putin", "silent")},
        name="did-not-congratulate",
    ),
    case(
        "Chinese President Xi Jinping has yet to congratulate Joe Biden on his election victory, two days after "
        "U.S. networks called the race.",
        {("Xi Jinping", "silent")},
        name="has-yet-to",
    ),
    case(
        "Brazil's President Jair Bolsonaro, one of Donald Trump's closest allies abroad, is yet to react to Joe "
        "Biden's victory in the U.S. presidential election.",
        {("Jair Bolsonaro", "silent")},
        name="is-yet-to-react",
    ),
    case(
        "There has been no word from North Korean leader Kim Jong-un since U.S. networks called the presidential "
        "election for Joe Biden on Saturday.",
        {("Kim Jong-un", "silent")},
        name="no-word-from",
    ),
    case(
        "Turkish President Recep Tayyip Erdoğan has kept mum on Joe Biden's victory in the U.S. presidential "
        "election. Ankara's relations with Washington have been strained for years.",
        {("Recep Tayyip Erdoğan", "silent")},
        name="kept-mum",
    ),
    case(
        "Alexei Navalny died in an Arctic penal colony on Friday. Chinese President Xi Jinping remained "
        "conspicuously quiet after the death was announced.",
        {("Xi Jinping", "silent")},
        NAVALNY,
        name="conspicuously-quiet",
    ),
    case(
        "Saudi Crown Prince Mohammed bin Salman has not commented on the outcome of the U.S. presidential "
        "election, which Joe Biden won on Saturday.",
        {("Mohammed bin Salman", "silent")},
        name="has-not-commented",
    ),
    case(
        "British Prime Minister Boris Johnson congratulated Joe Biden on Saturday evening. Russian President "
        "Vladimir Putin has not.",
        {("Boris Johnson", "congratulated"), ("Vladimir Putin", "silent")},
        name="elided-has-not",
    ),
    case(
        "The army seized power in Myanmar on Monday and detained Aung San Suu Kyi. Thai Prime Minister Prayut "
        "Chan-o-cha has made no public comment on the military takeover.",
        {("Prayut Chan-o-cha", "silent")},
        MYANMAR,
        name="no-public-comment",
    ),
    case(
        "Four days after the vote, Brazil's President Luiz Inácio Lula da Silva was still silent on Nicolás "
        "Maduro's claim of victory in Venezuela's presidential election.",
        {("Luiz Inácio Lula da Silva", "silent")},
        VENEZUELA,
        "2024-08-02",
        name="still-silent",
    ),
    case(
        "Soldiers detained President Mohamed Bazoum in Niger on Wednesday and declared a coup. Algeria has not "
        "yet reacted to the coup in its neighbour.",
        {("Algerian government", "silent")},
        NIGER,
        name="not-yet-reacted-country",
    ),
    case(
        "Alexei Navalny died in prison on Friday. Indian Prime Minister Narendra Modi has said nothing publicly "
        "about Navalny's death.",
        {("Narendra Modi", "silent")},
        NAVALNY,
        name="said-nothing",
    ),
    case(
        "Recep Tayyip Erdoğan won Sunday's runoff. By Tuesday, the Greek government had issued no statement on "
        "Erdoğan's re-election.",
        {("Greek government", "silent")},
        TURKEY23,
        "2023-05-30",
        name="issued-no-statement",
    ),
]


@pytest.mark.parametrize("text, expected, event_id, published", SILENT_CASES)
def test_mft_negation_and_delay_are_silent(extract: Extract, text, expected, event_id, published):
    assert actor_pairs(extract(text, event_id=event_id, published=published)) == expected


# --- MFT: waiting -> withheld -----------------------------------------------------------------------------------

WITHHELD_CASES = [
    case(
        "U.S. networks called the presidential race for Joe Biden on Saturday. \"We will wait for the official "
        "results,\" Kremlin spokesman Dmitry Peskov told reporters on Monday.",
        {("Dmitry Peskov", "withheld")},
        name="wait-official-results",
    ),
    case(
        "China's foreign ministry said on Monday it would handle the question of congratulating Joe Biden in "
        "accordance with international practice.",
        {("Chinese government", "withheld")},
        name="international-practice",
    ),
    case(
        "Mexican President Andrés Manuel López Obrador said he would not congratulate Joe Biden until the legal "
        "challenges to the election are resolved.",
        {("Andrés Manuel López Obrador", "withheld")},
        name="until-legal-challenges",
    ),
    case(
        "Brazil's President Jair Bolsonaro said he would only recognise a winner of the U.S. presidential "
        "election after the Electoral College votes in December.",
        {("Jair Bolsonaro", "withheld")},
        name="after-electoral-college",
    ),
    case(
        "Russian Foreign Minister Sergey Lavrov said on Monday that it was too early to congratulate anyone on "
        "winning the U.S. presidential election.",
        {("Sergey Lavrov", "withheld")},
        name="too-early",
    ),
    case(
        "Colombian President Gustavo Petro refused to congratulate Nicolás Maduro, saying the electoral council "
        "must first publish the tally sheets from Sunday's vote.",
        {("Gustavo Petro", "withheld")},
        VENEZUELA,
        name="refused-to-congratulate",
    ),
    case(
        "Brazil's foreign ministry said it would wait for the publication of the voting records before "
        "recognising the result of Sunday's presidential election in Venezuela.",
        {("Brazilian government", "withheld")},
        VENEZUELA,
        name="wait-for-records",
    ),
    case(
        "Indonesian President Joko Widodo said he would send his congratulations to the winner of the U.S. "
        "presidential election once the result is certified.",
        {("Joko Widodo", "withheld")},
        name="once-certified",
    ),
    case(
        "Slovenian Prime Minister Janez Janša said he would not congratulate anyone before the final results of "
        "the U.S. election are confirmed.",
        {("Janez Janša", "withheld")},
        name="not-before-final",
    ),
    case(
        "The Kremlin said on Monday it would hold off on congratulating Joe Biden until the official results of "
        "the U.S. presidential election are announced.",
        {("Kremlin", "withheld")},
        name="hold-off",
    ),
]


@pytest.mark.parametrize("text, expected, event_id, published", WITHHELD_CASES)
def test_mft_waiting_is_withheld(extract: Extract, text, expected, event_id, published):
    assert actor_pairs(extract(text, event_id=event_id, published=published)) == expected


# --- MFT: declining when asked -> no_comment (compared per country) --------------------------------------------

NO_COMMENT_CASES = [
    case(
        "Asked about Joe Biden's victory at his daily briefing on Monday, Kremlin spokesman Dmitry Peskov "
        "declined to comment.",
        {("RUS", "no_comment")},
        name="declined-when-asked",
    ),
    case(
        "Joe Biden won the U.S. presidential election on Saturday. The Saudi embassy in Washington did not respond "
        "to a request for comment.",
        {("SAU", "no_comment")},
        name="no-response-embassy",
    ),
    case(
        "Officials at the Turkish presidency could not be reached for comment on Sunday about the result of the "
        "U.S. presidential election.",
        {("TUR", "no_comment")},
        name="could-not-be-reached",
    ),
    case(
        "Brazil's foreign ministry did not immediately respond to a request for comment on Joe Biden's win.",
        {("BRA", "no_comment")},
        name="no-immediate-response",
    ),
    case(
        "India's foreign ministry declined to comment on Alexei Navalny's death when asked by reporters on "
        "Friday.",
        {("IND", "no_comment")},
        NAVALNY,
        name="declined-navalny",
    ),
    case(
        "The military seized power in Myanmar on Monday. Vietnam's foreign ministry did not respond to a request "
        "for comment on the coup.",
        {("VNM", "no_comment")},
        MYANMAR,
        name="no-response-coup",
    ),
    case(
        "Soldiers seized power in Niger on Wednesday. The Algerian foreign ministry could not be reached for "
        "comment on the coup.",
        {("DZA", "no_comment")},
        NIGER,
        name="not-reached-niger",
    ),
    case(
        "Contacted on Monday, the Indian embassy in Moscow said it had no immediate comment on Vladimir Putin's "
        "re-election.",
        {("IND", "no_comment")},
        RUSSIA24,
        name="no-immediate-comment",
    ),
    case(
        "A spokesman for German Chancellor Olaf Scholz declined to comment when asked whether Scholz would call "
        "Erdoğan to congratulate him on his re-election.",
        {("DEU", "no_comment")},
        TURKEY23,
        name="spokesman-declined",
    ),
    case(
        "Mexico's foreign ministry did not reply to emailed questions about the outcome of Venezuela's "
        "presidential election.",
        {("MEX", "no_comment")},
        VENEZUELA,
        name="no-reply-to-questions",
    ),
]


@pytest.mark.parametrize("text, expected, event_id, published", NO_COMMENT_CASES)
def test_mft_declining_is_no_comment(extract: Extract, text, expected, event_id, published):
    assert country_pairs(extract(text, event_id=event_id, published=published)) == expected


# --- MFT: stance nuance -----------------------------------------------------------------------------------------

NUANCE_CASES = [
    case(
        "Japanese Foreign Minister Toshimitsu Motegi said Tokyo was gravely concerned about the situation in "
        "Myanmar after the military seized power.",
        {("Toshimitsu Motegi", "neutral")},
        MYANMAR,
        name="concern-neutral",
    ),
    case(
        "Turkey's foreign ministry said it was shocked by the news of Alexei Navalny's death in prison.",
        {("Turkish government", "neutral")},
        NAVALNY,
        name="shock-neutral",
    ),
    case(
        "Indian Prime Minister Narendra Modi appealed for an immediate cessation of violence in Ukraine and urged "
        "all sides to return to the path of dialogue.",
        {("Narendra Modi", "neutral")},
        UKR22,
        name="restraint-neutral",
    ),
    case(
        "Brazil's President Luiz Inácio Lula da Silva said the circumstances of Alexei Navalny's death should be "
        "investigated before anyone is blamed.",
        {("Luiz Inácio Lula da Silva", "neutral")},
        NAVALNY,
        name="investigation-neutral",
    ),
    case(
        "Cambodian Prime Minister Hun Sen said the events in Myanmar, where the army detained Aung San Suu Kyi, "
        "were an internal affair of the country.",
        {("Hun Sen", "neutral")},
        MYANMAR,
        name="internal-affair-neutral",
    ),
    case(
        "A Chinese foreign ministry spokesman said on Monday that Beijing had noted Joe Biden's declaration of "
        "victory.",
        {("Chinese government", "neutral")},
        name="noted-neutral",
    ),
    case(
        "Ukraine's foreign ministry expressed concern over the violence against protesters after Sunday's "
        "presidential election in Belarus.",
        {("Ukrainian government", "neutral")},
        BELARUS,
        name="concern-violence-neutral",
    ),
    case(
        "German Chancellor Olaf Scholz condemned Russia's attack on Ukraine as a flagrant breach of international "
        "law.",
        {("Olaf Scholz", "critical")},
        UKR22,
        name="condemned-critical",
    ),
    case(
        "French President Emmanuel Macron blamed the Russian authorities for Alexei Navalny's death.",
        {("Emmanuel Macron", "critical")},
        NAVALNY,
        name="blamed-critical",
    ),
    case(
        "Argentine President Javier Milei rejected the result of Venezuela's presidential election, calling it a "
        "fraud.",
        {("Javier Milei", "critical")},
        VENEZUELA,
        name="rejected-critical",
    ),
    case(
        "Brazil's foreign ministry said on Monday that it recognised the result of the U.S. presidential "
        "election.",
        {("Brazilian government", "supportive")},
        name="recognised-supportive",
    ),
    case(
        "Indian Prime Minister Narendra Modi said he looked forward to working with Joe Biden to take "
        "India-US relations to greater heights.",
        {("Narendra Modi", "supportive")},
        name="looked-forward-supportive",
    ),
    case(
        "Belarusian President Alexander Lukashenko backed the Russian military operation in Ukraine.",
        {("Alexander Lukashenko", "supportive")},
        UKR22,
        name="backed-supportive",
    ),
    case(
        "Hungarian Prime Minister Viktor Orbán hailed Donald Trump's victory as a much-needed win for the world.",
        {("Viktor Orbán", "supportive")},
        US24,
        name="hailed-supportive",
    ),
    case(
        "Canadian Prime Minister Justin Trudeau congratulated Joe Biden and Kamala Harris on their victory.",
        {("Justin Trudeau", "congratulated")},
        name="congratulated",
    ),
]


@pytest.mark.parametrize("text, expected, event_id, published", NUANCE_CASES)
def test_mft_stance_nuance(extract: Extract, text, expected, event_id, published):
    assert actor_pairs(extract(text, event_id=event_id, published=published)) == expected


# --- MFT: stances over time, each with its own date -------------------------------------------------------------

SEQUENCE_CASES = [
    case(
        "Brazil's President Jair Bolsonaro initially stayed silent after U.S. networks called the race for Joe "
        "Biden, then congratulated him on 15 December, a day after the Electoral College vote.",
        {("Jair Bolsonaro", "silent", ""), ("Jair Bolsonaro", "congratulated", "2020-12-15")},
        US20,
        "2020-12-20",
        name="silent-then-congratulated",
    ),
    case(
        "Turkish President Recep Tayyip Erdoğan kept quiet for three days after the race was called, then "
        "congratulated Joe Biden on Tuesday.",
        {("Recep Tayyip Erdoğan", "silent", ""), ("Recep Tayyip Erdoğan", "congratulated", "2020-11-10")},
        US20,
        "2020-11-11",
        name="quiet-then-congratulated",
    ),
    case(
        "The Kremlin had said it would wait for the official results. On Tuesday, Russian President Vladimir "
        "Putin congratulated Joe Biden on his victory.",
        {("Kremlin", "withheld", ""), ("Vladimir Putin", "congratulated", "2020-12-15")},
        US20,
        "2020-12-16",
        name="waited-then-congratulated",
    ),
    case(
        "Mexican President Andrés Manuel López Obrador, who had refused to congratulate Joe Biden until the legal "
        "challenges were resolved, sent him a letter of congratulations on 15 December.",
        {
            ("Andrés Manuel López Obrador", "withheld", ""),
            ("Andrés Manuel López Obrador", "congratulated", "2020-12-15"),
        },
        US20,
        "2020-12-16",
        name="refused-then-letter",
    ),
    case(
        "Canadian Prime Minister Justin Trudeau congratulated Joe Biden on Saturday.",
        {("Justin Trudeau", "congratulated", "2020-11-07")},
        US20,
        "2020-11-09",
        name="weekday-resolved",
    ),
    case(
        "In 2020, Putin was one of the last leaders to congratulate Joe Biden. On Thursday, Russian President "
        "Vladimir Putin congratulated Donald Trump on his victory.",
        {("Vladimir Putin", "congratulated", "2024-11-07")},
        US24,
        "2024-11-08",
        name="earlier-event-then-now",
    ),
]


@pytest.mark.parametrize("text, expected, event_id, published", SEQUENCE_CASES)
def test_mft_stance_sequence_is_dated(extract: Extract, text, expected, event_id, published):
    assert dated_pairs(extract(text, event_id=event_id, published=published)) == expected


# --- MFT: lists of actors (compared per country) ----------------------------------------------------------------

LIST_CASES = [
    case(
        "World leaders congratulated Joe Biden on Saturday, including British Prime Minister Boris Johnson, "
        "Canadian Prime Minister Justin Trudeau and Indian Prime Minister Narendra Modi.",
        {("GBR", "congratulated"), ("CAN", "congratulated"), ("IND", "congratulated")},
        name="including-a-b-c",
    ),
    case(
        "Boris Johnson, Justin Trudeau and Emmanuel Macron congratulated Joe Biden within hours of the race being "
        "called.",
        {("GBR", "congratulated"), ("CAN", "congratulated"), ("FRA", "congratulated")},
        name="a-b-c-congratulated",
    ),
    case(
        "Japan's Yoshihide Suga, South Korea's Moon Jae-in and Australia's Scott Morrison congratulated Joe Biden "
        "on Sunday.",
        {("JPN", "congratulated"), ("KOR", "congratulated"), ("AUS", "congratulated")},
        name="possessive-list",
    ),
    case(
        "The leaders of Japan, South Korea and Australia also congratulated Joe Biden on Sunday.",
        {("JPN", "congratulated"), ("KOR", "congratulated"), ("AUS", "congratulated")},
        name="leaders-of-countries",
    ),
    case(
        "Messages of congratulation to Joe Biden also came from the presidents of Egypt, Kenya and Nigeria.",
        {("EGY", "congratulated"), ("KEN", "congratulated"), ("NGA", "congratulated")},
        name="presidents-of",
    ),
    case(
        "Russia, China and Mexico have yet to congratulate Joe Biden.",
        {("RUS", "silent"), ("CHN", "silent"), ("MEX", "silent")},
        name="countries-yet-to",
    ),
    case(
        "Britain and France congratulated Joe Biden on Saturday, while Russia and China stayed silent.",
        {("GBR", "congratulated"), ("FRA", "congratulated"), ("RUS", "silent"), ("CHN", "silent")},
        name="two-lists-two-stances",
    ),
    case(
        "France, Germany and Britain condemned the invasion of Ukraine in the strongest terms.",
        {("FRA", "critical"), ("DEU", "critical"), ("GBR", "critical")},
        UKR22,
        name="countries-condemned",
    ),
    case(
        "The United States, Britain, France and Germany blamed the Kremlin for Alexei Navalny's death.",
        {("USA", "critical"), ("GBR", "critical"), ("FRA", "critical"), ("DEU", "critical")},
        NAVALNY,
        name="countries-blamed",
    ),
    case(
        "Nigeria, Senegal and Ivory Coast condemned the coup in Niger and demanded President Mohamed Bazoum's "
        "release.",
        {("NGA", "critical"), ("SEN", "critical"), ("CIV", "critical")},
        NIGER,
        name="neighbours-condemned",
    ),
    case(
        "Thailand, Cambodia and the Philippines called the coup in Myanmar an internal matter.",
        {("THA", "neutral"), ("KHM", "neutral"), ("PHL", "neutral")},
        MYANMAR,
        name="internal-matter-list",
    ),
    case(
        "Reactions from around the world:\n\n"
        "Japan: Prime Minister Yoshihide Suga said he looked forward to working with Joe Biden.\n\n"
        "Canada: Prime Minister Justin Trudeau congratulated Biden and Kamala Harris.\n\n"
        "Germany: Chancellor Angela Merkel congratulated Biden and said transatlantic friendship was "
        "irreplaceable.",
        {("JPN", "supportive"), ("CAN", "congratulated"), ("DEU", "congratulated")},
        name="list-items",
    ),
]


@pytest.mark.parametrize("text, expected, event_id, published", LIST_CASES)
def test_mft_lists_give_each_actor(extract: Extract, text, expected, event_id, published):
    assert country_pairs(extract(text, event_id=event_id, published=published)) == expected


# --- MFT: who speaks for a country ------------------------------------------------------------------------------

SPEAKER_CASES = [
    case(
        "\"We will wait for the official results,\" Kremlin spokesman Dmitry Peskov told reporters on Monday.",
        {("Dmitry Peskov", "RUS", "spokesperson", True, "withheld")},
        name="peskov",
    ),
    case(
        "Russian Foreign Ministry spokeswoman Maria Zakharova said it was premature to congratulate anyone before "
        "the official results of the U.S. election were announced.",
        {("Maria Zakharova", "RUS", "spokesperson", True, "withheld")},
        name="zakharova",
    ),
    case(
        "A Chinese foreign ministry spokesman said Beijing would handle the issue of congratulating Joe Biden in "
        "accordance with usual practice.",
        {("Chinese government", "CHN", "government", True, "withheld")},
        name="unnamed-cn-spokesman",
    ),
    case(
        "Chinese foreign ministry spokesman Wang Wenbin extended congratulations to Joe Biden and Kamala Harris "
        "at a regular briefing on Friday.",
        {("Wang Wenbin", "CHN", "spokesperson", True, "congratulated")},
        US20,
        "2020-11-14",
        name="wang-wenbin",
    ),
    case(
        "The Indian embassy in Washington said New Delhi looked forward to working closely with the incoming "
        "Biden administration.",
        {("Indian government", "IND", "government", True, "supportive")},
        name="embassy",
    ),
    case(
        "Russian opposition leader Alexei Navalny congratulated Joe Biden and Kamala Harris on Sunday.",
        {("Alexei Navalny", "RUS", "opposition", False, "congratulated")},
        name="opposition",
    ),
    case(
        "Marine Le Pen, the leader of France's far-right National Rally, congratulated Donald Trump on his "
        "victory.",
        {("Marine Le Pen", "FRA", "opposition", False, "congratulated")},
        US24,
        name="opposition-leader-party",
    ),
    case(
        "Former British prime minister Tony Blair congratulated Joe Biden on his victory.",
        {("Tony Blair", "GBR", "former_leader", False, "congratulated")},
        name="former-leader",
    ),
    case(
        "Former Australian prime minister Kevin Rudd welcomed Joe Biden's victory as good news for the world.",
        {("Kevin Rudd", "AUS", "former_leader", False, "supportive")},
        name="former-leader-unlisted",
    ),
    case(
        "European Commission President Ursula von der Leyen congratulated Joe Biden and Kamala Harris.",
        {("Ursula von der Leyen", "EUU", "organization", True, "congratulated")},
        name="eu-head",
    ),
    case(
        "The European Union condemned Russia's unprovoked invasion of Ukraine.",
        {("European Union", "EUU", "organization", True, "critical")},
        UKR22,
        name="eu-body",
    ),
    case(
        "NATO Secretary-General Jens Stoltenberg condemned Russia's reckless and unprovoked attack on Ukraine.",
        {("Jens Stoltenberg", "", "organization", True, "critical")},
        UKR22,
        name="nato-head",
    ),
    case(
        "The United Nations said it was deeply concerned by the military takeover in Myanmar.",
        {("United Nations", "", "organization", True, "neutral")},
        MYANMAR,
        name="un-body",
    ),
    case(
        "The African Union condemned the coup in Niger and demanded that the soldiers return to their barracks.",
        {("African Union", "", "organization", True, "critical")},
        NIGER,
        name="african-union",
    ),
    case(
        "BERLIN (Atlas Wire) - Western leaders blamed the Kremlin on Friday after Russian prison authorities said "
        "Alexei Navalny had died in an Arctic penal colony.",
        set(),
        NAVALNY,
        name="dateline-is-not-a-speaker",
    ),
    case(
        "ASEAN called for dialogue, reconciliation and a return to normalcy in Myanmar after the coup.",
        {("Association of Southeast Asian Nations", "", "organization", True, "neutral")},
        MYANMAR,
        name="asean",
    ),
]


@pytest.mark.parametrize("text, expected, event_id, published", SPEAKER_CASES)
def test_mft_who_speaks(extract: Extract, text, expected, event_id, published):
    assert speaker_rows(extract(text, event_id=event_id, published=published)) == expected


# Media, analysts, anonymous sources, opposition and former leaders may appear, but never set an official stance.
UNOFFICIAL_CASES = [
    case(
        "Russian state television mocked the chaos of the U.S. election and said Joe Biden's victory would change "
        "little for Moscow.",
        set(),
        name="state-tv",
    ),
    case(
        "China's nationalist tabloid Global Times said in an editorial that Joe Biden's win would not end "
        "tensions between the two countries.",
        set(),
        name="tabloid-editorial",
    ),
    case(
        "Moscow-based foreign policy analyst Fyodor Lukyanov said the Kremlin would be in no hurry to congratulate "
        "Joe Biden.",
        set(),
        name="analyst",
    ),
    case(
        "A senior Indian official, speaking on condition of anonymity, said New Delhi was relieved by Joe Biden's "
        "victory.",
        set(),
        name="anonymous-official",
    ),
    case(
        "Western diplomats in Beijing said privately that China was unlikely to congratulate Joe Biden soon.",
        set(),
        name="diplomats-privately",
    ),
    case(
        "Former French president Nicolas Sarkozy praised Joe Biden as a man of great experience.",
        set(),
        name="former-president",
    ),
    case(
        "Germany's Bild newspaper called Recep Tayyip Erdoğan's victory a bitter day for Turkish democracy.",
        set(),
        TURKEY23,
        name="newspaper",
    ),
    case(
        "Russian opposition leader Alexei Navalny congratulated Joe Biden on Sunday, while the Kremlin said it "
        "would wait for the official results.",
        {("RUS", "withheld")},
        name="opposition-beside-kremlin",
    ),
    case(
        "Brazilian opposition lawmakers denounced the result in Venezuela as a fraud, while Brazil's foreign "
        "ministry said it would wait for the publication of the voting records.",
        {("BRA", "withheld")},
        VENEZUELA,
        name="lawmakers-beside-ministry",
    ),
]


@pytest.mark.parametrize("text, expected, event_id, published", UNOFFICIAL_CASES)
def test_mft_unofficial_voices_set_no_official_stance(extract: Extract, text, expected, event_id, published):
    assert official_country_pairs(extract(text, event_id=event_id, published=published)) == expected


# --- INV: name variants -----------------------------------------------------------------------------------------

RUSSIA_NAMES = {
    "full-name": "Vladimir Putin",
    "surname": "Putin",
    "title-surname": "President Putin",
    "russian-leader": "The Russian leader",
    "kremlin": "The Kremlin",
    "moscow": "Moscow",
}
RUSSIA_TEMPLATES = {
    "wait": (
        "U.S. networks called the presidential race for Joe Biden on Saturday. {name} said on Monday that it was "
        "correct to wait for the official results before congratulating anyone.",
        {("RUS", "withheld")},
    ),
    "yet-to": (
        "U.S. networks called the presidential race for Joe Biden on Saturday. {name} has yet to congratulate "
        "him.",
        {("RUS", "silent")},
    ),
}
RUSSIA_VARIANT_CASES = [
    pytest.param(template.format(name=name), expected, id=f"{tid}-{nid}")
    for tid, (template, expected) in RUSSIA_TEMPLATES.items()
    for nid, name in RUSSIA_NAMES.items()
]


@pytest.mark.parametrize("text, expected", RUSSIA_VARIANT_CASES)
def test_inv_russia_name_variants_give_the_same_country_stance(extract: Extract, text, expected):
    assert country_pairs(extract(text)) == expected


ACTOR_VARIANT_TEMPLATES = {
    "kim": (
        "There has been no word from North Korean leader {name} on Joe Biden's election victory.",
        ("Kim Jong Un", "Kim Jong-un", "Kim Jong-Un"),
        {("Kim Jong-un", "silent")},
        "2020-11-09",
    ),
    "erdogan": (
        "Turkish President {name} congratulated Joe Biden on Tuesday, three days after U.S. networks called the "
        "race.",
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", "Tayyip Erdoğan", "Erdoğan", "Erdogan"),
        {("Recep Tayyip Erdoğan", "congratulated")},
        "2020-11-11",
    ),
    "amlo": (
        "Mexican President {name} said he would not congratulate Joe Biden until the legal challenges to the "
        "result are resolved.",
        ("Andrés Manuel López Obrador", "Andres Manuel Lopez Obrador", "López Obrador", "Lopez Obrador"),
        {("Andrés Manuel López Obrador", "withheld")},
        "2020-11-09",
    ),
    "zelensky": (
        "Ukrainian President {name} congratulated Joe Biden on Sunday and said he hoped for stronger ties.",
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky", "Zelenskiy", "Zelensky"),
        {("Volodymyr Zelenskyy", "congratulated")},
        "2020-11-09",
    ),
}


def _ascii_id(text: str) -> str:
    """A readable ASCII test id for a name; accented spellings keep a marker so they stay distinct cases."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().replace(" ", "-")
    return plain if text.isascii() else f"{plain}-accented"


ACTOR_VARIANT_CASES = [
    pytest.param(template.format(name=name), expected, published, id=f"{tid}-{_ascii_id(name)}")
    for tid, (template, names, expected, published) in ACTOR_VARIANT_TEMPLATES.items()
    for name in names
]


@pytest.mark.parametrize("text, expected, published", ACTOR_VARIANT_CASES)
def test_inv_name_variants_give_the_same_actor(extract: Extract, text, expected, published):
    assert actor_pairs(extract(text, published=published)) == expected


# --- INV: quote styles ------------------------------------------------------------------------------------------

_PESKOV_LEAD = (
    "MOSCOW, Nov 9 (Atlas Wire) - U.S. networks called the presidential election for Joe Biden on Saturday.\n\n"
)
_PESKOV_WORDS = "We believe it is correct to wait for the official results"
_SCHOLZ_LEAD = "BERLIN, Feb 24 (Atlas Wire) - Russian troops crossed into Ukraine on Thursday morning.\n\n"
_SCHOLZ_WORDS = "This is a flagrant breach of international law"
_PESKOV = ("Dmitry Peskov", "withheld")
_SCHOLZ = ("Olaf Scholz", "critical")

QUOTE_CASES = [
    pytest.param(
        _PESKOV_LEAD + f'"{_PESKOV_WORDS}," Kremlin spokesman Dmitry Peskov told reporters.',
        US20, _PESKOV, _PESKOV_WORDS, id="peskov-straight",
    ),
    pytest.param(
        _PESKOV_LEAD + f"\u201c{_PESKOV_WORDS},\u201d Kremlin spokesman Dmitry Peskov told reporters.",
        US20, _PESKOV, _PESKOV_WORDS, id="peskov-curly",
    ),
    pytest.param(
        _PESKOV_LEAD + f"\u00ab{_PESKOV_WORDS},\u00bb Kremlin spokesman Dmitry Peskov told reporters.",
        US20, _PESKOV, _PESKOV_WORDS, id="peskov-guillemets",
    ),
    pytest.param(
        _PESKOV_LEAD + f"\u201e{_PESKOV_WORDS},\u201c Kremlin spokesman Dmitry Peskov told reporters.",
        US20, _PESKOV, _PESKOV_WORDS, id="peskov-low-high",
    ),
    pytest.param(
        _PESKOV_LEAD + f"'{_PESKOV_WORDS},' Kremlin spokesman Dmitry Peskov told reporters.",
        US20, _PESKOV, _PESKOV_WORDS, id="peskov-single",
    ),
    pytest.param(
        _PESKOV_LEAD + f'Kremlin spokesman Dmitry Peskov told reporters: "{_PESKOV_WORDS}."',
        US20, _PESKOV, _PESKOV_WORDS, id="peskov-colon",
    ),
    pytest.param(
        _PESKOV_LEAD + f"Kremlin spokesman Dmitry Peskov was blunt \u2014 \u201c{_PESKOV_WORDS}.\u201d",
        US20, _PESKOV, _PESKOV_WORDS, id="peskov-dash-then-quote",
    ),
    pytest.param(
        _PESKOV_LEAD + f"\u2014 {_PESKOV_WORDS}, Kremlin spokesman Dmitry Peskov told reporters.",
        US20, _PESKOV, _PESKOV_WORDS, id="peskov-dash-dialogue",
    ),
    pytest.param(
        _PESKOV_LEAD
        + '"We believe it is correct," Kremlin spokesman Dmitry Peskov told reporters, "to wait for the official '
        'results."',
        US20, _PESKOV, "We believe it is correct", id="peskov-split",
    ),
    pytest.param(
        _PESKOV_LEAD + f'"{_PESKOV_WORDS}, Kremlin spokesman Dmitry Peskov told reporters.',
        US20, _PESKOV, _PESKOV_WORDS, id="peskov-unclosed",
    ),
    pytest.param(
        _PESKOV_LEAD + f'{_PESKOV_WORDS}," Kremlin spokesman Dmitry Peskov told reporters.',
        US20, _PESKOV, _PESKOV_WORDS, id="peskov-unopened",
    ),
    pytest.param(
        _SCHOLZ_LEAD + f'"{_SCHOLZ_WORDS}," German Chancellor Olaf Scholz said.',
        UKR22, _SCHOLZ, _SCHOLZ_WORDS, id="scholz-straight",
    ),
    pytest.param(
        _SCHOLZ_LEAD + f"\u201c{_SCHOLZ_WORDS},\u201d German Chancellor Olaf Scholz said.",
        UKR22, _SCHOLZ, _SCHOLZ_WORDS, id="scholz-curly",
    ),
    pytest.param(
        _SCHOLZ_LEAD + f"German Chancellor Olaf Scholz said: \u00ab{_SCHOLZ_WORDS}.\u00bb",
        UKR22, _SCHOLZ, _SCHOLZ_WORDS, id="scholz-colon-guillemets",
    ),
]


@pytest.mark.parametrize("text, event_id, expected, words", QUOTE_CASES)
def test_inv_quote_styles_keep_actor_stance_and_quote(extract: Extract, text, event_id, expected, words):
    frame = extract(text, event_id=event_id)
    assert actor_pairs(frame) == {expected}
    quotes = frame.loc[(frame["actor"] == expected[0]) & (frame["stance"] == expected[1]), "quote"].tolist()
    assert any(words.lower() in quote.lower() for quote in quotes), quotes


# --- INV: typos, casing, punctuation ----------------------------------------------------------------------------

_TYPO_BASES = {
    "us20": (
        "Canadian Prime Minister Justin Trudeau congratulated Joe Biden on his election victory on Saturday. "
        "Russian President Vladimir Putin has yet to congratulate Biden.",
        US20,
        {("Justin Trudeau", "congratulated"), ("Vladimir Putin", "silent")},
        {"typo": ("election victory", "electoin victroy"), "typo-title": ("Prime Minister", "Prime Minster")},
    ),
    "ukr22": (
        "German Chancellor Olaf Scholz condemned Russia's attack on Ukraine on Thursday. Indian Prime Minister "
        "Narendra Modi called for an immediate cessation of violence.",
        UKR22,
        {("Olaf Scholz", "critical"), ("Narendra Modi", "neutral")},
        {"typo": ("on Thursday", "on Thrusday"), "typo-title": ("Chancellor", "Chancelor")},
    ),
}


def _hard_wrap(text: str, width: int = 38) -> str:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def _typo_cases() -> list:
    cases = []
    for bid, (text, event_id, expected, typos) in _TYPO_BASES.items():
        variants = {
            "original": text,
            "lower": text.lower(),
            "upper": text.upper(),
            "no-final-period": text.rstrip("."),
            "no-space-after-period": text.replace(". ", ".", 1),
            "hard-wrapped": _hard_wrap(text),
            **{name: text.replace(old, new, 1) for name, (old, new) in typos.items()},
        }
        cases += [pytest.param(v, event_id, expected, id=f"{bid}-{vid}") for vid, v in variants.items()]
    return cases


@pytest.mark.parametrize("text, event_id, expected", _typo_cases())
def test_inv_typos_and_casing_change_nothing(extract: Extract, text, event_id, expected):
    assert actor_pairs(extract(text, event_id=event_id)) == expected


# --- INV: page boilerplate around the story ---------------------------------------------------------------------

_STORY_US20 = (
    "OTTAWA/LONDON (Atlas Wire) - Canadian Prime Minister Justin Trudeau congratulated Joe Biden and Kamala "
    "Harris on Saturday, hours after U.S. networks projected their victory in the presidential election.\n\n"
    '"Our two countries are close friends, partners, and allies," Trudeau said in a statement.\n\n'
    "British Prime Minister Boris Johnson also congratulated Biden on his election.\n\n"
    "In Moscow, the Kremlin said it would wait for the official results before commenting. Chinese President "
    "Xi Jinping has yet to congratulate Biden."
)
_EXPECTED_US20 = {
    ("Justin Trudeau", "congratulated"),
    ("Boris Johnson", "congratulated"),
    ("Kremlin", "withheld"),
    ("Xi Jinping", "silent"),
}
_STORY_NAVALNY = (
    "MOSCOW (Atlas Wire) - Russian prison authorities said on Friday that Alexei Navalny had died in an Arctic "
    "penal colony.\n\n"
    "German Chancellor Olaf Scholz condemned the death, saying Navalny had paid for his courage with his "
    "life.\n\n"
    "French President Emmanuel Macron condemned the death and blamed the Russian authorities.\n\n"
    "Indian Prime Minister Narendra Modi has said nothing publicly about the death."
)
_EXPECTED_NAVALNY = {
    ("Olaf Scholz", "critical"),
    ("Emmanuel Macron", "critical"),
    ("Narendra Modi", "silent"),
}

_COOKIES = (
    "We use cookies to improve your experience on our site and to show you relevant advertising. By continuing "
    "to browse, you agree to our use of cookies.\n\nAccept all | Manage preferences"
)
_DONATION = (
    "Independent journalism needs your support. Donate today: every contribution, big or small, keeps our "
    "reporting free for everyone.\n\nSupport us from $1"
)
_READ_MORE = (
    "Read more\n\n"
    "Trump refuses to concede as lawsuits mount in key states\n\n"
    "Macron unveils new security law amid street protests\n\n"
    "Xi Jinping to attend virtual APEC summit next week\n\n"
    "Putin signs law granting former presidents lifetime immunity"
)
_CAPTION_US20 = (
    "Canadian Prime Minister Justin Trudeau speaks during a news conference in Ottawa, Canada, November 6, 2020. "
    "Photo: Atlas Wire/Jane Doe"
)
_CAPTION_NAVALNY = "People lay flowers at a memorial in Berlin, February 16, 2024. Photo: Atlas Wire/Jane Doe"
_SHARE = "Share this article: Facebook Twitter Email\n\nSign up for our daily newsletter"


def _with_caption(story: str, caption: str) -> str:
    first, rest = story.split("\n\n", 1)
    return f"{first}\n\n{caption}\n\n{rest}"


BOILERPLATE_CASES = [
    pytest.param(_COOKIES + "\n\n" + _STORY_US20, US20, _EXPECTED_US20, id="us20-cookie-banner"),
    pytest.param(_STORY_US20 + "\n\n" + _DONATION, US20, _EXPECTED_US20, id="us20-donation"),
    pytest.param(_STORY_US20 + "\n\n" + _READ_MORE, US20, _EXPECTED_US20, id="us20-read-more"),
    pytest.param(_with_caption(_STORY_US20, _CAPTION_US20), US20, _EXPECTED_US20, id="us20-caption"),
    pytest.param(_STORY_US20 + "\n\n" + _SHARE, US20, _EXPECTED_US20, id="us20-share-newsletter"),
    pytest.param(
        "\n\n".join([_COOKIES, _with_caption(_STORY_US20, _CAPTION_US20), _SHARE, _DONATION, _READ_MORE]),
        US20,
        _EXPECTED_US20,
        id="us20-all",
    ),
    pytest.param(
        "\n\n".join([_COOKIES, _with_caption(_STORY_NAVALNY, _CAPTION_NAVALNY), _DONATION, _READ_MORE]),
        NAVALNY,
        _EXPECTED_NAVALNY,
        id="navalny-all",
    ),
]


@pytest.mark.parametrize("story, event_id, expected", [
    pytest.param(_STORY_US20, US20, _EXPECTED_US20, id="us20"),
    pytest.param(_STORY_NAVALNY, NAVALNY, _EXPECTED_NAVALNY, id="navalny"),
])
def test_inv_bare_stories_give_the_expected_reactions(extract: Extract, story, event_id, expected):
    """The baseline the boilerplate cases are compared to."""
    assert actor_pairs(extract(story, event_id=event_id)) == expected


@pytest.mark.parametrize("text, event_id, expected", BOILERPLATE_CASES)
def test_inv_boilerplate_changes_nothing(extract_article, text, event_id, expected):
    article = read_text_article(
        text, article_id="checklist-boilerplate", published=PUBLISHED[event_id], event_id=event_id
    )
    assert isinstance(article, Article), article
    assert actor_pairs(extract_article(article, event_id)) == expected


def _html_page(story: str) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in story.split("\n\n"))
    headlines = "\n".join(f'<li><a href="https://example.org/{i}">{h}</a></li>'
                          for i, h in enumerate(_READ_MORE.split("\n\n")[1:]))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Trudeau and Johnson congratulate Biden; Kremlin waits</title>
<meta property="article:published_time" content="2020-11-09T08:00:00Z">
</head><body>
<div class="cookie-banner"><p>{_COOKIES.split(chr(10))[0]}</p><button>Accept all</button></div>
<nav><a href="https://example.org/world">World</a> <a href="https://example.org/politics">Politics</a></nav>
<article>
<h1>Trudeau and Johnson congratulate Biden; Kremlin waits</h1>
<figure><img src="https://example.org/trudeau.jpg" alt=""><figcaption>{_CAPTION_US20}</figcaption></figure>
{paragraphs}
</article>
<aside class="donate"><p>{_DONATION.split(chr(10))[0]}</p></aside>
<aside class="related"><h2>Read more</h2><ul>{headlines}</ul></aside>
<footer><p>{_SHARE.split(chr(10))[0]}</p><p>&copy; 2020 Atlas Wire</p></footer>
</body></html>
"""


def test_inv_boilerplate_html_page_changes_nothing(extract_article, tmp_path: Path):
    page = tmp_path / "checklist-page.html"
    page.write_text(_html_page(_STORY_US20), encoding="utf-8")
    articles, skipped = read_articles(
        [page], defaults=ArticleDefaults(event_id=US20, published=dt.date(2020, 11, 9))
    )
    assert not skipped and len(articles) == 1, skipped
    assert actor_pairs(extract_article(articles[0], US20)) == _EXPECTED_US20


# --- DIR: target swaps and host/subject speakers are not reactions ----------------------------------------------

TARGET_CASES = [
    case(
        "Slovenian Prime Minister Janez Janša congratulated Donald Trump and Mike Pence on their re-election on "
        "Wednesday, before the count was finished.",
        set(),
        name="congratulates-loser",
    ),
    case(
        "Brazilian President Jair Bolsonaro praised Donald Trump on Monday as the best president in U.S. history.",
        set(),
        name="praises-loser",
    ),
    case(
        "Japanese Prime Minister Yoshihide Suga congratulated Maia Sandu on Monday on her victory in Moldova's "
        "presidential election.",
        set(),
        US20,
        "2020-11-17",
        name="another-countrys-leader",
    ),
    case(
        "Indian Prime Minister Narendra Modi congratulated the BJP on Tuesday on its strong showing in the Bihar "
        "state election.",
        set(),
        US20,
        "2020-11-11",
        name="congratulates-party",
    ),
    case(
        "Last week, German Chancellor Olaf Scholz congratulated Greek Prime Minister Kyriakos Mitsotakis on his "
        "party's strong election result.",
        set(),
        TURKEY23,
        name="greek-leader-not-erdogan",
    ),
    case(
        "In 2013, German Chancellor Angela Merkel praised Joe Biden, then vice president, as a reliable friend of "
        "Europe.",
        set(),
        name="praise-years-earlier",
    ),
    case(
        "Russian President Vladimir Putin praised Joe Biden as an experienced politician when they met in Moscow "
        "in 2011. This week, Putin has not congratulated him.",
        {("Vladimir Putin", "silent")},
        name="praise-years-earlier-then-silent",
    ),
    case(
        "President Donald Trump refused to concede on Sunday and said the election was being stolen from him.",
        set(),
        name="host-trump",
    ),
    case(
        "The Biden campaign welcomed the congratulations pouring in from world leaders.",
        set(),
        name="host-campaign",
    ),
    case(
        "Republican Senator Mitt Romney congratulated Joe Biden and Kamala Harris on Sunday.",
        set(),
        name="host-senator",
    ),
    case(
        "Republican Senator Mitt Romney congratulated Joe Biden on Sunday, as did Irish Taoiseach Micheál Martin.",
        {("Micheál Martin", "congratulated")},
        name="host-senator-beside-foreign",
    ),
    case(
        "Biden thanked the world leaders who had called him and said America was back.",
        set(),
        name="subject-speaks",
    ),
    case(
        "Erdoğan thanked his supporters in Istanbul and said the only winner of the election was Turkey.",
        set(),
        TURKEY23,
        name="subject-speaks-turkey",
    ),
    case(
        "Kremlin spokesman Dmitry Peskov called Western reactions to Alexei Navalny's death absolutely "
        "unacceptable.",
        set(),
        NAVALNY,
        name="host-kremlin-navalny",
    ),
    case(
        "Ukrainian President Volodymyr Zelenskyy condemned the attack and declared martial law across Ukraine.",
        set(),
        UKR22,
        name="host-ukraine",
    ),
]


@pytest.mark.parametrize("text, expected, event_id, published", TARGET_CASES)
def test_dir_other_targets_and_parties_are_not_reactions(extract: Extract, text, expected, event_id, published):
    assert actor_pairs(extract(text, event_id=event_id, published=published)) == expected


# --- DIR: reactions to other events -----------------------------------------------------------------------------

OTHER_EVENT_CASES = [
    case(
        "After the 2016 election, Russian President Vladimir Putin quickly congratulated Donald Trump. This time, "
        "Putin has not congratulated Biden.",
        {("Vladimir Putin", "silent")},
        name="2016-then-silent",
    ),
    case(
        "Four years ago, Putin sent Donald Trump a congratulatory telegram within hours of the result.",
        set(),
        name="four-years-ago",
    ),
    case(
        "In 2016, Chinese President Xi Jinping congratulated Trump two days after the vote.",
        set(),
        name="in-2016",
    ),
    case(
        "After the storming of the Capitol on January 6, British Prime Minister Boris Johnson condemned the "
        "disgraceful scenes in Congress.",
        set(),
        US20,
        "2021-01-08",
        name="capitol-riot",
    ),
    case(
        "After Erdoğan's victory in 2018, Hungarian Prime Minister Viktor Orbán was among the first leaders to "
        "congratulate him.",
        set(),
        TURKEY23,
        name="same-subject-2018",
    ),
    case(
        "In 2018, Chinese President Xi Jinping congratulated Vladimir Putin on his re-election.",
        set(),
        RUSSIA24,
        name="russia-2018",
    ),
    case(
        "In 2014, after Russia annexed Crimea, the European Union condemned the annexation and imposed sanctions.",
        set(),
        UKR22,
        name="crimea-2014",
    ),
    case(
        "Four years ago, Mexican President Andrés Manuel López Obrador waited weeks before congratulating Joe "
        "Biden.",
        set(),
        US24,
        name="2020-in-2024-article",
    ),
    case(
        "When Alexei Navalny was poisoned in 2020, German Chancellor Angela Merkel condemned the attempt on his "
        "life.",
        set(),
        NAVALNY,
        name="navalny-poisoning-2020",
    ),
    case(
        "In 2020, Putin was one of the last leaders to congratulate Joe Biden. On Thursday, Russian President "
        "Vladimir Putin congratulated Donald Trump on his victory.",
        {("Vladimir Putin", "congratulated")},
        US24,
        "2024-11-08",
        name="2020-beside-2024",
    ),
]


@pytest.mark.parametrize("text, expected, event_id, published", OTHER_EVENT_CASES)
def test_dir_reactions_to_other_events_are_absent(extract: Extract, text, expected, event_id, published):
    assert actor_pairs(extract(text, event_id=event_id, published=published)) == expected

"""Unit tables for the pieces the extraction is made of: dates, quotes, events, cues, the line segmenter."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.components.dates import resolve_date
from pipeline.components.quotes import quote_char_spans
from pipeline.cues import UnsupportedLanguageError, load_cues, parse_lexicon
from pipeline.events import EventCatalogueError, load_events, match_event, read_events_file

PUBLISHED = dt.date(2020, 11, 9)  # a Monday


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on Sunday", (dt.date(2020, 11, 8), "day")),
        ("Saturday", (dt.date(2020, 11, 7), "day")),
        ("Monday", (dt.date(2020, 11, 9), "day")),  # said on a Monday: that same day
        ("Nov. 7", (dt.date(2020, 11, 7), "day")),
        ("7 November", (dt.date(2020, 11, 7), "day")),
        ("yesterday", (dt.date(2020, 11, 8), "day")),
        ("in August", (dt.date(2020, 8, 1), "month")),
        ("2016", (dt.date(2016, 1, 1), "year")),
        ("four years", (None, "")),
        ("The first two years", (None, "")),
    ],
)
def test_resolve_date(text, expected):
    day, precision, _ = resolve_date(text, published=PUBLISHED)
    if expected[1] == "year":
        assert day is not None and day.year == expected[0].year and precision == "year"
    else:
        assert (day, precision) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on November 8", (dt.date(2020, 11, 8), "day")),  # the event's year
        ("January 5", (dt.date(2021, 1, 5), "day")),  # shortly after a November event: the next year
        ("on Sunday", (None, "")),  # a weekday means nothing without the publication date
    ],
)
def test_day_and_month_without_publication_date_take_the_events_year(text, expected):
    day, precision, _ = resolve_date(text, published=None, event_date=dt.date(2020, 11, 7))
    assert (day, precision) == expected


@pytest.mark.parametrize("text, year", [("at 2045 GMT", 0), ("at 2145 GMT", 0), ("in 2016", 2016)])
def test_clock_times_are_not_years(text, year):
    assert resolve_date(text, published=PUBLISHED)[2] == year


def test_relative_date_without_publication_date_is_not_guessed():
    assert resolve_date("on Sunday", published=None)[0] is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we are ready" and left.', ["we are ready"]),
        ('"One," he said, "two."', ["One,", "two."]),
        ('She wrote: "an open quote runs to the end of the paragraph\n\nNext paragraph.', ["an open quote runs to the end of the paragraph"]),
        ('No quotes here.', []),
        ('"a"', []),  # too short to be a quotation
    ],
)
def test_quote_char_spans(text, expected):
    assert [text[s:e] for s, e in quote_char_spans(text)] == expected


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("President-elect Joe Biden won the election. Biden thanked voters.", dt.date(2020, 11, 9), "us-2020-election"),
        ("Donald Trump won the election and Trump's victory stunned pollsters in 2016.", dt.date(2016, 11, 10), "us-2016-election"),
        ("Navalny died in the penal colony, the prison service said. Navalny was 47.", dt.date(2024, 2, 17), "navalny-death-2024"),
        ("The weather was fine and nobody said anything.", dt.date(2020, 11, 9), None),
    ],
)
def test_match_event_from_text(text, published, expected):
    match = match_event(load_events(), text=text, event_id=None, published=published)
    assert (match.event.id if match else None) == expected


def test_event_named_in_metadata_wins():
    match = match_event(load_events(), text="Biden Biden Biden", event_id="navalny-death-2024", published=None)
    assert match.event.id == "navalny-death-2024" and match.how == "metadata"


@pytest.mark.parametrize(
    "content, message",
    [
        ("- id: x\n  name: X\n", "missing 'date'"),
        ("- id: Bad Id\n  name: X\n  date: 2020-01-01\n", "lower-case"),
        ("- id: x\n  name: X\n  date: 2020-13-01\n", "month must be in 1..12"),
        ("- id: x\n  name: X\n  date: 13/01/2020\n", "bad date"),
        ("- id: x\n  name: X\n  date: 2020-01-01\n  kind: party\n", "unknown kind"),
        ("- id: x\n  name: X\n  date: 2020-01-01\n  host_countries: [Russia]\n", "ISO 3166"),
        ("id: x\n", "YAML list"),
        ("- [unclosed\n", "cannot read"),
    ],
)
def test_bad_events_file_names_file_and_reason(tmp_path, content, message):
    path = tmp_path / "events.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EventCatalogueError, match=message) as error:
        read_events_file(path)
    assert str(path) in str(error.value)


def test_extra_events_file_extends_the_catalogue(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text("- id: test-event\n  name: Test\n  date: 2021-05-01\n  kind: other\n", encoding="utf-8")
    events = load_events(path)
    assert "test-event" in events and "us-2020-election" in events


def test_catalogue_ships_the_required_events():
    assert {"us-2016-election", "us-2020-election", "us-2024-election"} <= set(load_events())


def test_unsupported_language_fails_loudly():
    with pytest.raises(UnsupportedLanguageError, match="available: en"):
        load_cues("xx")


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"stance_lemmas": {"happy": {"VERB": ["smile"]}}}, "unknown stance 'happy'"),
        ({"phrases": [{"id": "a", "stance": "silent", "pattern": [{"LOWER": "x"}]},
                      {"id": "a", "stance": "silent", "pattern": [{"LOWER": "y"}]}]}, "duplicate id"),
        ({"phrases": [{"stance": "silent", "pattern": [{"LOWER": "x"}]}]}, "needs an id"),
    ],
)
def test_bad_cue_file_names_the_entry(raw, message):
    with pytest.raises(ValueError, match=message):
        parse_lexicon(raw, source="cues.yaml")


def test_every_shipped_cue_pattern_is_valid_for_spacy():
    import spacy
    from spacy.matcher import Matcher

    matcher = Matcher(spacy.blank("en").vocab, validate=True)
    for phrase in load_cues("en").phrases:
        matcher.add(phrase.id, [list(pattern) for pattern in phrase.patterns])  # raises on a malformed pattern (e.g. YAML's off -> False)


@pytest.mark.parametrize(
    "text, starts",
    [
        ("Intro line.\n\n- Japan: Prime Minister Suga congratulated Biden.", ["Intro", "-", "Prime"]),
        ("Q: Will China congratulate him?\n\nA: We will follow usual practice.", ["Q", "Will", "A", "We"]),
        ("He said: it is fine.", ["He"]),
    ],
)
def test_line_segments_split_headings_and_lines(text, starts):
    from pipeline.nlp import shared_nlp

    doc = shared_nlp()(text)
    assert [s[0].text for s in doc.sents if not s[0].is_space] == starts


@pytest.mark.parametrize(
    "text, previous, expected",
    [
        ("the same day", dt.date(2020, 12, 15), dt.date(2020, 12, 15)),
        ("four days later", dt.date(2020, 11, 9), dt.date(2020, 11, 13)),
        ("the next day", dt.date(2020, 11, 9), dt.date(2020, 11, 10)),
        ("the same day", None, None),
        ("in August", dt.date(2020, 11, 9), None),
    ],
)
def test_anaphoric_dates_count_from_the_last_day_named(text, previous, expected):
    from pipeline.components.dates import resolve_anaphoric

    assert resolve_anaphoric(text, previous=previous) == expected


def test_a_date_run_into_a_duration_still_resolves():
    assert resolve_date("July 29, hours", published=dt.date(2024, 8, 19))[:2] == (dt.date(2024, 7, 29), "day")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Merkel congratulated Biden on Saturday. French President Emmanuel Macron did the same that day.",
         {("Angela Merkel", "congratulated"), ("Emmanuel Macron", "congratulated")}),
        ("Scholz condemned the invasion. Japan's Prime Minister Fumio Kishida followed suit.",
         {("Olaf Scholz", "critical"), ("Fumio Kishida", "critical")}),
        ("Peña Nieto hosted Trump in August and was criticised at home for doing so.", set()),
    ],
)
def test_the_same_reaction_again(text, expected):
    from tests.pipeline_helpers import extract_text, pairs

    event = "russia-invades-ukraine-2022" if "invasion" in text else "us-2020-election"
    published = "2022-02-25" if "invasion" in text else "2020-11-09"
    assert pairs(extract_text(text, event_id=event, published=published), "actor", "stance") == expected


@pytest.mark.parametrize(
    "text, starts",
    [
        ("MOSCOW, Nov 9 (Atlas Wire) - The Kremlin said it would wait.", ["MOSCOW", "The"]),
        ("BERLIN - Scholz condemned the attack.", ["BERLIN", "Scholz"]),
        ("NATO Secretary-General Jens Stoltenberg condemned the attack.", ["NATO"]),
        ("NATO chief Jens Stoltenberg - a Norwegian - condemned the attack.", ["NATO"]),
    ],
)
def test_datelines_end_at_their_dash(text, starts):
    from pipeline.nlp import shared_nlp

    doc = shared_nlp()(text)
    assert [s[0].text for s in doc.sents] == starts


@pytest.mark.parametrize(
    "text, expected",
    [
        ("China's foreign ministry said it respected the choice of the American people, but did not offer "
         "congratulations.", {("Chinese government", "withheld")}),
        ("Iranian President Hassan Rouhani did not congratulate Biden.", {("Hassan Rouhani", "silent")}),
    ],
)
def test_speaking_without_congratulating_withholds(text, expected):
    from tests.pipeline_helpers import extract_text, pairs

    assert pairs(extract_text(text), "actor", "stance") == expected


def test_two_actors_in_one_sentence_keep_their_own_stances():
    from tests.pipeline_helpers import extract_text, pairs

    text = ("Russian President Vladimir Putin has not yet congratulated Biden, and the Kremlin said it would wait "
            "for the official results.")
    assert pairs(extract_text(text), "actor", "stance") == {("Vladimir Putin", "silent"), ("Kremlin", "withheld")}

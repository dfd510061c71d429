"""Tests for pipeline.articles: files in, Article and Skipped records out."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from pipeline.articles import (
    Article,
    ArticleDefaults,
    ReaderSettings,
    Skipped,
    detect_language,
    load_reader_settings,
    normalise_text,
    read_articles,
    read_text_article,
)

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_3b55a7257ded003e.txt"
KNOWN_EVENTS = frozenset({"us-2020-election", "us-2016-election"})

# An English body long enough to pass min_words, for tmp_path cases.
ENGLISH_BODY = (
    "The foreign minister said on Monday that her government had sent a letter of congratulations to the winner "
    "and looked forward to working closely with the new administration on trade, security and climate policy."
)


@pytest.fixture(scope="session")
def settings() -> ReaderSettings:
    return load_reader_settings()


def read_one(path: Path, settings: ReaderSettings, **options) -> Article | Skipped:
    """Read a single input that yields exactly one record."""
    articles, skipped = read_articles([path], settings=settings, **options)
    results = [*articles, *skipped]
    assert len(results) == 1, results
    return results[0]


# --- skip reasons -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, reason, language",
    [
        ("empty.txt", "empty", ""),
        ("whitespace.txt", "empty", ""),
        ("binary.txt", "binary file", ""),
        ("bad_front_matter.md", "malformed front matter: while scanning a quoted scalar: found unexpected end", ""),
        ("list_front_matter.md", "malformed front matter: expected field: value lines, got a list", ""),
        ("unknown_event.md", "unknown event id 'moon-landing-2031'", ""),
        ("bad_date.md", "bad published date 'last Tuesday'", ""),
        ("declared_german.md", "not English (declared: de)", "de"),
        ("german.txt", "not English (detected: de)", "de"),
        ("french.txt", "not English (detected: fr)", "fr"),
        ("spanish.txt", "not English (detected: es)", "es"),
        ("short.txt", "too short (10 words < 20)", ""),
        ("notes.pdf", "unsupported file type .pdf", ""),
        ("missing.txt", "not found", ""),
    ],
)
def test_fixture_is_skipped_with_reason(settings, name, reason, language):
    result = read_one(FIXTURES / name, settings, known_event_ids=KNOWN_EVENTS)
    assert isinstance(result, Skipped)
    assert result.path == str(FIXTURES / name)
    assert result.reason.startswith(reason), result.reason
    assert result.language == language


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("undecodable.txt", bytes(range(0x80, 0x100)) * 3, "cannot decode as text"),
        ("controls.txt", b"\x01\x02\x03\x04 some text \x05\x06\x07\x08" * 20, "binary file"),
        ("unclosed.md", f"---\nid: x\n{ENGLISH_BODY}\n".encode(), "malformed front matter: no closing '---' line"),
        ("only_front_matter.md", b"---\nid: lonely\ntitle: Nothing below\n---\n\n  \n", "empty"),
        ("listy_title.md", f"---\ntitle: [a, b]\n---\n{ENGLISH_BODY}".encode(), "bad title field: expected text"),
        ("empty.jsonl", b"\n\n", "empty"),
        ("page.html", b"<html><body><script>var x = 1;</script></body></html>", "no main text found in HTML"),
        ("noext", ENGLISH_BODY.encode(), "unsupported file type (no extension)"),
    ],
)
def test_generated_file_is_skipped_with_reason(settings, tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    result = read_one(path, settings)
    assert isinstance(result, Skipped)
    assert result.reason.startswith(reason), result.reason


def test_file_over_size_limit_is_skipped_before_reading(settings, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes((ENGLISH_BODY + "\n\n").encode() * (2_300_000 // (len(ENGLISH_BODY) + 2) + 1))
    assert settings.max_file_bytes == 2_000_000
    result = read_one(path, settings)
    assert result == Skipped(str(path), "over size limit (2.3 MB > 2.0 MB)")


@pytest.mark.parametrize(
    "lines, expected",
    [
        (['{"id": "a", "text": "%s"}' % ENGLISH_BODY, "[1, 2]"], "bad JSON on line 2: expected an object, got a list"),
        (['{"id": "a", "title": "no text"}'], "no 'text' field"),
        (['{"id": "a", "text": 42}'], "bad text field: expected text"),
        (["", '{"id": "a", "text": "%s", ' % ENGLISH_BODY], "bad JSON on line 2: Expecting property name"),
    ],
)
def test_bad_jsonl_lines_are_skipped_with_line_numbers(settings, tmp_path, lines, expected):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, skipped = read_articles([path], settings=settings)
    assert [s.reason for s in skipped if s.reason.startswith(expected)], skipped
    assert all(s.path.startswith(f"{path}:") for s in skipped)


def test_duplicate_article_id_keeps_the_first(settings, tmp_path):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text(f"---\nid: same\n---\n{ENGLISH_BODY}", encoding="utf-8")
    second.write_text(f"---\nid: same\n---\n{ENGLISH_BODY}", encoding="utf-8")
    articles, skipped = read_articles([tmp_path], settings=settings)
    assert [a.path for a in articles] == [str(first)]
    assert skipped == [Skipped(str(second), f"duplicate article id 'same' (first in {first})")]


# --- metadata -----------------------------------------------------------------------------------------------------

CLI_DATE = dt.date(2021, 1, 1)


@pytest.mark.parametrize(
    "front_matter, defaults, expected",
    [
        # front matter wins over defaults
        (
            "id: a\nevent: us-2020-election\npublished: 2020-11-09",
            ArticleDefaults(event_id="us-2016-election", published=CLI_DATE),
            ("a", "us-2020-election", dt.date(2020, 11, 9)),
        ),
        # defaults fill the gaps the front matter leaves
        (
            "id: b\npublished: 2020-11-09T14:30:00+01:00",
            ArticleDefaults(event_id="us-2016-election", published=CLI_DATE),
            ("b", "us-2016-election", dt.date(2020, 11, 9)),
        ),
        ("event_id: us-2020-election", ArticleDefaults(published=CLI_DATE), ("doc", "us-2020-election", CLI_DATE)),
        # no front matter: id is the file stem, everything from the defaults
        (None, ArticleDefaults(event_id="us-2016-election"), ("doc", "us-2016-election", None)),
        ("title: only a title", ArticleDefaults(), ("doc", None, None)),
        ("", ArticleDefaults(), ("doc", None, None)),
    ],
)
def test_metadata_precedence(settings, tmp_path, front_matter, defaults, expected):
    path = tmp_path / "doc.md"
    header = "" if front_matter is None else f"---\n{front_matter}\n---\n"
    path.write_text(header + ENGLISH_BODY, encoding="utf-8")
    article = read_one(path, settings, defaults=defaults, known_event_ids=KNOWN_EVENTS)
    assert isinstance(article, Article), article
    assert (article.article_id, article.event_id, article.published) == expected
    assert article.text == ENGLISH_BODY


def test_front_matter_fields_are_read(settings):
    article = read_one(FIXTURES / "front_matter.md", settings, known_event_ids=KNOWN_EVENTS)
    assert article == Article(
        article_id="fm-001",
        text=article.text,
        title="Capitals react to the result",
        source="The Harbour Gazette",
        url="https://gazette.example.org/world/capitals-react",
        published=dt.date(2020, 11, 9),
        event_id="us-2020-election",
        language="en",
        path=str(FIXTURES / "front_matter.md"),
    )
    assert article.text.startswith("Capitals around the world reacted on Sunday")
    assert "---" not in article.text and "fm-001" not in article.text
    assert article.text.count("\n\n") == 2


def test_unknown_event_is_not_checked_without_a_catalogue(settings):
    article = read_one(FIXTURES / "unknown_event.md", settings)
    assert isinstance(article, Article) and article.event_id == "moon-landing-2031"


def test_jsonl_partial_failure_keeps_good_lines(settings):
    path = FIXTURES / "batch.jsonl"
    articles, skipped = read_articles([path], settings=settings, known_event_ids=KNOWN_EVENTS)
    assert [(a.article_id, a.path) for a in articles] == [("jl-1", f"{path}:1"), ("batch-3", f"{path}:3")]
    assert articles[0].published == dt.date(2020, 11, 8) and articles[0].event_id == "us-2020-election"
    assert articles[1].title == "No id on this line"
    assert len(skipped) == 1 and skipped[0].path == f"{path}:2"
    assert skipped[0].reason.startswith("bad JSON on line 2: ")


def test_html_boilerplate_is_removed_and_metadata_read(settings):
    article = read_one(FIXTURES / "story.html", settings)
    assert isinstance(article, Article), article
    for boilerplate in ("cookie", "Read more", "Subscribe", "Related stories", "Home"):
        assert boilerplate not in article.text
    assert article.text.startswith("The prime minister of the island republic sent a short message")
    assert '"We congratulate the people of the United States' in article.text
    assert article.text.endswith("were continuing as normal.")
    assert article.text.count("\n\n") == 3  # four paragraphs; the headline is in the title only
    assert (article.article_id, article.title, article.source) == (
        "story",
        "Leaders weigh in on the vote count",
        "The Harbour Gazette",
    )
    assert article.url == "https://gazette.example.org/world/leaders-weigh-in"
    assert article.published == dt.date(2020, 11, 8)


def test_html_is_read_without_network(settings, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the article reader opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert isinstance(read_one(FIXTURES / "story.html", settings), Article)


@pytest.mark.parametrize(
    "url, kept",
    [
        ("javascript:alert(1)", ""),
        ("JavaScript:alert(1)", ""),
        ("data:text/html,<b>x</b>", ""),
        ("ftp://files.example.org/a.txt", ""),
        ("/world/relative-path", ""),
        ("//example.org/no-scheme", ""),
        ("https://exa mple.org/space", ""),
        ("https://news.example.org/a?b=1#c", "https://news.example.org/a?b=1#c"),
        ("HTTP://NEWS.EXAMPLE.ORG/", "HTTP://NEWS.EXAMPLE.ORG/"),
    ],
)
def test_only_http_urls_are_kept(settings, url, kept):
    article = read_text_article(ENGLISH_BODY, article_id="pasted", url=url, settings=settings)
    assert isinstance(article, Article) and article.url == kept


def test_javascript_url_in_front_matter_is_dropped(settings):
    article = read_one(FIXTURES / "javascript_url.md", settings)
    assert isinstance(article, Article) and article.article_id == "js-url-1" and article.url == ""


@pytest.mark.parametrize(
    "options, reason",
    [
        ({"event_id": "no-such-event"}, "unknown event id 'no-such-event'"),
        ({"published": "9 Nov 2020"}, "bad published date '9 Nov 2020'"),
    ],
)
def test_pasted_text_metadata_is_validated(settings, options, reason):
    result = read_text_article(ENGLISH_BODY, article_id="p", known_event_ids=KNOWN_EVENTS, settings=settings, **options)
    assert result == Skipped("", reason)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty"),
        (" \n\u00a0\u200b\n", "empty"),
        ("Putin has not.", "too short (3 words < 20)"),
        (ENGLISH_BODY * 20, "over size limit (4.2 kB > 2.0 kB)"),
        ((ENGLISH_BODY * 10)[:2001], "over size limit (2001 bytes > 2000 bytes)"),
        ("Congratulations!", "too short (1 word < 20)"),
    ],
)
def test_pasted_text_limits(settings, text, reason):
    small = dataclasses.replace(settings, max_file_bytes=2_000)
    assert read_text_article(text, article_id="p", settings=small) == Skipped("", reason)


def test_pasted_text_becomes_an_article(settings):
    article = read_text_article(
        "  “Congratulations,” she said \u2014 and meant it. " + ENGLISH_BODY,
        article_id="pasted-1",
        title="A title",
        published="2020-11-08",
        event_id="us-2020-election",
        known_event_ids=KNOWN_EVENTS,
        settings=settings,
    )
    assert isinstance(article, Article)
    assert article.text.startswith('"Congratulations," she said - and meant it. The foreign minister')
    assert (article.article_id, article.published) == ("pasted-1", dt.date(2020, 11, 8))
    assert article.event_id == "us-2020-election"


# --- decoding and folders -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda s: s.encode("utf-8"), id="utf-8"),
        pytest.param(lambda s: s.encode("utf-8-sig"), id="utf-8 with BOM"),
        pytest.param(lambda s: s.encode("utf-16"), id="utf-16 with BOM"),
        pytest.param(lambda s: s.encode("cp1252"), id="cp1252"),
    ],
)
def test_encodings_are_decoded(settings, tmp_path, encode):
    path = tmp_path / "enc.txt"
    path.write_bytes(encode("The café in Zürich “said” – " + ENGLISH_BODY))
    article = read_one(path, settings)
    assert isinstance(article, Article), article
    assert article.text.startswith('The café in Zürich "said" - The foreign minister')


def test_latin1_fixture_is_decoded(settings):
    article = read_one(FIXTURES / "latin1.txt", settings)
    assert isinstance(article, Article), article
    assert "café owner in Zürich said the señor" in article.text and "£5" in article.text


def test_folder_is_read_recursively_sorted_and_filtered(settings, tmp_path):
    for relative in ("b.txt", "a.md", "sub/c.jsonl", "sub/z.html", ".hidden.txt", ".git/d.txt", "README.md",
                     "sub/readme.MD", "notes.pdf", "data.csv"):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".jsonl":
            path.write_text('{"text": "%s"}\n' % ENGLISH_BODY, encoding="utf-8")
        elif path.suffix == ".html":
            path.write_text(f"<html><body><article><p>{ENGLISH_BODY}</p></article></body></html>", encoding="utf-8")
        else:
            path.write_text(ENGLISH_BODY, encoding="utf-8")
    articles, skipped = read_articles([tmp_path], settings=settings)
    assert skipped == []
    assert [a.article_id for a in articles] == ["a", "b", "c-1", "z"]
    # a file named explicitly is read whatever its name, or skipped with a reason if its type is unsupported
    articles, skipped = read_articles([tmp_path / "README.md", tmp_path / "data.csv"], settings=settings)
    assert [a.article_id for a in articles] == ["README"]
    assert skipped == [Skipped(str(tmp_path / "data.csv"), "unsupported file type .csv")]


def test_fixture_folder_in_input_order(settings):
    articles, skipped = read_articles([FIXTURES], settings=settings, known_event_ids=KNOWN_EVENTS)
    assert [a.article_id for a in articles] == ["jl-1", "batch-3", "fm-001", "js-url-1", "latin1", "story", "valid"]
    skipped_names = [Path(s.path.split(":")[0]).name for s in skipped]
    assert skipped_names == sorted(skipped_names)
    assert not {"README.md", ".hidden.txt", "notes.pdf"} & {*skipped_names, *(Path(a.path).name for a in articles)}


# --- normalisation ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("“Curly,” he said. ‘Single’ and it’s", '"Curly," he said. \'Single\' and it\'s'),
        ("„Low“ and ‚low‘ ‛reversed‟", '"Low" and \'low\' \'reversed"'),
        ("« Bonjour » and «nested ‹inner›»", '" Bonjour " and "nested \'inner\'"'),
        ('He said "unbalanced and never closed.', 'He said "unbalanced and never closed.'),
        ("a 6′2″ man", "a 6'2\" man"),
        ("war—and peace", "war - and peace"),
        ("war — and – peace ― end", "war - and - peace - end"),
        ("years 1990–2000, −5 degrees", "years 1990-2000, -5 degrees"),
        ("non\u2011breaking hyphen", "non-breaking hyphen"),
        ("a\u00a0b\u202fc\u2009d\te   f", "a b c d e f"),
        ("zero\u200bwidth soft\u00adhyphen\ufeff", "zerowidth softhyphen"),
        ("line one\r\nline two\r\n\r\nnext para", "line one line two\n\nnext para"),
        ("para one\n   \n\n\n para two  \n\n\npara three", "para one\n\npara two\n\npara three"),
        ("trailing spaces   \n\nhere  ", "trailing spaces\n\nhere"),
        ("a stray space .", "a stray space ."),
        ("First paragraph ends here.\nSecond one, too.\nThird!",
         "First paragraph ends here.\n\nSecond one, too.\n\nThird!"),
        ("a hard-wrapped line\nthat continues\nand ends here.", "a hard-wrapped line that continues and ends here."),
        ("e\u0301te\u0301", "été"),
        ("", ""),
        (" \n\t\n ", ""),
    ],
)
def test_normalise_text(raw, expected):
    assert normalise_text(raw) == expected
    assert normalise_text(expected) == expected  # idempotent: offsets into normalised text stay valid


# --- language -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Recep Tayyip Erdogan remained silent for days; Ankara's spokesman Ibrahim Kalin said Turkey would work "
        "with whoever won the vote.",
        "Andrés Manuel López Obrador said Mexico would wait until all legal challenges were resolved before "
        "congratulating anyone, a spokesman confirmed.",
        "Putin has not. The Kremlin said it would wait for official results before commenting on the outcome of "
        "the vote in the United States.",
        "Moon Jae-in of South Korea and Yoshihide Suga of Japan both sent warm messages to Biden and Harris on "
        "Sunday morning, aides said.",
    ],
)
def test_short_english_texts_are_english(settings, text):
    result = read_text_article(text, article_id="short", settings=settings)
    assert isinstance(result, Article), result
    assert result.language == "en"


@pytest.mark.parametrize("name, code", [("german.txt", "de"), ("french.txt", "fr"), ("spanish.txt", "es")])
def test_detect_language_codes(settings, name, code):
    language, confidence = detect_language((FIXTURES / name).read_text(encoding="utf-8"), settings=settings)
    assert language == code and confidence >= settings.language_min_confidence


def test_detect_language_of_nothing(settings):
    assert detect_language("  \n ", settings=settings) == ("", 0.0)


def test_seed_article_is_read_as_english(settings):
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED} (shared/seed is laid beside the checkout)")
    article = read_one(SEED, settings)
    assert isinstance(article, Article), article
    assert (article.article_id, article.language) == ("000_3b55a7257ded003e", "en")
    assert article.text.startswith("Russia's opposition leader Alexei Navalny has congratulated")
    assert "“" not in article.text and "’" not in article.text and "–" not in article.text
    assert "\n\n" in article.text and "\n\n\n" not in article.text


# --- settings -----------------------------------------------------------------------------------------------------


def test_settings_file_values(settings):
    assert (settings.max_file_bytes, settings.min_words) == (2_000_000, 20)
    assert "en" in settings.detection_languages and 0 < settings.language_min_confidence <= 1


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda s: s.replace("min_words:", "min_wordz:"), "unknown key(s) in 'articles': min_wordz"),
        (lambda s: s.replace("  language_sample_chars: 5000\n", ""), "missing key(s) in 'articles': language_sample"),
        (lambda s: s.replace("[en, ", "[xx, en, "), "unknown or unsupported language code 'xx'"),
        (lambda s: s.replace("[en, ", "["), "detection_languages must include 'en'"),
        (lambda s: s.replace("articles:", "other:"), "no 'articles' section"),
    ],
)
def test_bad_settings_fail_loudly(tmp_path, edit, message):
    source = (Path(__file__).parents[1] / "pipeline" / "data" / "settings.yaml").read_text(encoding="utf-8")
    path = tmp_path / "settings.yaml"
    path.write_text(edit(source), encoding="utf-8")
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_reader_settings(path)

"""Files in, Article records out: the first step of the pipeline.

Reads news articles from ``.txt``/``.md`` files (optional YAML front matter), ``.html``/``.htm`` pages (main text
and metadata extracted by trafilatura, offline) and ``.jsonl`` files (one article per line). Each input becomes
either an :class:`Article` or a :class:`Skipped` record that says, in words a user can act on, why it was not read
(empty, binary, not English, bad metadata, ...). One bad input never stops the batch.

Text is normalised exactly once, here (:func:`normalise_text`). Every character offset the pipeline reports
(quotes, evidence spans) is an offset into ``Article.text``, the NORMALISED text, never into the raw file.

The pipeline is English-only (its spaCy model and word lists are), so a text detected as another language with
enough confidence is skipped; detection uses lingua, built once per process. Limits and options live in
``data/settings.yaml`` (section ``articles``), read by :func:`load_reader_settings`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import logging
import re
import time
import unicodedata
import urllib.parse
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

LOGGER = logging.getLogger(__name__)

SETTINGS_PATH = Path(__file__).parent / "data" / "settings.yaml"
SETTINGS_SECTION = "articles"

ENGLISH = "en"
TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# Metadata fields read from front matter and JSONL objects; "event_id" is accepted as a synonym of "event".
_TEXT_FIELDS = ("id", "title", "source", "url", "event", "event_id", "language")

# Front matter: a first line "---", YAML, then a line "---" (or YAML's "..."), as in Jekyll/Hugo/Pandoc.
_FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)

# --- normalisation tables ---------------------------------------------------------------------------------------
# Double quote marks of any kind -> '"': “ ” „ ‟ « » ″ ＂ and the straight one.
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02"
# Single quote marks and apostrophes -> "'": ‘ ’ ‚ ‛ ′ ‹ › ʼ
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2039\u203a\u02bc"
# Hyphens that are not dashes -> "-": ‐ ‑ ‒
_HYPHENS = "\u2010\u2011\u2012"
# Dashes that separate clauses -> " - " (spaced, so the parser sees a token): – — ― −
_DASHES = "\u2013\u2014\u2015\u2212"
# Non-breaking and typographic spaces, tab -> " ".
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Invisible characters removed outright: zero-width space/joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_TRANSLATION = str.maketrans(
    {
        **{c: '"' for c in _DOUBLE_QUOTES},
        **{c: "'" for c in _SINGLE_QUOTES},
        **{c: "-" for c in _HYPHENS},
        **{c: " " for c in _SPACES},
        **{c: None for c in _INVISIBLE},
    }
)
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\x85\x0b\x0c]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# An en dash or minus between digits is a range or a sign, not a clause break: "1990–2000" -> "1990-2000".
_NUMERIC_DASH = re.compile(r"(?:(?<=\d)[\u2013\u2212](?=\d)|(?<![\w.])\u2212(?=\d))")
_CLAUSE_DASH = re.compile(rf" *[{_DASHES}]+ *")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SPACE_RUN = re.compile(r" {2,}")
# In a text without blank lines, a line ending like a sentence probably ends a paragraph ("one paragraph per line",
# as in the seed article); hard-wrapped text mostly breaks lines mid-sentence. If at least this share of its lines
# end like a sentence, every line break in such a text is taken as a paragraph break.
_LINE_PARAGRAPH_SHARE = 0.5
_SENTENCE_END = re.compile(r"""[.!?:;…"')\]]$""")

_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))


@dataclasses.dataclass(frozen=True)
class Article:
    """One article, ready for the NLP pipeline. ``text`` is normalised; offsets elsewhere index into it."""

    article_id: str
    text: str  # normalised body text (front matter removed)
    title: str = ""
    source: str = ""
    url: str = ""  # only http(s) URLs are kept; anything else -> ""
    published: dt.date | None = None
    event_id: str | None = None
    language: str = ENGLISH  # ISO 639-1 as detected (or declared and confirmed)
    path: str = ""  # where it came from ("file.jsonl:3" for a JSONL line)


@dataclasses.dataclass(frozen=True)
class Skipped:
    """An input that was not read, and why (shown to the user as is)."""

    path: str
    reason: str
    language: str = ""  # detected or declared language where the reason is the language


@dataclasses.dataclass(frozen=True)
class ArticleDefaults:
    """Values from the command line, applied to articles whose own metadata does not give them."""

    event_id: str | None = None
    published: dt.date | None = None


@dataclasses.dataclass(frozen=True)
class ReaderSettings:
    """Limits and options of the reader; see ``data/settings.yaml`` for what each one means."""

    max_file_bytes: int
    min_words: int
    max_control_char_share: float
    language_min_confidence: float
    language_sample_chars: int
    language_low_accuracy: bool
    detection_languages: tuple[str, ...]


class _Skip(Exception):
    """Raised inside the reader to turn one input into a Skipped record; never escapes this module."""

    def __init__(self, reason: str, *, language: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.language = language


# --- settings ---------------------------------------------------------------------------------------------------


def load_reader_settings(path: Path | None = None) -> ReaderSettings:
    """Read the ``articles`` section of the settings file (default ``pipeline/data/settings.yaml``).

    Every field must be present and no unknown key is allowed, so a typo fails loudly instead of being ignored.
    """
    path = SETTINGS_PATH if path is None else Path(path)
    with path.open(encoding="utf-8") as fh:
        document = yaml.safe_load(fh) or {}
    section = document.get(SETTINGS_SECTION) if isinstance(document, dict) else None
    if not isinstance(section, dict):
        raise ValueError(f"{path}: no '{SETTINGS_SECTION}' section")
    names = {field.name for field in dataclasses.fields(ReaderSettings)}
    if unknown := sorted(set(section) - names):
        raise ValueError(f"{path}: unknown key(s) in '{SETTINGS_SECTION}': {', '.join(unknown)}")
    if missing := sorted(names - set(section)):
        raise ValueError(f"{path}: missing key(s) in '{SETTINGS_SECTION}': {', '.join(missing)}")
    languages = tuple(str(code).lower() for code in section["detection_languages"])
    if ENGLISH not in languages:
        raise ValueError(f"{path}: detection_languages must include '{ENGLISH}'")
    for code in languages:
        _lingua_language(code)  # raises ValueError naming the code
    return ReaderSettings(
        max_file_bytes=int(section["max_file_bytes"]),
        min_words=int(section["min_words"]),
        max_control_char_share=float(section["max_control_char_share"]),
        language_min_confidence=float(section["language_min_confidence"]),
        language_sample_chars=int(section["language_sample_chars"]),
        language_low_accuracy=bool(section["language_low_accuracy"]),
        detection_languages=languages,
    )


# --- normalisation ----------------------------------------------------------------------------------------------


# A line that opens a list item ("- Japan: …", "2. …") or a transcript turn ("Q: …", "Mr Wang: …") starts a
# paragraph of its own even without a blank line before it: joining it to the line above loses who speaks.
_ITEM_START = re.compile(r"\n(?=[ \t]*(?:[-*•·][ \t]|[*•·](?=\w)|\d{1,2}[.)][ \t]|[A-Z][\w.,'’ -]{0,40}:[ \t]))")
# A heading line: it ends in a colon, or has no lower-case letter ("U.S. PRESIDENT JOE BIDEN"); the line after it
# starts a paragraph of its own.
_HEADING_LINE = re.compile(r"^[^\n]{1,80}:[ \t]*$|^[^a-z\n]*[A-Z]{2}[^a-z\n]{0,78}$")


def normalise_text(text: str) -> str:
    """Return ``text`` in the one form the rest of the pipeline sees (and reports offsets into).

    NFC; every double quote mark (curly, low, prime, guillemet) becomes ``"`` and every single one ``'``, so
    opening and closing marks are the same character and the quote finder pairs them; clause dashes (– — ― −)
    become a spaced ``" - "`` (a separate token for the parser), while an en dash or minus in a number range or
    sign becomes ``-``; odd spaces become spaces and runs of spaces collapse; zero-width characters and soft
    hyphens go. Paragraphs end up separated by exactly one blank line and line breaks inside a paragraph become
    spaces, except before a list item or a transcript turn and around a heading line (one ending in a colon, or in
    capitals), which stand as paragraphs; a text without blank lines whose lines end like sentences is read as
    one paragraph per line.
    Idempotent: normalising normalised text changes nothing.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text).replace("\u2029", "\n\n")
    text = _CONTROL_CHARS.sub("", text.translate(_TRANSLATION))
    text = _NUMERIC_DASH.sub("-", text)
    text = _CLAUSE_DASH.sub(" - ", text)
    paragraphs = _PARAGRAPH_BREAK.split(text)
    if len(paragraphs) == 1 and _is_one_paragraph_per_line(text):
        paragraphs = text.split("\n")
    paragraphs = [part for paragraph in paragraphs for part in _ITEM_START.split(paragraph)]
    paragraphs = [part for paragraph in paragraphs for part in _after_headings(paragraph)]
    cleaned = (_SPACE_RUN.sub(" ", paragraph.replace("\n", " ")).strip() for paragraph in paragraphs)
    return "\n\n".join(paragraph for paragraph in cleaned if paragraph)


def _after_headings(paragraph: str) -> list[str]:
    """A paragraph cut around each of its heading lines (single newlines are lines there, not wrapping)."""
    parts, current = [], []
    for line in paragraph.split("\n"):
        heading = bool(_HEADING_LINE.match(line.strip()))
        if heading and current:
            parts.append("\n".join(current))
            current = []
        current.append(line)
        if heading:
            parts.append("\n".join(current))
            current = []
    if current:
        parts.append("\n".join(current))
    return parts


def _is_one_paragraph_per_line(text: str) -> bool:
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    ending_like_sentences = sum(1 for line in lines if _SENTENCE_END.search(line))
    return ending_like_sentences / len(lines) >= _LINE_PARAGRAPH_SHARE


# --- language ---------------------------------------------------------------------------------------------------


def _lingua_language(code: str) -> Any:
    from lingua import IsoCode639_1, Language

    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
    except ValueError:
        raise ValueError(f"unknown or unsupported language code {code!r} for detection") from None


@functools.lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...], low_accuracy: bool) -> Any:
    """The lingua detector for these languages: built once per process and shared (it is read-only)."""
    from lingua import LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_languages(*(_lingua_language(code) for code in languages))
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


def detect_language(text: str, *, settings: ReaderSettings | None = None) -> tuple[str, float]:
    """Return ``(ISO 639-1 code, confidence 0-1)`` of the most likely language, or ``("", 0.0)`` if none.

    Only the first ``language_sample_chars`` characters are read. Confidence is lingua's relative confidence
    among the candidate languages of the settings.
    """
    settings = settings or load_reader_settings()
    sample = text[: settings.language_sample_chars]
    if not sample.strip():
        return "", 0.0
    detector = _detector(settings.detection_languages, settings.language_low_accuracy)
    values = detector.compute_language_confidence_values(sample)
    if not values or values[0].value <= 0.0:
        return "", 0.0
    return values[0].language.iso_code_639_1.name.lower(), float(values[0].value)


def _declared_language(value: str) -> str:
    """A declared language as an ISO 639-1 code where recognisable ("en-GB", "English" -> "en")."""
    primary = value.strip().lower().replace("_", "-").split("-")[0]
    if len(primary) == 2:
        return primary
    try:
        from lingua import Language

        return Language.from_str(primary).iso_code_639_1.name.lower()
    except ValueError:
        return primary


# --- decoding ---------------------------------------------------------------------------------------------------


def _decode(data: bytes, *, settings: ReaderSettings) -> str:
    """Bytes to text: a BOM's encoding, else UTF-8, else charset_normalizer's best guess; binary is refused."""
    text = None
    for encoding, bom in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise _Skip("cannot decode as text") from None
            break
    if text is None:
        if b"\x00" in data:
            raise _Skip("binary file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            import charset_normalizer

            match = charset_normalizer.from_bytes(data).best()
            if match is None:
                raise _Skip("cannot decode as text") from None
            text = str(match)
    controls = sum(1 for char in text if char not in "\t\n\r\f" and unicodedata.category(char) == "Cc")
    if text and controls / len(text) > settings.max_control_char_share:
        raise _Skip("binary file")
    return text


def _size_reason(size: int, limit: int) -> str:
    shown, shown_limit = _human_size(size), _human_size(limit)
    if shown == shown_limit:
        shown, shown_limit = f"{size} bytes", f"{limit} bytes"
    return f"over size limit ({shown} > {shown_limit})"


def _human_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1e6:.1f} MB"
    return f"{size / 1e3:.1f} kB" if size >= 1_000 else f"{size} bytes"


# --- metadata ---------------------------------------------------------------------------------------------------


def _split_front_matter(text: str) -> tuple[str, dict[str, Any]]:
    """Split leading YAML front matter from the body; no front matter gives an empty mapping."""
    opening = _FRONT_MATTER_OPEN.match(text)
    if not opening:
        return text, {}
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end())
    if not closing:
        raise _Skip("malformed front matter: no closing '---' line")
    block = text[opening.end() : closing.start()]
    try:
        meta = yaml.safe_load(block)
    except yaml.YAMLError as error:
        raise _Skip(f"malformed front matter: {_yaml_error_summary(error)}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise _Skip(f"malformed front matter: expected field: value lines, got a {_yaml_kind(meta)}")
    return text[closing.end() :], {str(key).lower(): value for key, value in meta.items()}


def _yaml_error_summary(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem:
        where = ""
        if error.problem_mark is not None:
            where = f" (line {error.problem_mark.line + 2})"  # +1 for 1-based, +1 for the opening '---'
        context = f"{error.context}: " if error.context else ""
        return f"{context}{error.problem}{where}"
    return str(error).splitlines()[0]


def _yaml_kind(value: Any) -> str:
    return {list: "list", str: "text", int: "number", float: "number", bool: "yes/no value"}.get(type(value), "value")


def _text_field(meta: Mapping[str, Any], key: str) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list, tuple, set)):
        raise _Skip(f"bad {key} field: expected text, got a {'mapping' if isinstance(value, dict) else 'list'}")
    return str(value).strip()


def _parse_date(value: Any) -> dt.date:
    """An ISO date or datetime (text or a YAML/datetime value) as a date; raises ``_Skip`` otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
            try:
                parsed = parse(text)
            except ValueError:
                continue
            return parsed.date() if isinstance(parsed, dt.datetime) else parsed
    raise _Skip(f"bad published date '{value}'")


def _safe_url(value: str) -> str:
    """Keep only absolute http(s) URLs; anything else (javascript:, data:, relative paths) becomes ""."""
    try:
        parts = urllib.parse.urlsplit(value)
    except ValueError:
        return ""
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c.isspace() for c in value):
        return value
    return ""


def _build_article(
    body: str,
    meta: Mapping[str, Any],
    *,
    default_id: str,
    path: str,
    defaults: ArticleDefaults,
    known_event_ids: Collection[str] | None,
    settings: ReaderSettings,
) -> Article:
    """Validate metadata, normalise and check the body, detect the language: an Article, or ``_Skip``."""
    article_id = _text_field(meta, "id") or default_id
    event_id = _text_field(meta, "event") or _text_field(meta, "event_id") or defaults.event_id
    if known_event_ids is not None and event_id is not None and event_id not in known_event_ids:
        raise _Skip(f"unknown event id '{event_id}'")
    published = meta.get("published")
    published = defaults.published if published in (None, "") else _parse_date(published)
    declared = _text_field(meta, "language")
    if declared and (code := _declared_language(declared)) != ENGLISH:
        raise _Skip(f"not English (declared: {code})", language=code)
    text = normalise_text(body)
    if not text:
        raise _Skip("empty")
    if (words := len(text.split())) < settings.min_words:
        raise _Skip(f"too short ({words} word{'' if words == 1 else 's'} < {settings.min_words})")
    started = time.perf_counter()
    language, confidence = detect_language(text, settings=settings)
    LOGGER.debug("%s: language %s (%.2f) in %.1f ms", path, language, confidence, 1e3 * (time.perf_counter() - started))
    if language and language != ENGLISH and confidence >= settings.language_min_confidence:
        raise _Skip(f"not English (detected: {language})", language=language)
    return Article(
        article_id=article_id,
        text=text,
        title=normalise_text(_text_field(meta, "title")),
        source=normalise_text(_text_field(meta, "source")),
        url=_safe_url(_text_field(meta, "url")),
        published=published,
        event_id=event_id,
        language=ENGLISH,
        path=path,
    )


# --- formats ----------------------------------------------------------------------------------------------------


def _html_article_parts(html: str) -> tuple[str, dict[str, Any]]:
    """Main text and metadata of an HTML page, by trafilatura (offline: it is given the markup, never a URL)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, include_links=False
    )
    if document is None or not (document.text or "").strip():
        raise _Skip("no main text found in HTML")
    lines = [line for line in document.text.split("\n") if line.strip()]
    title = (document.title or "").strip()
    if lines and title and lines[0].strip() == title:
        lines = lines[1:]  # the headline is kept in `title`, not repeated as the first paragraph
    meta: dict[str, Any] = {
        "title": title,
        "source": (document.sitename or document.author or "").strip(),
        "url": document.url or "",
    }
    try:
        meta["published"] = _parse_date(document.date) if document.date else None
    except _Skip:
        meta["published"] = None  # an extracted date we cannot read is dropped, not held against the page
    return "\n\n".join(lines), meta  # trafilatura puts one block per line: each is a paragraph


def _read_jsonl(
    path: Path, *, defaults: ArticleDefaults, known_event_ids: Collection[str] | None, settings: ReaderSettings
) -> Iterator[Article | Skipped]:
    """One article per line; a bad line becomes ``Skipped("file.jsonl:N", ...)`` and the rest are still read."""
    seen_any = False
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            seen_any = True
            where = f"{path}:{number}"
            try:
                if len(raw) > settings.max_file_bytes:
                    raise _Skip(_size_reason(len(raw), settings.max_file_bytes))
                try:
                    record = json.loads(raw.decode("utf-8-sig").strip())
                except UnicodeDecodeError:
                    raise _Skip(f"cannot decode line {number} as UTF-8 text") from None
                except json.JSONDecodeError as error:
                    raise _Skip(f"bad JSON on line {number}: {error.msg} (column {error.colno})") from None
                if not isinstance(record, dict):
                    raise _Skip(f"bad JSON on line {number}: expected an object, got a {_yaml_kind(record)}")
                body = record.get("text")
                if body is None:
                    raise _Skip("no 'text' field")
                if not isinstance(body, str):
                    raise _Skip("bad text field: expected text")
                yield _build_article(
                    body,
                    {str(key).lower(): value for key, value in record.items()},
                    default_id=f"{path.stem}-{number}",
                    path=where,
                    defaults=defaults,
                    known_event_ids=known_event_ids,
                    settings=settings,
                )
            except _Skip as skip:
                yield Skipped(where, skip.reason, skip.language)
    if not seen_any:
        yield Skipped(str(path), "empty")


def _read_file(
    path: Path, *, defaults: ArticleDefaults, known_event_ids: Collection[str] | None, settings: ReaderSettings
) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield Skipped(str(path), f"unsupported file type {suffix or '(no extension)'}")
        return
    try:
        if not path.is_file():
            raise _Skip("not found" if not path.exists() else "not a file")
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, defaults=defaults, known_event_ids=known_event_ids, settings=settings)
            return
        if (size := path.stat().st_size) > settings.max_file_bytes:
            raise _Skip(_size_reason(size, settings.max_file_bytes))
        text = _decode(path.read_bytes(), settings=settings)
        if not text.strip():
            raise _Skip("empty")
        if suffix in HTML_SUFFIXES:
            body, meta = _html_article_parts(text)
        else:
            body, meta = _split_front_matter(text)
        yield _build_article(
            body,
            meta,
            default_id=path.stem,
            path=str(path),
            defaults=defaults,
            known_event_ids=known_event_ids,
            settings=settings,
        )
    except _Skip as skip:
        yield Skipped(str(path), skip.reason, skip.language)
    except OSError as error:
        yield Skipped(str(path), f"cannot read file: {error.strerror or error}")


def _input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named explicitly as given; folders recursively, sorted, supported types only, no hidden/README."""
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        for found in sorted(path.rglob("*")):
            relative = found.relative_to(path)
            if (
                found.suffix.lower() in SUPPORTED_SUFFIXES
                and found.name.lower() != "readme.md"
                and not any(part.startswith(".") for part in relative.parts)
                and found.is_file()
            ):
                yield found


# --- public entry points ----------------------------------------------------------------------------------------


def read_articles(
    paths: Iterable[str | Path],
    *,
    defaults: ArticleDefaults = ArticleDefaults(),
    known_event_ids: Collection[str] | None = None,
    settings: ReaderSettings | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read files and folders into Articles, in input order, with a Skipped record for every input not read.

    Metadata in the file wins over ``defaults``, which only fill gaps. With ``known_event_ids``, an article whose
    event is not among them is skipped. A second article with an id already read in this run is skipped.
    """
    settings = settings or load_reader_settings()
    articles: list[Article] = []
    skipped: list[Skipped] = []
    first_seen: dict[str, str] = {}
    for path in _input_files(paths):
        for result in _read_file(path, defaults=defaults, known_event_ids=known_event_ids, settings=settings):
            if isinstance(result, Skipped):
                skipped.append(result)
            elif result.article_id in first_seen:
                reason = f"duplicate article id '{result.article_id}' (first in {first_seen[result.article_id]})"
                skipped.append(Skipped(result.path, reason))
            else:
                first_seen[result.article_id] = result.path
                articles.append(result)
    return articles, skipped


def read_text_article(
    text: str,
    *,
    article_id: str,
    title: str = "",
    source: str = "",
    url: str = "",
    published: dt.date | str | None = None,
    event_id: str | None = None,
    known_event_ids: Collection[str] | None = None,
    settings: ReaderSettings | None = None,
) -> Article | Skipped:
    """One pasted text (the app's input box) as an Article, or Skipped with the reason; same checks as files."""
    settings = settings or load_reader_settings()
    meta = {"id": article_id, "title": title, "source": source, "url": url, "published": published, "event": event_id}
    try:
        if (size := len(text.encode("utf-8"))) > settings.max_file_bytes:
            raise _Skip(_size_reason(size, settings.max_file_bytes))
        return _build_article(
            text,
            meta,
            default_id=article_id,
            path="",
            defaults=ArticleDefaults(),
            known_event_ids=known_event_ids,
            settings=settings,
        )
    except _Skip as skip:
        return Skipped("", skip.reason, skip.language)

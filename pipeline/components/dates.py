"""Dates in the text, resolved to calendar days against the article's publication date.

Each DATE entity is resolved with dateparser (English only — see shared/STACK.md: other languages make it
wrong and ~30x slower) relative to ``doc._.published``, preferring the past: "on Sunday" in an article of
Monday 9 November 2020 is 2020-11-08. A precision goes with each: "day" for a day or weekday, "month" for
"in August", "year" for "in 2016". Entities that are durations or ages ("four years", "the first two years")
are kept with their explicit year if they name one, so the reactions component can tell statements about other
times ("after the 2016 election") from reactions to this event.

Writes ``doc._.dates``: a list of plain dicts {start, end, text, date (ISO or ""), precision, year (int or 0)}.
"""

from __future__ import annotations

import datetime as dt
import re

import dateparser
from spacy.language import Language
from spacy.tokens import Doc

_WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
# A year, not a clock time: "at 2045 GMT" is a quarter to nine in the evening.
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b(?!\s*(?:GMT|UTC|GST|EST|EDT|CET|CEST|BST|IST|hrs|hours|local|h)\b)")
_DAY_WORDS = re.compile(rf"\b({_WEEKDAYS}|today|yesterday|tonight|\d{{1,2}}(?:st|nd|rd|th)?)\b", re.I)
_MONTH_WORDS = re.compile(rf"\b({_MONTHS})\b", re.I)
_DURATION = re.compile(r"\b(years?|months?|weeks?|days?|decades?|century|centuries|hours?)\b", re.I)
_RELATIVE_AGO = re.compile(r"\b(ago|earlier|later|last|previous|next)\b", re.I)
# Words in a DATE entity that dateparser should not see.
# Without a publication date, "November 8" is the last November 8 before this long after the event.
_EVENT_YEAR_REACH_DAYS = 180
_STRIP = re.compile(r"^(on|in|at|by|since|from|until|early|late|mid|the)\s+", re.I)

if not Doc.has_extension("dates"):
    Doc.set_extension("dates", default=None)


def resolve_date(
    text: str, *, published: dt.date | None, event_date: dt.date | None = None
) -> tuple[dt.date | None, str, int]:
    """(date, precision, explicit year or 0) for a date expression; (None, "", year) when not a point in time.

    The NER sometimes runs a date into what follows ("July 29, hours"): each comma-separated part is tried
    when the whole is no point in time. Without a publication date, a day and month ("on November 8") take the
    event's year (the last such day before half a year after the event); a weekday means nothing then."""
    found = _resolve_one(text, published=published)
    if found[0] is None and "," in text:
        for part in text.split(","):
            day, precision, year = _resolve_one(part, published=published)
            if day is not None and precision in {"day", "month"}:
                return day, precision, year or found[2]
    if found[0] is None and published is None and event_date is not None and not found[2]:
        cleaned = text.strip()
        if _MONTH_WORDS.search(cleaned) and re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", cleaned):
            day, precision, _ = _resolve_one(cleaned, published=event_date + dt.timedelta(days=_EVENT_YEAR_REACH_DAYS))
            if day is not None and precision == "day":
                return day, precision, 0
    return found


def _resolve_one(text: str, *, published: dt.date | None) -> tuple[dt.date | None, str, int]:
    year_match = _YEAR.search(text)
    year = int(year_match.group(1)) if year_match else 0
    cleaned = text.strip()
    while _STRIP.match(cleaned):
        cleaned = _STRIP.sub("", cleaned, count=1)
    has_day = bool(_DAY_WORDS.search(cleaned))
    has_month = bool(_MONTH_WORDS.search(cleaned))
    if _DURATION.search(cleaned) and not _RELATIVE_AGO.search(cleaned):
        return None, "", year
    if not (has_day or has_month or year or _RELATIVE_AGO.search(cleaned)):
        return None, "", year
    if published is None and not year:
        return None, "", year  # a relative date needs the publication date to mean anything
    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None:
        return None, "", year
    day = parsed.date()
    if published is not None and not has_day and day > published:
        return None, "", year
    if has_day:
        precision = "day"
    elif has_month:
        precision = "month"
    else:
        precision = "year" if year else "day"
    # "Sunday" said on a Sunday means that same day, not a week earlier (dateparser excludes the base day).
    if published is not None and cleaned.lower() in _WEEKDAYS.split("|"):
        if cleaned.lower() == published.strftime("%A").lower():
            day = published
    return day, precision, year


_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10}
_SAME_DAY = re.compile(r"^(?:on |later )?(?:the same day|that day|that same day|the same evening|that evening|"
                       r"later that day|that night|the same morning)$", re.I)
_DAYS_LATER = re.compile(r"^(?:on )?(?:(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) days? later|"
                         r"the (next|following) day)$", re.I)


_ANAPHORIC_IN_TEXT = re.compile(
    r"\b(?:the same day|that same day|later that day|that day|the same evening|that evening|the next day|"
    r"the following day|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+) days? later)\b",
    re.I,
)


# Days the NER sometimes misses: "On 19 August", "Nov. 9", "on Tuesday".
_DAY_IN_TEXT = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)? (?:{_MONTHS})\.?|(?:{_MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?\b|(?:{_WEEKDAYS}))\b",
    re.I,
)


def resolve_anaphoric(text: str, *, previous: dt.date | None) -> dt.date | None:
    """'the same day', 'four days later', 'the next day': relative to the last day the text named."""
    if previous is None:
        return None
    cleaned = text.strip()
    if _SAME_DAY.match(cleaned):
        return previous
    match = _DAYS_LATER.match(cleaned)
    if match:
        if match.group(2):
            return previous + dt.timedelta(days=1)
        count = match.group(1).lower()
        days = int(count) if count.isdigit() else _NUMBER_WORDS.get(count, 0)
        return previous + dt.timedelta(days=days) if days else None
    return None


class DateResolver:
    """The ``dates`` component; see the module docstring."""

    @staticmethod
    def _date_spans(doc: Doc) -> list:
        """The NER's dates, plus the anaphoric ones it often misses ("The same day Merkel said…")."""
        spans = [ent for ent in doc.ents if ent.label_ in {"DATE", "TIME"}]
        taken = {i for ent in spans for i in range(ent.start, ent.end)}
        matches = [*_ANAPHORIC_IN_TEXT.finditer(doc.text), *_DAY_IN_TEXT.finditer(doc.text)]
        for match in sorted(matches, key=lambda m: m.start()):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None and not any(i in taken for i in range(span.start, span.end)):
                spans.append(span)
                taken.update(range(span.start, span.end))
        return sorted(spans, key=lambda span: span.start)

    def __call__(self, doc: Doc) -> Doc:
        published = dt.date.fromisoformat(doc._.published) if doc._.published else None
        event_date = dt.date.fromisoformat(doc._.reference_date) if doc._.reference_date else None
        dates = []
        last_day: dt.date | None = None
        for ent in self._date_spans(doc):
            anaphoric = resolve_anaphoric(ent.text, previous=last_day)
            if anaphoric is not None:
                dates.append({"start": ent.start, "end": ent.end, "text": ent.text,
                              "date": anaphoric.isoformat(), "precision": "day", "year": 0})
                continue
            day, precision, year = resolve_date(ent.text, published=published, event_date=event_date)
            if day is not None and precision == "day":
                last_day = day
            dates.append(
                {
                    "start": ent.start,
                    "end": ent.end,
                    "text": ent.text,
                    "date": day.isoformat() if day else "",
                    "precision": precision,
                    "year": year,
                }
            )
        doc._.dates = dates
        return doc


@Language.factory("dates", assigns=["doc._.dates"], default_config={})
def make_dates(nlp: Language, name: str) -> DateResolver:
    return DateResolver()

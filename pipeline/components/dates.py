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
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_DAY_WORDS = re.compile(rf"\b({_WEEKDAYS}|today|yesterday|tonight|\d{{1,2}}(?:st|nd|rd|th)?)\b", re.I)
_MONTH_WORDS = re.compile(rf"\b({_MONTHS})\b", re.I)
_DURATION = re.compile(r"\b(years?|months?|weeks?|days?|decades?|century|centuries|hours?)\b", re.I)
_RELATIVE_AGO = re.compile(r"\b(ago|earlier|later|last|previous|next)\b", re.I)
# Words in a DATE entity that dateparser should not see.
_STRIP = re.compile(r"^(on|in|at|by|since|from|until|early|late|mid|the)\s+", re.I)

if not Doc.has_extension("dates"):
    Doc.set_extension("dates", default=None)


def resolve_date(text: str, *, published: dt.date | None) -> tuple[dt.date | None, str, int]:
    """(date, precision, explicit year or 0) for a date expression; (None, "", year) when not a point in time."""
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


class DateResolver:
    """The ``dates`` component; see the module docstring."""

    def __call__(self, doc: Doc) -> Doc:
        published = dt.date.fromisoformat(doc._.published) if doc._.published else None
        dates = []
        for ent in doc.ents:
            if ent.label_ not in {"DATE", "TIME"}:
                continue
            day, precision, year = resolve_date(ent.text, published=published)
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

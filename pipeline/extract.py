"""Articles in, reaction records out: runs the spaCy pipeline and judges each mention against the event.

The components say who took which stance in which clause; this module decides which of those are reactions to
*this* event, and merges an article's mentions into one record per (actor, stance):

- not the host country's own actors (Trump and his campaign for a US election), nor the event's subjects;
- not statements about another time: a clause marked "at the time", or dated by a year that is not the event's,
  or by a day well before it ("After the 2016 election, Putin quickly congratulated Trump");
- not congratulations to someone else (the loser, another country's leader), nor praise or blame aimed at a
  third party from a country that is not party to the event;
- per (actor, stance): the earliest explicit date, the actor's own words (a quote holding the cue, else the
  longest quote of theirs near the mention), and the first evidence sentence with its offsets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from typing import Callable, Iterable, Sequence

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.articles import Article
from pipeline.components.actors import ACTORS_KEY
from pipeline.components.mentions import Mention, doc_mentions
from pipeline.components.quotes import QUOTES_KEY
from pipeline.cues import CueLexicon, load_cues
from pipeline.events import ELECTION_KINDS, Event, EventMatch, kind_words
from pipeline.gazetteer import load_gazetteer
from pipeline.knowledge import iso3_for_name, load_countries
from pipeline.names import fold
from pipeline.records import Reaction, reactions_frame


# A stance reported alongside a stronger one of the same direction is part of it: congratulating Biden and
# "looking forward to working with him" is one congratulation; condemning and "calling for restraint", one
# condemnation.
_SUBSUMED_BY = {
    "supportive": ("congratulated",),
    "neutral": ("congratulated", "critical", "supportive", "withheld"),
    # Rejecting a result beats holding recognition back; withholding beats having said nothing.
    "withheld": ("critical",),
    "silent": ("withheld",),
}
_BATCH_SIZE = 16
# Stances that report no statement: a country's and its leader's are two reports.
NON_STATEMENTS = frozenset({"silent", "no_comment"})


# Text this much in capitals is a shouted headline or a wire in all caps: the tagger reads every word as a
# proper noun, so the text is parsed in lower case (same length, so offsets still hold).
_CAPITALS_SHARE = 0.6
_SENTENCE_START = re.compile(r"(^|[.!?]\s+|\n\s*)(\w)")
# A line in capitals inside ordinary text is a heading ("U.S. PRESIDENT JOE BIDEN:", "FRENCH FOREIGN MINISTRY"):
# it is parsed in title case, so the tagger and the NER see names and titles; small words stay lower case.
_CAPS_LINE = re.compile(r"^[^\S\n]*(?:[-*•–]\s*)?[^a-z\n]*[A-Z]{2}[^a-z\n]*$", re.MULTILINE)
_SMALL_WORDS = frozenset({"of", "for", "and", "the", "in", "on", "to", "at", "by", "a", "an", "with", "after", "from"})


def _title_word(word: str, *, keep: frozenset[str], first: bool) -> str:
    if word in keep or not word.isalpha() or len(word) < 2:
        return word
    lower = word.lower()
    return lower if lower in _SMALL_WORDS and not first else word[0] + lower[1:]


def _title_case_line(line: str, *, keep: frozenset[str]) -> str:
    words = re.split(r"(\W+)", line)
    seen_word = False
    out = []
    for word in words:
        out.append(_title_word(word, keep=keep, first=not seen_word))
        seen_word = seen_word or word.isalpha()
    titled = "".join(out)
    return titled if len(titled) == len(line) else line


def parse_form(text: str, *, keep: frozenset[str]) -> str:
    """The text the parser sees: the text itself, or for all-caps text a lower-cased copy of the same length
    that keeps the acronyms in ``keep`` ("US", "NATO") and capitalises sentence starts; heading lines in capitals
    inside ordinary text are title-cased. Offsets into the text hold for the parse form."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return text
    if sum(ch.isupper() for ch in letters) / len(letters) < _CAPITALS_SHARE:
        return _CAPS_LINE.sub(lambda m: _title_case_line(m.group(0), keep=keep), text)
    words = re.split(r"(\W+)", text)
    lowered = "".join(w if w in keep else w.lower() for w in words)
    lowered = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), lowered)
    return lowered if len(lowered) == len(text) else text


def prepare_doc(nlp: Language, article: Article, event: Event) -> Doc:
    """A Doc carrying the dates the components resolve against."""
    doc = nlp.make_doc(parse_form(article.text, keep=load_gazetteer().acronyms()))
    doc._.published = article.published.isoformat() if article.published else ""
    doc._.reference_date = event.date.isoformat()
    doc._.host_countries = list(event.host_countries)
    doc._.event_kind = event.kind
    return doc


@dataclasses.dataclass(frozen=True)
class JudgingOptions:
    """Thresholds of the judging; the defaults are what the evaluation gates were measured with."""

    # A reaction dated this many days before the event is about something else.
    days_before_event: int = 2
    # How far (in characters) from a mention a quote of the same actor may stand and still belong to it.
    quote_window_chars: int = 1500


@dataclasses.dataclass(frozen=True)
class _Judging:
    """What every rule may look at besides the mention."""

    event: Event
    published: dt.date | None
    actors: dict[str, dict]
    subject_ids: frozenset[str]
    cues: CueLexicon
    options: JudgingOptions
    # actor id -> how the text names it (labels of its actor spans: COUNTRY, GOV, ORG, PERSON, OFFICE, ROYAL)
    named_as: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)


def _named_as(doc: Doc) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for span in doc.spans.get(ACTORS_KEY, []):
        found.setdefault(span.id_, set()).add(span.label_)
    return {actor_id: frozenset(labels) for actor_id, labels in found.items()}


def _subject_ids(event: Event, actors: dict[str, dict]) -> frozenset[str]:
    names = {fold(name) for name in event.subject_names}
    return frozenset(actor_id for actor_id, actor in actors.items() if fold(actor["name"]) in names)


# --- the rules ------------------------------------------------------------------------------------------------
# Each rule looks at one mention and either keeps it, drops it, or gives it another stance. They run in the
# order of RULES; a dropped mention goes no further.

def _message_stance(m: Mention, j: _Judging) -> str | None:
    """A message sent to the event's subject means what the event's kind says (a congratulation after an
    election; nothing by itself after a death)."""
    return j.cues.message_means.get(j.event.kind) if m.stance == "message" else m.stance


def _unknown_actor(m: Mention, j: _Judging) -> bool:
    return m.actor_id not in j.actors


def _host_or_subject(m: Mention, j: _Judging) -> bool:
    """The host countries' own actors and the event's subjects are parties to the event, not reactors."""
    return j.actors[m.actor_id]["country_iso3"] in j.event.host_countries or m.actor_id in j.subject_ids


def _about_other_time(m: Mention, j: _Judging) -> bool:
    """'at the time', a year that is not the event's, or a day well before it."""
    if m.other_time:
        return True
    event = j.event
    last_year = (j.published or event.date).year
    if any(year and not (event.date.year <= year <= last_year) for year in m.years):
        return True
    return any(
        precision == "day" and (event.date - dt.date.fromisoformat(iso)).days > j.options.days_before_event
        for iso, precision in m.dates
    )


def _wrong_target(m: Mention, j: _Judging) -> bool:
    """Congratulations to someone else (the loser, another country's leader); praise of the loser; praise or
    blame aimed at a third party from a country that is not party to the event."""
    target, event = m.target, j.event
    if not target.text or target.actor_id == m.actor_id:
        return False  # no target, or the speaker's own name the parser took for one ('"…" - Name')
    # "the elected American president, Donald Trump": a title in apposition with the subject's name is the subject.
    named = fold(f"{target.text} {target.full}")
    is_subject = target.actor_id in j.subject_ids or fold(target.text) in {fold(n) for n in event.subject_names} or any(
        fold(name) in named for name in event.subject_names if len(name) > 3
    )
    if is_subject:
        return False
    if m.stance == "congratulated":
        # A named actor, person or organisation is someone else ("congratulated the BJP"), and so is a place other
        # than a host country ("congratulated Moldova"); "congratulated Kenyans" or "Kenya" on Kenya's vote is not.
        # Inside a quotation the addressee is often a nickname or a handle ("Congratulations Joe!", "@JoeBiden").
        if target.kind == "place":  # a place that is no country ("the DP" read as one) is nobody else
            iso3 = iso3_for_name(target.text)
            return iso3 is not None and iso3 not in event.host_countries
        named = {"actor"} if m.quote_index >= 0 else {"actor", "person", "entity"}
        return target.kind in named
    if m.stance == "supportive" and event.kind in ELECTION_KINDS and j.cues.victim_support_means.get(event.kind) != "critical":
        return target.kind in {"actor", "person"}  # praising the loser is not backing the result
    if m.stance in {"supportive", "critical"} and target.actor_id:
        country = j.actors.get(target.actor_id, {}).get("country_iso3", "")
        return country not in event.host_countries
    return False


def _off_topic(m: Mention, j: _Judging) -> bool:
    """After an election, praise or condemnation of something that is neither the vote, its result nor its
    winner ('condemned the disgraceful scenes in Congress') is about something else."""
    event = j.event
    if event.kind not in ELECTION_KINDS or m.stance not in {"supportive", "critical"}:
        return False
    phrase = fold(m.target.full)
    if not phrase or m.target.kind == "pronoun":
        return False
    words = [*event.keywords, *event.subject_names, *j.cues.topic_words]
    # The target, or failing that its sentence ("put Lukashenko … on blacklists"), must touch the event.
    return not any(fold(word) in text for word in words for text in (phrase, fold(m.clause_text)))


def _support_for_victim(m: Mention, j: _Judging) -> str | None:
    """'expressed support for the Ukrainian people', 'praised Navalny's courage': support for the event's victims
    means what the event's kind says (sympathy after a death, condemnation of a coup)."""
    if m.stance != "supportive":
        return m.stance
    target = fold(f"{m.target.text} {m.target.phrase}")
    if any(fold(victim) in target for victim in j.event.victims):
        return j.cues.victim_support_means.get(j.event.kind, "neutral")
    # After a coup, a death in custody or a killing, support that is not aimed at the event's subjects or the host
    # government goes to its victims: "solidarity with the courageous Iranian women", "the United States stands
    # with the people of Burma", "resolutely supports him as the democratically elected president".
    means = j.cues.victim_support_means.get(j.event.kind)
    if means != "critical" or (m.target.kind == "pronoun" and not m.target.actor_id) or _aimed_at_the_event(m, j):
        return m.stance  # "ready to work with him": a pronoun that cannot be resolved most often means the subject
    if not (m.target.text or m.target.phrase) and j.event.kind not in j.cues.sympathy_means:
        return m.stance  # support with no target says nothing of whom it backs, except after a death
    return means


def _aimed_at_the_event(m: Mention, j: _Judging) -> bool:
    """Whether a cue's target is the event's subject (the junta, the winner) or the host government."""
    target = m.target
    # After a death the subject is the dead (an events file names "Mahsa Amini", "Jamal Khashoggi"): the victim.
    subjects = () if j.event.kind in j.cues.sympathy_means else j.event.subject_names
    if subjects and target.actor_id in j.subject_ids:
        return True
    text = fold(f"{target.text} {target.phrase}")
    names = [*subjects, *j.event.keywords, *kind_words(j.event.kind)]
    if any(fold(name) in text for name in names if len(name) > 3):
        return True  # "hailed the coup", "backed the annexation"
    actor = j.actors.get(target.actor_id, {})
    return bool(actor) and actor.get("official") and actor.get("country_iso3") in j.event.host_countries


def _sympathy_for_the_dead(m: Mention, j: _Judging) -> str | None:
    """'saddened to hear of his death', 'posted his sympathies': after a death in custody or a killing, sorrow for
    the dead means what the event's kind says."""
    means = j.cues.sympathy_means.get(j.event.kind)
    if means and m.stance == "neutral" and m.cue.startswith("word:") and m.cue[5:] in j.cues.sympathy_lemmas:
        return means
    return m.stance


def _what_a_call_means(m: Mention, j: _Judging) -> str | None:
    """'called for a full count of the votes' after a contested election withholds judgement; 'urged the release
    of the president' after a coup condemns it (call_means in the cue file)."""
    if m.stance != "neutral":
        return m.stance
    words = set(re.findall(r"\w+", fold(m.cue_text)))
    for stance, call in j.cues.call_means.get(j.event.kind, {}).items():
        if words & call.words and (call.aimed_at != "host" or _aimed_at_host(m, j)):
            return stance
    return m.stance


def _aimed_at_host(m: Mention, j: _Judging) -> bool:
    """'called on Russia to cease…', 'called for the withdrawal of Russian troops': the target names a host."""
    if j.actors.get(m.target.actor_id, {}).get("country_iso3", "") in j.event.host_countries:
        return True
    words = set(re.findall(r"\w+", fold(f"{m.target.text} {m.target.full} {m.cue_text}")))
    return bool(words & _host_words(j.event.host_countries))


@functools.lru_cache(maxsize=64)
def _host_words(hosts: tuple[str, ...]) -> frozenset[str]:
    """The one-word names and demonyms of the host countries ("russia", "russian")."""
    countries = load_countries()
    rows = countries[countries["iso3"].isin(hosts)]
    forms = [*rows["name"], *(f for forms in rows["short_names"] for f in forms),
             *(f for forms in rows["demonyms"] for f in forms)]
    return frozenset(fold(f) for f in forms if " " not in f)


@dataclasses.dataclass(frozen=True)
class Rule:
    name: str
    drops: Callable[[Mention, _Judging], bool] | None = None  # the mention is no reaction to the event
    restances: Callable[[Mention, _Judging], str | None] | None = None  # its stance read anew (None drops it)


RULES: tuple[Rule, ...] = (
    Rule("message-by-event-kind", restances=_message_stance),
    Rule("unknown-actor", drops=_unknown_actor),
    Rule("host-country-or-subject", drops=_host_or_subject),
    Rule("about-another-time", drops=_about_other_time),
    Rule("aimed-at-someone-else", drops=_wrong_target),
    Rule("off-topic-after-election", drops=_off_topic),
    Rule("support-for-the-victim", restances=_support_for_victim),
    Rule("sympathy-for-the-dead", restances=_sympathy_for_the_dead),
    Rule("what-a-call-means", restances=_what_a_call_means),
)


def judge_mention(mention: Mention, judging: _Judging) -> Mention | None:
    """The mention as a reaction to the event, or None when a rule drops it."""
    for rule in RULES:
        if rule.drops is not None and rule.drops(mention, judging):
            return None
        if rule.restances is not None:
            stance = rule.restances(mention, judging)
            if stance is None:
                return None
            if stance != mention.stance:
                mention = dataclasses.replace(mention, stance=stance)
    return mention


# --- merging an article's mentions ----------------------------------------------------------------------------

Kept = dict[tuple[str, str], list[Mention]]


def _subsumed(kept: Kept, j: _Judging) -> None:
    """A weaker stance of the same direction beside a stronger one of the same actor is part of it; so is a
    report of silence beside one of withholding ("has not commented … said it would wait")."""
    for actor_id, stance in list(kept):
        if any((actor_id, stronger) in kept for stronger in _SUBSUMED_BY.get(stance, ())):
            del kept[(actor_id, stance)]


def _only_as_country(actor_id: str, j: _Judging) -> bool:
    return actor_id.startswith("royal:") or (
        actor_id.startswith("gov:") and j.named_as.get(actor_id, frozenset()) <= {"COUNTRY"}
    )


def _country_gives_way(kept: Kept, j: _Judging) -> None:
    """'The United States, France and the UN condemned the takeover', then 'Blinken called for…': a government
    named only as its country (or a royal family) gives way to a named person of that country with the same
    stance, and its silence to that country's withholding. Reports that a country and its leader have said nothing
    are two reports, and both stay."""
    for actor_id, stance in list(kept):
        if not _only_as_country(actor_id, j):
            continue
        country = j.actors[actor_id]["country_iso3"]
        same_country = [(other, s) for other, s in kept if other != actor_id
                        and j.actors[other]["country_iso3"] == country]
        if any(other.startswith("person:") and s == stance not in NON_STATEMENTS for other, s in same_country) or (
            stance == "silent" and any(s == "withheld" for _, s in same_country)
        ):
            del kept[(actor_id, stance)]


def _summarised_by_a_group(kept: Kept, j: _Judging) -> None:
    """'Maduro's allies in Moscow, Beijing and Havana congratulated him' summarises what the article then
    reports of Putin and the others: a government named only in such a list adds no reaction of its own."""
    actors = j.actors
    for actor_id, stance in list(kept):
        country = actors[actor_id]["country_iso3"]
        if not actor_id.startswith("person:") and all(m.via_group for m in kept[(actor_id, stance)]) and any(
            other != actor_id and actors[other]["country_iso3"] == country and s == stance for other, s in kept
        ):
            del kept[(actor_id, stance)]


MERGE_RULES = (_subsumed, _country_gives_way, _summarised_by_a_group)


def _reaction_date(mentions: Iterable[Mention], *, event: Event, published: dt.date | None) -> tuple[dt.date | None, str]:
    """The earliest explicit day-precise date on or after the event (and not after publication)."""
    best: tuple[dt.date | None, str] = (None, "")
    latest = published or dt.date.max
    for mention in mentions:
        for iso, precision in mention.dates:
            day = dt.date.fromisoformat(iso)
            if precision != "day" or day > latest or (event.date - day).days > 1:
                continue
            if best[0] is None or day < best[0]:
                best = (day, precision)
    return best


def _quote_text(quotes: list, index: int, *, text: str) -> str:
    """A quotation's words, with its other half when a reporting frame splits it ('"A," he said, "B."')."""
    quote = quotes[index]
    parts = [quote]
    for other in (index - 1, index + 1):
        if 0 <= other < len(quotes) and quotes[other].id_ == quote.id_ and quotes[other].sent == quote.sent:
            parts.append(quotes[other])
    return " ".join(text[q.start_char : q.end_char].strip() for q in sorted(parts, key=lambda q: q.start))


def _pick_quote(doc: Doc, actor_id: str, mentions: list[Mention], *, text: str, window: int) -> str:
    quotes = list(doc.spans.get(QUOTES_KEY, []))
    for mention in mentions:
        index = mention.quote_index
        if 0 <= index < len(quotes) and quotes[index].id_ == actor_id:
            return _quote_text(quotes, index, text=text)
    nearby = [
        quote for quote in quotes
        if quote.id_ == actor_id and any(abs(quote.start_char - m.sent_start) <= window for m in mentions)
    ]
    if not nearby:
        return ""
    # The reaction's first quotation, not its longest: the first one from the reaction's sentence on, else the
    # last one before it.
    first = min(nearby, key=lambda q: q.start)  # the reaction's first quotation, not its longest
    return _quote_text(quotes, quotes.index(first), text=text)


def _evidence_spans(mentions: list[Mention]) -> tuple[dict[str, int], ...]:
    """The distinct sentences of a row's mentions, in text order."""
    spans = sorted({(m.sent_start, m.sent_end) for m in mentions})
    return tuple({"start_char": start, "end_char": end} for start, end in spans)


def reactions_from_doc(
    doc: Doc, *, article: Article, match: EventMatch, options: JudgingOptions = JudgingOptions()
) -> list[Reaction]:
    """Judge a processed doc's mentions against the event and merge them per (actor, stance)."""
    event = match.event
    actors: dict[str, dict] = doc._.actors or {}
    judging = _Judging(
        event, article.published, actors, _subject_ids(event, actors), load_cues(), options, _named_as(doc)
    )
    kept: dict[tuple[str, str], list[Mention]] = {}
    for mention in doc_mentions(doc):
        judged = judge_mention(mention, judging)
        if judged is not None:
            kept.setdefault((judged.actor_id, judged.stance), []).append(judged)
    for merge in MERGE_RULES:
        merge(kept, judging)
    reactions = []
    for (actor_id, stance), mentions in kept.items():
        actor = actors[actor_id]
        mentions.sort(key=lambda m: m.sent_start)
        first = mentions[0]
        day, precision = _reaction_date(mentions, event=event, published=article.published)
        reactions.append(
            Reaction(
                article_id=article.article_id,
                event_id=event.id,
                event_match=match.how,
                actor=actor["name"],
                actor_id=actor_id,
                actor_type=actor["actor_type"],
                country_iso3=actor["country_iso3"],
                official=bool(actor["official"]),
                stance=stance,
                reaction_date=day,
                date_precision=precision,
                quote=_pick_quote(doc, actor_id, mentions, text=article.text, window=options.quote_window_chars),
                sentence=article.text[first.sent_start : first.sent_end].strip(),
                start_char=first.sent_start,
                end_char=first.sent_end,
                source=article.source,
                url=article.url,
                published=article.published,
                evidence_spans=_evidence_spans(mentions),
            )
        )
    reactions.sort(key=lambda r: r.start_char)
    return _share_dates(reactions)


def _share_dates(reactions: list[Reaction]) -> list[Reaction]:
    """An undated reaction takes the date of the same stance by the same country in the same article ('China
    on Friday offered its first congratulations … spokesman Wang Wenbin said: "We extend our congratulations"'):
    one act reported twice. Explicit dates are never replaced."""
    dated: dict[tuple[str, str], tuple] = {}
    for reaction in reactions:
        if reaction.reaction_date is not None and reaction.country_iso3:
            key = (reaction.country_iso3, reaction.stance)
            known = dated.get(key)
            if known is None or reaction.reaction_date < known[0]:
                dated[key] = (reaction.reaction_date, reaction.date_precision)
    shared = []
    for reaction in reactions:
        found = dated.get((reaction.country_iso3, reaction.stance)) if reaction.reaction_date is None else None
        if found is not None:
            reaction = dataclasses.replace(reaction, reaction_date=found[0], date_precision=found[1])
        shared.append(reaction)
    return shared


def extract_reactions(
    nlp: Language,
    articles: Sequence[Article],
    matches: Sequence[EventMatch],
    *,
    progress: Callable[[int, int, str], None] | None = None,
) -> pd.DataFrame:
    """The reactions table for articles already matched to their events (one EventMatch per article)."""
    docs = (prepare_doc(nlp, article, match.event) for article, match in zip(articles, matches))
    reactions: list[Reaction] = []
    for done, (doc, article, match) in enumerate(zip(nlp.pipe(docs, batch_size=_BATCH_SIZE), articles, matches), 1):
        reactions.extend(reactions_from_doc(doc, article=article, match=match))
        if progress is not None:
            progress(done, len(articles), article.article_id)
    return reactions_frame(reactions)


__all__ = ["extract_reactions", "prepare_doc", "reactions_from_doc"]

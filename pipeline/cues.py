"""Cue words for stances and reporting verbs, keyed by language, loaded from ``data/cues/<lang>.yaml``.

The lexicon is data: a new cue is an edit of the YAML file, not of code. An unsupported language fails loudly.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Mapping

import yaml

from pipeline.records import STANCES

CUES_DIR = Path(__file__).parent / "data" / "cues"
# "same": a phrase that repeats the reaction just reported ("did the same", "followed suit").
# "message": a phrase whose meaning depends on the event ("wished him well" after an election congratulates).
_STANCE_OR_DROP = (*STANCES, "drop", "same", "message")
_WORD_CLASSES = (
    "person_pronouns", "body_pronouns", "first_person", "quoted_self", "member_nouns", "negative_subjects",
    "hypothetical_marks", "duration_preps", "target_preps", "party_words", "former_words", "sympathy_lemmas",
    "person_group_lemmas", "group_quantity_nouns", "accusation_verbs", "channel_words", "performative_governors", "speculative_modals",
)


class UnsupportedLanguageError(ValueError):
    """No cue lexicon exists for the requested language."""


@dataclasses.dataclass(frozen=True)
class Phrase:
    id: str
    stance: str
    patterns: tuple[tuple[dict, ...], ...]  # the wordings of one phenomenon, as Matcher patterns
    unless_past: bool = False  # the phrase's verb in the past tense reports a delay, not a stance
    after: frozenset[str] = frozenset()  # event kinds it applies to; empty: every kind


@dataclasses.dataclass(frozen=True)
class CallMeaning:
    """The words of a call that give it a stance, and whom the call must be aimed at ("" anyone, "host")."""

    words: frozenset[str]
    aimed_at: str = ""


def _call_words(raw, *, source: str) -> CallMeaning:
    if isinstance(raw, Mapping):
        aimed_at = str(raw.get("aimed_at") or "")
        if aimed_at not in {"", "host"}:
            raise ValueError(f"{source}: call_means aimed_at must be 'host' or absent, got '{aimed_at}'")
        return CallMeaning(frozenset(str(w).lower() for w in raw.get("words") or ()), aimed_at)
    return CallMeaning(frozenset(str(w).lower() for w in raw))


@dataclasses.dataclass(frozen=True)
class QuotePhrase:
    """A phrase that says a stance when it stands inside a quotation (see quote_phrases in the cue file)."""

    id: str
    stance: str
    weight: float
    patterns: tuple[tuple[dict, ...], ...]
    after: frozenset[str] = frozenset()  # event kinds it applies to; empty: every kind


@dataclasses.dataclass(frozen=True)
class CueLexicon:
    language: str
    # (pos, lemma) -> stance; pos is a coarse universal tag (VERB, NOUN, ADJ, INTJ)
    stance_lemmas: Mapping[tuple[str, str], str]
    reaction_lemmas: frozenset[str]
    transfer_verbs: frozenset[str]
    governors: Mapping[str, str]  # governing lemma -> stance, "delay" or "drop"
    negated: Mapping[str, str]  # cue stance -> stance when negated (or "drop")
    negated_lemmas: Mapping[str, str]  # a word whose negation has its own meaning ("not recognise": critical)
    future_modals: frozenset[str]
    reporting_lemmas: frozenset[str]
    group_lemmas: frozenset[str]
    list_markers: frozenset[str]
    phrases: tuple[Phrase, ...]
    other_time: tuple[str, ...]  # "at the time", "four years ago": the clause is about another time
    possessor_speaks: frozenset[str]  # nouns whose possessor is the speaker: "Macron's congratulations"
    aide_lemmas: frozenset[str]  # "a spokesman for X": speaks for X's government
    experiencer_verbs: frozenset[str]  # passive "was shocked": the subject feels
    message_nouns: frozenset[str]  # "sent a message": a reaction whose stance depends on the event
    message_means: Mapping[str, str]  # event kind -> the stance a message stands for
    victim_support_means: Mapping[str, str]  # event kind -> what support for the event's victims stands for
    # event kind -> stance -> the call that turns into that stance ("called for a full count")
    call_means: Mapping[str, Mapping[str, "CallMeaning"]]
    # Word classes (see the comments in the cue file).
    person_pronouns: frozenset[str] = frozenset()
    body_pronouns: frozenset[str] = frozenset()
    first_person: frozenset[str] = frozenset()
    quoted_self: frozenset[str] = frozenset()
    member_nouns: frozenset[str] = frozenset()
    negative_subjects: frozenset[str] = frozenset()
    hypothetical_marks: frozenset[str] = frozenset()
    duration_preps: frozenset[str] = frozenset()
    target_preps: frozenset[str] = frozenset()
    topic_words: tuple[str, ...] = ()
    sympathy_lemmas: frozenset[str] = frozenset()
    person_group_lemmas: frozenset[str] = frozenset()
    group_quantity_nouns: frozenset[str] = frozenset()
    accusation_verbs: frozenset[str] = frozenset()
    channel_words: frozenset[str] = frozenset()
    performative_governors: frozenset[str] = frozenset()
    speculative_modals: frozenset[str] = frozenset()
    # lemma -> ("only" | "not", object lemmas): see object_constraints in the cue file
    object_constraints: Mapping[str, tuple[str, frozenset[str]]] = dataclasses.field(default_factory=dict)
    hedge_nouns: frozenset[str] = frozenset()
    hedge_adjectives: frozenset[str] = frozenset()
    hedge_prepositions: frozenset[str] = frozenset()
    quote_phrases: tuple[QuotePhrase, ...] = ()
    sympathy_means: Mapping[str, str] = dataclasses.field(default_factory=dict)
    party_words: frozenset[str] = frozenset()
    former_words: frozenset[str] = frozenset()

    def stance_of(self, *, lemma: str, pos: str) -> str | None:
        """The stance a single word carries, by lemma and coarse part of speech ("PROPN" reads as "NOUN")."""
        pos = "NOUN" if pos == "PROPN" else pos
        return self.stance_lemmas.get((pos, lemma.lower()))


def _check_stance(value: str, *, where: str) -> str:
    if value not in _STANCE_OR_DROP:
        raise ValueError(f"{where}: unknown stance '{value}' (known: {', '.join(_STANCE_OR_DROP)})")
    return value


def parse_lexicon(raw: Mapping, *, source: str) -> CueLexicon:
    """Validate a cue file's contents; errors name the file and the entry."""
    stance_lemmas: dict[tuple[str, str], str] = {}
    for stance, by_pos in (raw.get("stance_lemmas") or {}).items():
        _check_stance(stance, where=f"{source}: stance_lemmas")
        for pos, lemmas in by_pos.items():
            for lemma in lemmas:
                stance_lemmas[(pos, str(lemma).lower())] = stance
    governors = {}
    for stance, lemmas in (raw.get("governors") or {}).items():
        if stance != "delay":
            _check_stance(stance, where=f"{source}: governors")
        governors.update({str(lemma): stance for lemma in lemmas})
    negated = {
        _check_stance(k, where=f"{source}: negated"): _check_stance(v, where=f"{source}: negated")
        for k, v in (raw.get("negated") or {}).items()
    }
    phrases = []
    seen: set[str] = set()
    for i, entry in enumerate(raw.get("phrases") or ()):
        where = f"{source}: phrase {i + 1}"
        if not entry.get("id") or not (entry.get("pattern") or entry.get("patterns")):
            raise ValueError(f"{where}: needs an id and a pattern")
        if entry["id"] in seen:
            raise ValueError(f"{where}: duplicate id '{entry['id']}'")
        seen.add(entry["id"])
        phrases.append(
            Phrase(
                entry["id"],
                _check_stance(entry["stance"], where=where),
                _patterns(entry),
                bool(entry.get("unless_past", False)),
                frozenset(str(kind) for kind in entry.get("after") or ()),
            )
        )

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key) or ())

    return CueLexicon(
        language=str(raw.get("language", "")),
        stance_lemmas=stance_lemmas,
        reaction_lemmas=words("reaction_lemmas"),
        transfer_verbs=words("transfer_verbs"),
        governors=governors,
        negated=negated,
        negated_lemmas=_stance_map(raw, "negated_lemmas", source=source),
        future_modals=words("future_modals"),
        reporting_lemmas=words("reporting_lemmas"),
        group_lemmas=words("group_lemmas"),
        list_markers=words("list_markers"),
        phrases=tuple(phrases),
        other_time=tuple(str(p) for p in raw.get("other_time") or ()),
        aide_lemmas=words("aide_lemmas"),
        experiencer_verbs=words("experiencer_verbs"),
        possessor_speaks=words("possessor_speaks"),
        message_nouns=words("message_nouns"),
        victim_support_means=_stance_map(raw, "victim_support_means", source=source),
        call_means={
            str(kind): {
                _check_stance(str(stance), where=f"{source}: call_means"): _call_words(words, source=source)
                for stance, words in by_stance.items()
            }
            for kind, by_stance in (raw.get("call_means") or {}).items()
        },
        message_means=_stance_map(raw, "message_means", source=source),
        **{name: words(name) for name in _WORD_CLASSES},
        sympathy_means=_stance_map(raw, "sympathy_means", source=source),
        topic_words=tuple(str(w).lower() for w in raw.get("topic_words") or ()),
        object_constraints=_object_constraints(raw.get("object_constraints") or {}, source=source),
        hedge_nouns=frozenset(str(w).lower() for w in (raw.get("hedged_by") or {}).get("nouns") or ()),
        hedge_adjectives=frozenset(str(w).lower() for w in (raw.get("hedged_by") or {}).get("adjectives") or ()),
        hedge_prepositions=frozenset(str(w).lower() for w in (raw.get("hedged_by") or {}).get("prepositions") or ()),
        quote_phrases=_quote_phrases(raw.get("quote_phrases") or (), source=source, taken=seen),
    )


def _quote_phrases(raw, *, source: str, taken: set[str]) -> tuple[QuotePhrase, ...]:
    phrases = []
    for i, entry in enumerate(raw):
        where = f"{source}: quote phrase {i + 1}"
        if not entry.get("id") or not (entry.get("pattern") or entry.get("patterns")):
            raise ValueError(f"{where}: needs an id and a pattern")
        if entry["id"] in taken:
            raise ValueError(f"{where}: duplicate id '{entry['id']}'")
        taken.add(entry["id"])
        stance = _check_stance(str(entry["stance"]), where=where)
        phrases.append(QuotePhrase(
            entry["id"], stance, float(entry.get("weight", 1.0)), _patterns(entry),
            frozenset(str(kind) for kind in entry.get("after") or ()),
        ))
    return tuple(phrases)


def _stance_map(raw: Mapping, key: str, *, source: str) -> dict[str, str]:
    """A section mapping words or event kinds to stances, each stance checked."""
    return {
        str(name): _check_stance(str(stance), where=f"{source}: {key}") for name, stance in (raw.get(key) or {}).items()
    }


def _patterns(entry: Mapping) -> tuple[tuple[dict, ...], ...]:
    """A phrase's wordings: `pattern` (one) or `patterns` (several ways of saying the same thing)."""
    if entry.get("patterns"):
        return tuple(tuple(pattern) for pattern in entry["patterns"])
    return (tuple(entry["pattern"]),)


def _object_constraints(raw: Mapping, *, source: str) -> dict[str, tuple[str, frozenset[str]]]:
    constraints = {}
    for lemma, rule in raw.items():
        if not isinstance(rule, Mapping) or len(rule) != 1 or next(iter(rule)) not in {"only", "not"}:
            raise ValueError(f"{source}: object_constraints.{lemma} needs exactly one of 'only' or 'not'")
        kind, words = next(iter(rule.items()))
        constraints[str(lemma)] = (kind, frozenset(str(w).lower() for w in words))
    return constraints


@functools.lru_cache(maxsize=4)
def load_cues(language: str = "en") -> CueLexicon:
    """The cue lexicon for a language; UnsupportedLanguageError names the languages that exist."""
    path = CUES_DIR / f"{language}.yaml"
    if not path.exists():
        known = sorted(p.stem for p in CUES_DIR.glob("*.yaml"))
        raise UnsupportedLanguageError(f"no cue lexicon for language '{language}' (available: {', '.join(known)})")
    return parse_lexicon(yaml.safe_load(path.read_text(encoding="utf-8")), source=str(path))

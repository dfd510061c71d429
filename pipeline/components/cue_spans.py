"""Cue spans: the words and phrases of the cue lexicon found in a doc.

A cue is a stance word ("congratulated", "condemnation"), a multi-word phrase from the lexicon's Matcher
patterns ("has yet to", "in line with international practice"), or a reaction word that carries a stance only
when negated or delayed ("has not reacted", "sent a message"). Phrases win over the words inside them.
"""

from __future__ import annotations

import dataclasses

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from pipeline.cues import CueLexicon

# Stance a reaction word carries on its own: none, until negation or a message reading gives it one.
REACTION = "reaction"


@dataclasses.dataclass(frozen=True)
class Cue:
    token: Token  # the cue's head token
    stance: str  # one of records.STANCES, "same", "message", or REACTION
    cue_id: str  # a phrase id, or "word:<lemma>"
    is_phrase: bool
    unless_past: bool = False  # a phrase that withholds only when its clause is not in the past
    span: tuple[int, int] = (0, 0)  # a phrase's tokens: a negation inside it ("not free and fair") is its own

    @property
    def text(self) -> str:
        return self.token.doc[self.span[0]:self.span[1]].text if self.is_phrase else self.token.text


# A quotation mark may stand anywhere inside a phrase in real text: 'looked "forward to working"', 'in "line with
# international practice"'.
_OPTIONAL_MARK = {"ORTH": {"IN": ['"', "'"]}, "OP": "?"}


def _marks_allowed(pattern: tuple[dict, ...]) -> list[dict]:
    tokens: list[dict] = []
    for i, token in enumerate(pattern):
        if i:
            tokens.append(dict(_OPTIONAL_MARK))
        tokens.append(dict(token))
    return tokens


class CueFinder:
    """Finds the cues of a lexicon in docs of one vocab."""

    def __init__(self, *, cues: CueLexicon, vocab) -> None:
        self.cues = cues
        self.matcher = Matcher(vocab)
        for phrase in cues.phrases:
            self.matcher.add(phrase.id, [_marks_allowed(pattern) for pattern in phrase.patterns])
        self.phrases = {phrase.id: phrase for phrase in cues.phrases}
        self.quote_matcher = Matcher(vocab)
        for quote_phrase in cues.quote_phrases:
            self.quote_matcher.add(quote_phrase.id, [list(pattern) for pattern in quote_phrase.patterns])
        self.quote_phrases = {quote_phrase.id: quote_phrase for quote_phrase in cues.quote_phrases}
        self.other_time = PhraseMatcher(vocab, attr="LOWER")
        self.other_time.add("OTHER_TIME", [Doc(vocab, words=phrase.split()) for phrase in cues.other_time])

    def __call__(self, doc: Doc) -> list[Cue]:
        found: list[Cue] = []
        covered: set[int] = set()
        for match_id, start, end in self.matcher(doc):
            cue_id = doc.vocab.strings[match_id]
            span = doc[start:end]
            token = next((t for t in span if t.pos_ in {"VERB", "AUX"} and t.dep_ != "aux"), span.root)
            phrase = self.phrases[cue_id]
            if phrase.after and doc._.event_kind not in phrase.after:
                continue
            found.append(Cue(token, phrase.stance, cue_id, True, phrase.unless_past, (start, end)))
            covered.update(range(start, end))
        for token in doc:
            if token.i in covered:
                continue
            stance = self.cues.stance_of(lemma=token.lemma_, pos=token.pos_) or self.cues.stance_of(
                lemma=token.lower_, pos=token.pos_
            )
            if stance and not self._takes_stance(token):
                continue
            if stance:
                found.append(Cue(token, stance, f"word:{token.lemma_.lower()}", False))
            elif token.pos_ in {"VERB", "NOUN"} and (
                token.lemma_.lower() in self.cues.reaction_lemmas or token.lemma_.lower() in self.cues.message_nouns
            ):
                found.append(Cue(token, REACTION, f"word:{token.lemma_.lower()}", False))
        return found

    def _takes_stance(self, token: Token) -> bool:
        """Whether a stance word takes its stance here: not as a participle modifying a noun ("internationally
        recognized borders"), not with an object its constraint excludes ("recognised the threat"), not when it
        only reports what others allege ("investigation of possible violations")."""
        if token.pos_ == "VERB" and token.dep_ == "amod" and token.i < token.head.i and token.head.pos_ in {
            "NOUN", "PROPN"
        }:
            return False
        constraint = self.cues.object_constraints.get(token.lemma_.lower())
        negated = any(c.dep_ == "neg" for c in token.children)
        if constraint is not None and not negated:
            kind, objects = constraint
            obj = next((c for c in token.children if c.dep_ in {"dobj", "nsubjpass"} and c.pos_ != "PRON"), None)
            if obj is not None and (obj.lemma_.lower() in objects) != (kind == "only"):
                return False
        if token.pos_ == "VERB" and token.tag_ == "VBG" and self._accused_of(token):
            return False
        return not (token.pos_ in {"NOUN", "PROPN"} and self._hedged(token))

    def _accused_of(self, gerund: Token) -> bool:
        """'accused Beijing of supporting Moscow', 'scolded Mourão for condemning the invasion'."""
        prep = gerund.head
        if gerund.dep_ != "pcomp" or prep.lower_ not in {"of", "for"}:
            return False
        verb = prep.head
        return verb.lemma_.lower() in self.cues.accusation_verbs and any(c.dep_ == "dobj" for c in verb.children)

    def _hedged(self, noun: Token) -> bool:
        if any(c.dep_ == "amod" and c.lemma_.lower() in self.cues.hedge_adjectives for c in noun.children):
            return True
        current = noun
        for _ in range(3):
            head = current.head
            if head == current:
                return False
            if head.lemma_.lower() in self.cues.hedge_prepositions or (
                head.pos_ == "NOUN" and head.lemma_.lower() in self.cues.hedge_nouns
            ):
                return True
            if current.dep_ not in {"pobj", "prep", "compound", "conj"}:
                return False
            current = head
        return False

    def quote_phrase_cues(self, doc: Doc) -> list[tuple[Cue, float]]:
        """Phrases of the quote bank that apply to the doc's kind of event, as cues with their weights (to be kept
        only inside quotations)."""
        found = []
        kind = doc._.event_kind
        # Matched inside the quotations only: the bank is read nowhere else, and the doc is much longer.
        matches = [
            (match_id, quote.start + start, quote.start + end)
            for quote in doc.spans.get("quotes", []) for match_id, start, end in self.quote_matcher(quote)
        ]
        for match_id, start, end in matches:
            phrase = self.quote_phrases[doc.vocab.strings[match_id]]
            if phrase.after and kind not in phrase.after:
                continue
            found.append((Cue(doc[start:end].root, phrase.stance, phrase.id, True, False, (start, end)), phrase.weight))
        return found

    def other_time_tokens(self, doc: Doc) -> frozenset[int]:
        """Tokens of other-time markers ("at the time", "four years ago")."""
        return frozenset(i for _, start, end in self.other_time(doc) for i in range(start, end))

"""Coreference by rule: which actor a token stands for — its actor span, an apposed name, the principal of an
aide ("a spokesman for Chancellor Scholz"), a modifier ("the office of the Russian president"), or, for a
pronoun, the nearest fitting actor before it (coreferee's English model is not installable here; see
shared/STACK.md)."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.components.doc_index import DocIndex
from pipeline.cues import CueLexicon

# Actor span labels (components/actors.py) a person pronoun and a body pronoun can refer to.
_PERSON_LABELS = frozenset({"PERSON", "OFFICE"})
_BODY_LABELS = frozenset({"GOV", "COUNTRY", "ORG", "ROYAL"})


class Coreference:
    def __init__(self, index: DocIndex, *, cues: CueLexicon, antecedent_sentences: int) -> None:
        self.index = index
        self.cues = cues
        self.antecedent_sentences = antecedent_sentences

    def is_pronoun(self, token: Token) -> bool:
        return token.lower_ in self.cues.person_pronouns or token.lower_ in self.cues.body_pronouns

    def resolve(self, token: Token) -> str | None:
        """The actor id a token stands for, or None."""
        actor_at = self.index.actor_at
        span = actor_at.get(token.i)
        if span is None or not span.id_.startswith("person:"):
            # "the Kremlin's spokesman, Dmitry Peskov, …": the apposition names who it is.
            for child in token.children:
                if child.dep_ == "appos" and child.i in actor_at and actor_at[child.i].id_.startswith("person:"):
                    return actor_at[child.i].id_
        if span is not None:
            return span.id_
        if token.lemma_.lower() in self.cues.aide_lemmas:
            principal = self._principal(token)
            if principal:
                return principal
        # A subject phrase whose head is outside the mention: "the office of the Russian president" — but a
        # member is not its organisation ("the only member of the Security Council that…").
        if token.lemma_.lower() in self.cues.member_nouns:
            return None
        for child in token.children:
            if child.dep_ in {"compound", "poss", "amod"} and child.i in actor_at:
                return actor_at[child.i].id_
        if self.is_pronoun(token):
            return self.antecedent(token)
        return None

    def _principal(self, aide: Token) -> str | None:
        """'a spokesman for Chancellor Scholz', 'aides to the president': that government speaks."""
        actors = self.index.actors
        for prep in aide.children:
            if prep.dep_ == "prep" and prep.lower_ in {"for", "of", "to"}:
                principal = next((c for c in prep.children if c.dep_ == "pobj"), None)
                resolved = self.resolve(principal) if principal is not None else None
                country = actors.get(resolved or "", {}).get("country_iso3", "")
                if resolved and country and resolved.startswith("person:"):
                    return f"gov:{country}" if f"gov:{country}" in actors else resolved
                if resolved:
                    return resolved
        return None

    def antecedent(self, token: Token) -> str | None:
        """Nearest fitting actor before a pronoun, in its sentence and up to `antecedent_sentences` before;
        subjects first."""
        doc, quote_at = self.index.doc, self.index.quote_at
        labels = _PERSON_LABELS if token.lower_ in self.cues.person_pronouns else _BODY_LABELS
        sent = token.sent
        sentences = [sent]
        prev_end = sent.start
        narrative = 0
        while narrative < self.antecedent_sentences and prev_end > 0:
            previous = doc[prev_end - 1].sent
            sentences.append(previous)
            prev_end = previous.start
            # Sentences wholly inside a quotation do not count towards how far back to look.
            if any(tok.i not in quote_at and not tok.is_punct and not tok.is_space for tok in previous):
                narrative += 1
        own_quote = quote_at.get(token.i, -1)
        for i, sentence in enumerate(sentences):
            limit = token.i if i == 0 else sentence.end
            # Words inside a quotation are someone else's voice: they hold no antecedent of the narrative — but a
            # pronoun inside a quotation can refer back within it ("I spoke with President Bazoum … supports him").
            spans = [
                s for s in self.index.actor_spans
                if sentence.start <= s.start and s.end <= limit and s.label_ in labels
                and (s.start not in quote_at or (own_quote >= 0 and quote_at[s.start] == own_quote))
            ]
            # Persons the gazetteer does not know still block a wrong antecedent ("Hillary Clinton said… he").
            if labels is _PERSON_LABELS:
                unknown = [e for e in self.index.person_ents if sentence.start <= e.start and e.end <= limit
                           and e.start not in quote_at
                           and not any(s.start <= e.start < s.end for s in spans)]
            else:
                unknown = []
            candidates = [(s.start, s.root.dep_, s.id_, s.root.head.dep_ == "ROOT") for s in spans] + [
                (e.start, e.root.dep_, "", e.root.head.dep_ == "ROOT") for e in unknown
            ]
            if not candidates:
                continue
            # The main clause's subject first ("Peskov said that Putin had been informed. He…" is Peskov).
            main = [c for c in candidates if c[1] in {"nsubj", "nsubjpass"} and c[3]]
            subjects = [c for c in candidates if c[1] in {"nsubj", "nsubjpass"}]
            chosen = max(main or subjects or candidates, key=lambda c: c[0])
            return chosen[2] or None
        return None

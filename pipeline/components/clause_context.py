"""The context of a clause that the judging needs: the dates and years attached to it, whether it is framed as
another time ("at the time", "during his first term"), and whom its cue is aimed at."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.components.coreference import Coreference
from pipeline.components.doc_index import DocIndex
from pipeline.components.mentions import Target
from pipeline.components.polarity import Polarity
from pipeline.components.syntax import clause_head, enclosing_clauses, subject_of
from pipeline.cues import CueLexicon


class ClauseContext:
    def __init__(self, index: DocIndex, *, cues: CueLexicon, polarity: Polarity, coreference: Coreference) -> None:
        self.index = index
        self.cues = cues
        self.polarity = polarity
        self.coref = coreference

    @staticmethod
    def attached(token: Token, head: Token, *, through_clauses: bool = False) -> bool:
        """Whether a token hangs from the clause head, not through a relative clause, an apposition or another
        clause ("stayed silent, then congratulated him on 15 December": the date is the congratulation's)."""
        current = token
        for _ in range(10):
            if current == head:
                return True
            if current.dep_ in {"relcl", "appos", "acl"} or current.head == current:
                return False
            if current != token and clause_head(current) == current and not (
                through_clauses and current.dep_ == "advcl"
            ):
                return False
            current = current.head
        return False

    def dates(self, head: Token, quote_index: int) -> tuple[list[tuple[str, str]], list[int]]:
        """Dates hanging from the clause (or, for a cue inside a quote, from the speech verb), and the explicit
        years that frame it."""
        doc, speakers = self.index.doc, self.index.speakers
        heads = [head]
        if 0 <= quote_index < len(speakers) and speakers[quote_index] >= 0:
            # The day of the saying: "Johnson was among the first, writing on Saturday afternoon: '…'".
            speaker = doc[speakers[quote_index]]
            verbs = [
                tok for tok in speaker.sent
                if tok.lemma_.lower() in self.cues.reporting_lemmas
                and (subject := subject_of(tok)) is not None and subject.i == speaker.i
            ]
            heads.extend(verbs or [speaker.head])
        if head.pos_ not in {"VERB", "AUX"}:
            heads.append(head.sent.root)  # a misparsed clause headed by a noun: the sentence's verb dates it
        # "Peskov said on Monday that Putin would wait": the day of the saying dates the stance.
        current = head
        own_clause = len(heads) + 99  # heads from this index on are clauses this one is only coordinated with
        while current.dep_ in {"ccomp", "xcomp", "conj"} and current.head != current:
            if current.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in current.children):
                own_clause = min(own_clause, len(heads))
            if (
                current.dep_ == "conj"
                and any(c.dep_ in {"nsubj", "nsubjpass"} for c in current.children)
                and current.head.lemma_.lower() in self.cues.reporting_lemmas
            ):
                break  # "Peskov said on Monday …, and Putin did not congratulate …": a clause of its own
            current = current.head
            heads.append(current)
        dates: list[tuple[str, str]] = []
        years: list[int] = []
        # A year in an enclosing clause frames this one too: "After Erdoğan's victory in 2018, Orbán was among
        # the first to congratulate him."
        # …but not a clause this one is merely coordinated with: "Back in 2012 Putin congratulated Obama, but this
        # time he has not congratulated Biden".
        coordinated = own_clause < len(heads)
        framing = heads[:own_clause] if coordinated else [*heads, *enclosing_clauses(head)[1:]]
        until = set()
        if self.polarity.delayed(head):
            # "did not congratulate Biden until December 15, the day after…": the day it came.
            for tok in head.subtree:
                if tok.dep_ == "prep" and tok.lower_ in {"until", "till"}:
                    until.update(t.i for t in tok.subtree)
        sentences = {h.sent.start for h in framing}
        for entry in self.index.dates:
            # A dependency path never leaves its sentence: dates elsewhere cannot hang from these clauses.
            if doc[entry["start"]].sent.start not in sentences:
                continue
            root = doc[entry["start"]:entry["end"]].root
            # "When Navalny was poisoned in 2020, Merkel condemned…": a year in a temporal clause dates the
            # whole statement; only a date in the clause itself dates the reaction.
            # "ending a decade of frost since the 2013 overthrow": a year that bounds a duration is no time of
            # the statement.
            duration = any(
                a.dep_ == "prep" and a.lower_ in self.cues.duration_preps for a in root.ancestors if a.i > root.i - 6
            )
            if entry["year"] and not duration and any(
                self.attached(root, h, through_clauses=True) for h in framing
            ):
                years.append(entry["year"])
            if entry["date"] and (entry["start"] in until or any(self.attached(root, h) for h in heads)):
                dates.append((entry["date"], entry["precision"]))
        return dates, years

    def other_time(self, head: Token, sent: Span) -> bool:
        """An other-time marker ("at the time", "during his first term") that frames this clause or one that
        encloses it — not one inside a relative clause about the actor ("Kim, who met Trump three times during
        his first term, has made no comment")."""
        doc, marks = self.index.doc, self.index.other_time_tokens
        framing = enclosing_clauses(head)
        return any(
            i in marks and any(self.attached(doc[i], h, through_clauses=True) for h in framing)
            for i in range(sent.start, sent.end)
        )

    def _target_tokens(self, cue_token: Token, head: Token) -> list[Token]:
        candidates = []
        # A nominal cue's target hangs from the verb that governs it: "impose sanctions on Russia".
        governing = [cue_token.head] if cue_token.pos_ in {"NOUN", "ADJ"} and cue_token.head != cue_token else []
        for tok in (cue_token, *governing, head):
            for child in tok.children:
                if child.dep_ in {"dobj", "dative"} and child != cue_token:
                    candidates.append(child)
                elif child.dep_ == "prep" and child.lower_ in self.cues.target_preps:
                    candidates.extend(c for c in child.children if c.dep_ == "pobj")
                elif child.dep_ in {"advcl", "ccomp", "xcomp"} and any(
                    c.dep_ == "mark" and c.lower_ == "for" for c in child.children
                ):
                    # "calls for Russia to withdraw its troops": the one called on is the subject of the call.
                    candidates.extend(c for c in child.children if c.dep_ == "nsubj")
        # "on Thursday", "in 2020": a time is no target.
        return [c for c in candidates if c.ent_type_ not in {"DATE", "TIME"}]

    def target(self, cue_token: Token, head: Token) -> Target:
        """Who is congratulated or criticised: the object of the cue verb, or 'to X' after a cue noun."""
        doc = self.index.doc
        tokens = self._target_tokens(cue_token, head)
        phrase = full = ""
        if tokens:
            first = tokens[0]
            phrase = doc[first.left_edge.i : first.i + 1].text
            full = doc[first.left_edge.i : min(first.right_edge.i + 1, first.i + 15)].text
        for tok in tokens:
            span = self.index.actor_at.get(tok.i)
            if span is not None:
                return Target(span.id_, span.text, "actor", phrase, full)
            ent = self.index.ent_at.get(tok.i)
            if ent is not None and ent.label_ == "NORP":
                return Target("", ent.text, "group", phrase, full)  # "congratulated the Republican"
            if ent is not None and ent.label_ in {"PERSON", "ORG", "GPE"}:
                kind = {"PERSON": "person", "GPE": "place"}.get(ent.label_, "entity")
                return Target("", ent.text, kind, phrase, full)
            if tok.lower_ in self.cues.person_pronouns:
                # "resolutely supports him": whom the pronoun refers back to, when it can be told.
                return Target(self.coref.antecedent(tok) or "", tok.text, "pronoun", phrase, full)
        return Target(phrase=phrase, full=full)

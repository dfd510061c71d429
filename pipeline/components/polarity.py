"""Polarity: the stance a clause takes, from its cues and what turns them — negation, delay, the verbs that
govern them, conditions and questions.

"has not congratulated" is silence, "will not congratulate until the results are official" withholding,
"refused to congratulate" withholding, "is expected to congratulate" no reaction yet, "waited until Sunday to
congratulate" a (late) congratulation, "did the same" the stance just reported.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

from pipeline.components.cue_spans import Cue
from pipeline.components.syntax import subject_of
from pipeline.cues import CueLexicon

# Which stance wins when one clause carries several cues: evidence about *not* reacting modifies a
# congratulation ("has yet to congratulate"), so the modifiers come first.
CLAUSE_PRECEDENCE = (
    "no_comment", "silent", "withheld", "congratulated", "critical", "message", "supportive", "neutral",
)
MODIFIER_STANCES = ("no_comment", "silent", "withheld")
# What a bare "be to" (a plan: "ministers are to decide") may have beside its infinitive.
_BARE_BE_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "neg", "advmod", "punct", "xcomp", "cc", "conj"})


@dataclasses.dataclass(frozen=True)
class Judgement:
    stance: str
    cue: Cue


def is_past(token: Token) -> bool:
    """'waited', 'had waited' — but not 'would have waited', nor the present perfect 'has held back'. An infinitive
    takes the tense of the clause it completes: 'was one of the few countries to hold off'."""
    if token.tag_ == "VB" and any(c.lower_ == "did" for c in token.children if c.dep_ == "aux"):
        return True  # "did not congratulate … until December 15"
    if token.tag_ == "VB" and token.dep_ in {"acl", "relcl"} and any(
        c.lower_ == "to" and c.dep_ == "aux" for c in token.children
    ):
        # An infinitive that modifies a noun ("the few countries to hold off"), not one a clause takes as its
        # complement ("said it was correct to wait", where the past is only reported speech).
        current = token.head
        for _ in range(4):
            if current.pos_ in {"VERB", "AUX"}:
                return is_past(current)
            if current.head == current:
                break
            current = current.head
    if token.tag_ not in {"VBD", "VBN"}:
        return False
    auxiliaries = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
    if auxiliaries & {"would", "will", "has", "have", "'s", "'ve"}:
        return False
    return True


def is_negated(token: Token, *, ignore: frozenset[int] | set[int] = frozenset()) -> bool:
    if any(
        (child.dep_ == "neg" or child.lower_ in {"never", "not", "n't"}) and child.i not in ignore
        for child in token.children
    ):
        return True
    # "could no longer tolerate"
    if any(child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children) for child in token.children):
        return True
    # "has said nothing", "offered no congratulations"
    if any(child.dep_ == "dobj" and child.lower_ in {"nothing", "none"} for child in token.children):
        return True
    # "did not share the congratulatory message": the negation sits on the verb governing the cue's noun.
    return any(child.lower_ == "no" and child.dep_ == "det" for child in token.children)


class Polarity:
    def __init__(self, *, cues: CueLexicon, same_reach_tokens: int) -> None:
        self.cues = cues
        self.same_reach_tokens = same_reach_tokens

    def has_negative_subject(self, head: Token) -> bool:
        return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in self.cues.negative_subjects for c in head.children)

    def judge(self, head: Token, cues: list[Cue], *, recent: list[tuple[int, str]]) -> Judgement | None:
        """The stance of the clause headed by `head`, or None when it takes none. `recent` lists (token,
        stance) of the clauses judged before, for "did the same"."""
        # "asked whether Putin would send a message", "if Beijing congratulates him": not a reaction; nor what
        # someone might do ("concern that China might side with Myanmar"), nor what is yet to be decided
        # ("ministers are to decide on sanctions").
        if any(child.dep_ == "mark" and child.lower_ in self.cues.hypothetical_marks for child in head.children):
            return None
        if any(c.dep_ == "aux" and c.lower_ in self.cues.speculative_modals for c in head.children):
            return None
        if self._yet_to_be_decided(head):
            return None
        if self._looks_back(head, cues):
            return None  # "Putin, who had kept quiet for five weeks, congratulated Biden": history, not news
        # "Erdoğan waited until November 10": a wait that ended on a day is the reaction then given, the one
        # the text is about ("same").
        cues = [
            dataclasses.replace(c, stance="same")
            if c.unless_past and c.cue_id.startswith("withheld-wait") and is_past(c.token) and self.delayed(head)
            else c
            for c in cues
        ]
        # "waited until Sunday", "congratulated him after the Electoral College vote": in the past these
        # report when a reaction came, not that it is withheld.
        cues = [
            c for c in cues
            if not (c.unless_past and c.stance != "same" and is_past(c.token if c.token.pos_ == "VERB" else head))
        ]
        if not cues:
            return None
        stances = {cue.stance for cue in cues}
        if stances == {"same"}:
            return self._same(head, cues[0], recent)
        cues = [c for c in cues if c.stance != "same"]
        for modifier in MODIFIER_STANCES:
            if modifier in stances:
                cue = next(c for c in cues if c.stance == modifier)
                waits_not = cue.token.pos_ == "VERB" and is_negated(cue.token, ignore=set(range(*cue.span)))
                if modifier == "withheld" and (self.has_negative_subject(head) or waits_not):
                    return None  # "Nobody needed to wait for the count", "will not wait"
                return Judgement(modifier, cue)
        ranked = sorted(
            (c for c in cues if c.stance in CLAUSE_PRECEDENCE), key=lambda c: CLAUSE_PRECEDENCE.index(c.stance)
        )
        negated = self._clause_negated(head, cues) and not self.delayed(head)
        if not ranked:
            # Reaction words carry a stance only when negated: "has not reacted", "no comment from"; a message
            # sent is a reaction whose meaning depends on the event (extract.py maps it).
            if negated:
                if self._by_channel(cues[0].token):
                    return None  # "has not spoken to Biden by phone": a statement may still exist
                return Judgement(self.cues.negated_lemmas.get(cues[0].token.lemma_.lower(), "silent"), cues[0])
            message = next((c for c in cues if self.is_message(c.token)), None)
            return Judgement("message", message) if message is not None else None
        stance, cue = ranked[0].stance, ranked[0]
        if cue.is_phrase and stance == "neutral":
            negated = False  # "did not comment on the internal affairs of any country" is still that stance
        if self._describes_a_thing(cue.token):
            negated = False  # "the illegal annexation won't change anything": the adjective is not negated
        governed = self._governor(cue.token)
        if governed == "drop":
            return None
        if governed in {"withheld", "silent"}:
            # "refused to congratulate" withholds; "refused to condemn", "avoided criticising" stays neutral;
            # "failed to condemn" reports that no statement came: silence.
            if stance in {"congratulated", "supportive"} or governed == "silent":
                return Judgement(governed, cue)
            return Judgement("neutral", cue)
        if negated:
            # "did not recognise the result", "did not agree with an invasion": a refusal, not a shrug.
            turned = self.cues.negated_lemmas.get(cue.token.lemma_.lower()) or self.cues.negated.get(stance, "drop")
            if turned == "drop":
                return None
            if stance == "congratulated" and (self.future(head) or self._spoke_but(head)):
                turned = "withheld"
            return Judgement(turned, cue)
        return Judgement(stance, cue)

    def _same(self, head: Token, cue: Cue, recent: list[tuple[int, str]]) -> Judgement | None:
        """'Michel and Guterres did the same that day', 'both Putin and Xi made theirs': the stance of the
        reaction reported just before, whoever held it ("congratulating Trump this week was a race")."""
        if not recent:
            return None
        position, stance = recent[-1]
        doc: Doc = head.doc
        if head.sent.start - doc[position].sent.start <= self.same_reach_tokens:
            return Judgement(stance, cue)
        return None

    @staticmethod
    def _looks_back(head: Token, cues: list[Cue]) -> bool:
        """A relative clause that tells what came before the news: silence or waiting in the past perfect ("who
        had kept quiet for five weeks"), or watching in the perfect ("whose government has followed the campaign
        closely")."""
        if head.dep_ != "relcl":
            return False
        auxiliaries = {c.lower_ for c in head.children if c.dep_ == "aux"}
        if "had" in auxiliaries and all(c.stance in MODIFIER_STANCES or c.stance == "reaction" for c in cues):
            return True
        return bool(auxiliaries & {"has", "have", "had"}) and all(c.stance == "neutral" for c in cues)

    @staticmethod
    def _yet_to_be_decided(head: Token) -> bool:
        """'are to decide', 'is to vote': a plan, not a reaction."""
        decides = [head, *(c for c in head.children if c.dep_ == "xcomp")]
        return any(
            tok.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children)
            and tok.head.lemma_ == "be" and tok.head.pos_ == "AUX"
            # not "it is correct to wait", "was among the first to send": a bare "be to" only
            and all(c.dep_ in _BARE_BE_DEPS for c in tok.head.children)
            and not any(c.lower_ in {"yet", "still"} for c in [*tok.head.children, *tok.children])  # "is yet to react"
            for tok in decides
        )

    def _describes_a_thing(self, token: Token) -> bool:
        """An attributive adjective on something other than a message ("the illegal annexation"), whose stance
        the clause's negation does not turn — unlike "did not share the congratulatory message"."""
        if token.pos_ != "ADJ" or token.dep_ != "amod" or is_negated(token):
            return False
        noun = token.head.lemma_.lower()
        return not (noun in self.cues.possessor_speaks or noun in self.cues.message_nouns
                    or noun in self.cues.reaction_lemmas)

    @staticmethod
    def delayed(head: Token) -> bool:
        """'did not congratulate Biden until December 15': a late reaction, not a refusal."""
        return any(
            tok.dep_ == "prep" and tok.lower_ in {"until", "till"}
            and any(c.ent_type_ in {"DATE", "TIME"} for c in tok.subtree)
            for tok in head.subtree
        )

    def is_message(self, token: Token) -> bool:
        """'sent a message', 'extended greetings', 'his cable arrived'."""
        if token.lemma_.lower() not in self.cues.message_nouns:
            return False
        if token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_.lower() in self.cues.transfer_verbs:
            return True
        return token.dep_ == "nsubj" and token.head.lemma_.lower() in {"arrive", "come", "follow"}

    def _clause_negated(self, head: Token, cues: list[Cue]) -> bool:
        tokens = {head, *(c.token for c in cues)}
        for cue in cues:
            # The verb that governs a noun or adjective cue: "did not share the congratulatory message".
            current = cue.token
            for _ in range(4):
                tokens.add(current)
                if current == head:
                    break
                current = current.head
        inside = {i for c in cues for i in range(*c.span)}
        # "Nobody needed to wait": a negative subject negates the clause; so does "Neither A nor B sent…".
        subject = subject_of(head)
        if self.has_negative_subject(head) or (
            subject is not None and any(g.lower_ == "neither" for g in subject.children)
        ):
            return True
        return any(is_negated(tok, ignore=inside) for tok in tokens)

    def _by_channel(self, verb: Token) -> bool:
        return any(
            prep.dep_ == "prep" and prep.lower_ in {"by", "on", "in", "over"}
            and any(c.lemma_.lower() in self.cues.channel_words for c in prep.children if c.dep_ == "pobj")
            for prep in verb.children
        )

    def _performs(self, governor: Token) -> bool:
        """'I want to congratulate', 'we wish to congratulate': saying it does it."""
        if governor.lemma_.lower() not in self.cues.performative_governors or governor.tag_ not in {"VBP", "VB"}:
            return False
        return any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in governor.children)

    def _governor(self, token: Token) -> str | None:
        """'refused to congratulate' -> withheld; 'is expected to congratulate' -> drop."""
        current = token
        for _ in range(6):
            lemma = current.lemma_.lower()
            if current != token and lemma in self.cues.governors and not self._performs(current):
                governed = self.cues.governors[lemma]
                if governed == "delay":
                    return None if is_past(current) else "withheld"
                return governed
            if current.dep_ not in {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "amod", "acomp", "advcl"}:
                if current != token:
                    break
            if current.head == current:
                break
            current = current.head
        return None

    def _spoke_but(self, head: Token) -> bool:
        """'The ministry said it respected the choice, but did not offer congratulations': an actor who spoke
        and left the congratulation out withheld it; one who said nothing at all is silent."""
        def own_subject(tok: Token) -> bool:
            return any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)

        # Only when one actor did both: "Putin has not congratulated Biden, and the Kremlin said it would
        # wait" is two actors, each with their own stance.
        related = [head.head] if head.dep_ == "conj" and not own_subject(head) else []
        related += [c for c in head.children if c.dep_ == "conj" and not own_subject(c)]
        return any(tok.lemma_.lower() in self.cues.reporting_lemmas for tok in related)

    def future(self, head: Token) -> bool:
        return any(child.lower_ in self.cues.future_modals for child in head.children)

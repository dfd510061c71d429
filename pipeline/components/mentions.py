"""The reaction mention: one actor taking one stance in one clause, with what the judging needs to know of it.

The ``reactions`` component writes mentions; ``pipeline/extract.py`` judges them against the event. On the Doc
they are stored as plain dicts (``doc._.reaction_mentions``) so that docs serialise; ``doc_mentions`` gives
them back as records.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

MENTIONS_EXTENSION = "reaction_mentions"

if not Doc.has_extension(MENTIONS_EXTENSION):
    Doc.set_extension(MENTIONS_EXTENSION, default=None)


@dataclasses.dataclass(frozen=True)
class Target:
    """Whom a cue is aimed at: "congratulated Biden", "sanctions on Russia"."""

    actor_id: str = ""  # a known actor, or ""
    text: str = ""  # the target's words as named
    kind: str = ""  # actor | person | entity (an organisation) | place | group | pronoun | "" (none found)
    phrase: str = ""  # the target noun phrase up to its head ("the Ukrainian people")
    full: str = ""  # the target noun phrase with what follows it ("the illegal holding of elections")


@dataclasses.dataclass(frozen=True)
class Mention:
    actor_id: str
    stance: str  # one of records.STANCES, or "message" (its stance depends on the event's kind)
    cue: str  # the cue's id: a phrase id from the lexicon, or "word:<lemma>"
    cue_text: str
    token: int  # index of the cue's head token
    sent_start: int  # character offsets of the sentence that holds the cue
    sent_end: int
    dates: tuple[tuple[str, str], ...]  # (ISO date, precision) attached to the clause
    years: tuple[int, ...]  # explicit years framing the clause
    other_time: bool  # the clause is framed as another time ("at the time", "during his first term")
    target: Target
    clause_text: str
    quote_index: int  # the quotation holding the cue, or -1
    via_group: bool  # the actor was found as a member of a group subject ("leaders including X")


def store_mentions(doc: Doc, mentions: list[Mention]) -> None:
    doc._.set(MENTIONS_EXTENSION, [dataclasses.asdict(m) for m in mentions])


def doc_mentions(doc: Doc) -> list[Mention]:
    """The mentions the ``reactions`` component found in a doc, in the order found."""
    found = []
    for raw in doc._.get(MENTIONS_EXTENSION) or []:
        fields = dict(raw)
        fields["target"] = Target(**fields["target"])
        fields["dates"] = tuple(tuple(pair) for pair in fields["dates"])
        fields["years"] = tuple(fields["years"])
        found.append(Mention(**fields))
    return found

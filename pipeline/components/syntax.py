"""Small dependency-parse helpers shared by the components: clause heads, subjects, passive agents.

Label sets follow spaCy's English (ClearNLP) scheme as en_core_web_sm 3.8 produces it.
"""

from __future__ import annotations

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Climbing from a token stops at a token attached with one of these: it heads a clause of its own.
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "conj", "relcl", "parataxis", "csubj", "acl", "pcomp"})
# Relations through which a clause shares the subject of the clause it hangs from:
# "Johnson was among the first, writing …", "Trudeau congratulated both and said …".
# A non-finite clause under a noun phrase takes the subject of the verb governing that phrase: "it would
# handle the question of congratulating Biden" -> it.
SUBJECT_SHARING_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "pcomp", "prep", "pobj", "dobj", "dep", "acomp"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_MAX_CLIMB = 8


def _is_loose_verb(token: Token) -> bool:
    """A verb the parser could not attach ("stayed silent …, then congratulated him": dep) heads a clause."""
    return token.dep_ == "dep" and token.pos_ == "VERB"


def clause_head(token: Token) -> Token:
    """Climb from a token to the head of its clause."""
    current = token
    for _ in range(12):
        if current.dep_ in CLAUSE_DEPS or current.head == current or _is_loose_verb(current):
            return current
        current = current.head
    return current


def passive_agent(head: Token) -> Token | None:
    """'was congratulated by X' -> X."""
    for child in head.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _copula_subject(noun: Token) -> Token:
    """'North Korea is the one government that has said nothing': the relative clause's noun is an attribute;
    the subject of the copula is who is meant."""
    if noun.dep_ == "attr":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    return noun


def subject_of(head: Token) -> Token | None:
    """The subject of a clause head, climbing through clauses that share their subject; the antecedent noun
    for a relative clause ("Macron, who congratulated…"); None for a passive without an agent."""
    current = head
    if any(child.dep_ == "auxpass" for child in head.children):
        # "…and was criticised at home": a passive names whoever acts only in its by-phrase.
        return passive_agent(head)
    for _ in range(_MAX_CLIMB):
        for child in current.children:
            if child.dep_ in {"nsubj", "csubj"}:
                if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    return _copula_subject(current.head)
                return child
            if child.dep_ == "nsubjpass":
                # Climbed into a passive ("they were united in condemning…"): its subject does the embedded act.
                return passive_agent(current) if current == head else child
        if current.dep_ == "relcl":
            return _copula_subject(current.head)
        if current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN"}:
            return current.head  # "a resolution deploring the attack": the resolution deplores
        if current.dep_ in SUBJECT_SHARING_DEPS and current.head != current:
            current = current.head
            continue
        return None
    return None


def enclosing_clauses(head: Token, *, depth: int = 4) -> list[Token]:
    """A clause head and the heads of up to `depth` clauses that enclose it, innermost first."""
    found = [head]
    current = head
    for _ in range(depth):
        if current.head == current:
            break
        current = clause_head(current.head)
        found.append(current)
    return found

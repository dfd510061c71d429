"""Agents: who holds the stance of a clause.

The clause's subject — with its conjuncts, appositions and the names listed before it; for a group subject
("world leaders … including A, B and C", "three of the last holdouts, A, B and C") the listed members; for a
nominal cue its possessor ("Macron's congratulations") or its source ("no word from Putin"); for a cue inside a
quotation, or a clause without a subject, the speaker or reporter; for a line under a list heading ("North
Korea: No reaction at all."), the heading.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from pipeline.components.coreference import Coreference
from pipeline.components.cue_spans import Cue
from pipeline.components.doc_index import DocIndex
from pipeline.components.polarity import MODIFIER_STANCES
from pipeline.components.syntax import subject_of
from pipeline.cues import CueLexicon

# Edges from a reported clause up to the verb that reports it ("said Hungary joined its allies in condemning").
_REPORTED_PATH_DEPS = frozenset({"ccomp", "conj", "xcomp", "pcomp", "prep", "advcl", "acomp", "pobj", "dobj"})
# Pre-modifier relations: what describes a noun, as opposed to what follows it.
_MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "case", "det", "nummod", "quantmod"})
# Determiners of a group that is not one named before: "some countries", "other leaders".
_INDEFINITE = frozenset({"some", "many", "several", "other", "most", "few", "a", "an", "any", "such"})
# Words that make a subject a group even when they are not group nouns of the lexicon.
_QUANTIFIERS = frozenset({"both", "all", "some", "most", "others", "many", "several"})


@dataclasses.dataclass(frozen=True)
class Agent:
    actor_id: str
    via_group: bool = False  # found as a member of a group subject, not named as the subject itself


def _modifies(token: Token, noun: Token) -> bool:
    """Whether a token sits in the pre-modifiers of a noun (compound, possessive, adjective)."""
    current = token
    while current != noun and current.head != current:
        if current.dep_ not in _MODIFIER_DEPS:
            return False
        current = current.head
    return current == noun


def _qualifies(tok: Token, noun: Token) -> bool:
    """Whether a token names what a group noun is of: 'leaders of the GCC', 'EU leaders'."""
    current = tok
    for _ in range(3):
        if current == noun:
            return True
        if current.dep_ not in {"pobj", "prep", "compound", "poss", "nmod", "appos"}:
            return False
        current = current.head
    return current == noun


def _coordinated(token: Token) -> list[Token]:
    """Tokens listed with this one: conjuncts and appositions, however deeply the parser nested them
    ("Britain's Johnson, France's Macron, Germany's Merkel and Canada's Trudeau")."""
    found, queue = [], [token]
    while queue:
        current = queue.pop()
        for child in current.children:
            if child.dep_ in {"conj", "appos"} and child not in found:
                found.append(child)
                queue.append(child)
    return found


_MAX_BULLETS_UNDER_HEADING = 20
_MAX_HEADING_WORDS = 6


def _is_bullet(sentence) -> bool:
    first = next((t for t in sentence if not t.is_space), None)
    return first is not None and first.text in {"-", "*", "•", "–"}


def _from_agent(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


class Agents:
    def __init__(self, index: DocIndex, *, coreference: Coreference, cues: CueLexicon, group_reach_sentences: int) -> None:
        self.index = index
        self.coref = coreference
        self.cues = cues
        self.group_reach_sentences = group_reach_sentences
        self._grouped: set[str] = set()  # members found through a group, for the call under way
        # Every group noun that lists its members ("ministers from Albania, Andorra and …"), in text order: a later
        # mention of the group without members ("Ministers also condemned…") means the same members.
        self._listed_groups = [
            (tok, members) for tok in index.doc
            if tok.pos_ == "NOUN" and self._is_group(tok) and (members := self._own_members(tok))
        ]

    def of_clause(self, head: Token, cue: Cue, quote_index: int) -> list[Agent]:
        """Who holds the stance of a clause: its subject, a nominal cue's source, or the person reporting it."""
        self._grouped = set()
        ids = self._agent_ids(head, cue, quote_index)
        return [Agent(actor_id, actor_id in self._grouped) for actor_id in ids]

    def _agent_ids(self, head: Token, cue: Cue, quote_index: int) -> list[str]:
        reporter = self.quote_speaker(quote_index) if quote_index >= 0 else self.reporting_subject(head)
        # "Macron's congratulations", "Navalny's congratulatory tweet" — but "Russia's violation", "Russia's
        # internal affair": only nouns of speaking take their possessor as the speaker.
        owner = cue.token.head if cue.token.pos_ == "ADJ" and cue.token.dep_ == "amod" else cue.token
        possessor = next((c for c in owner.children if c.dep_ == "poss"), None)
        if owner.lemma_.lower() not in self.cues.possessor_speaks or (
            possessor is not None and possessor.pos_ == "PRON"
        ):
            possessor = None  # "X sent their messages": the pronoun is the subject, found below
        if possessor is not None and cue.token.pos_ in {"NOUN", "ADJ", "PROPN"}:
            resolved = self.coref.resolve(possessor)
            if resolved:
                if reporter and self._defers_to_reporter([resolved], reporter):
                    return [reporter]  # "Wang said China extended its congratulations"
                return [resolved]
        # A nominal cue names its source: "no word from Putin", "congratulations poured in from…".
        if cue.token.pos_ in {"NOUN", "PROPN"}:
            source = _from_agent(cue.token)
            if source is not None:
                return self._expand(source)
        subject = subject_of(head)
        if subject is None and (
            cue.stance in MODIFIER_STANCES or cue.token.lemma_.lower() in self.cues.experiencer_verbs
        ):
            # "Officials at the presidency could not be reached for comment": the passive's subject.
            subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        # Inside a quotation, "we" and "it" ("It's an internal matter") are the speaker's side.
        quoted_self = quote_index >= 0 and subject is not None and (
            subject.lower_ in self.cues.quoted_self
            or any(c.dep_ == "poss" and c.lower_ in self.cues.first_person for c in subject.children)  # "Our country"
        )
        # "we" and "us" are pronouns; "US" is the United States.
        first_person = subject is not None and subject.pos_ == "PRON" and subject.lower_ in self.cues.first_person
        if subject is None or first_person or quoted_self:
            if reporter:
                return [reporter]
            speaker = self._speaker_token(quote_index)
            if speaker is not None and self._is_group(speaker):
                return self._expand(speaker)  # a quote said by "ministers from Albania, Andorra and Norway"
            source = _from_agent(head) or next(
                (s for c in head.children if c.dep_ in {"xcomp", "ccomp"} and (s := _from_agent(c)) is not None), None
            )  # "We have yet to hear from the leaders of Mexico and Brazil"
            if source is not None:
                return self._expand(source)
            heading = self._heading_actor(head) if head == head.sent.root else None
            return [heading] if heading else []
        subject = self._one_among(self._speaker_of_statement(subject))
        ids = self._expand(subject)
        # "Macron and then Merkel congratulated…": the parser gives the verb two subjects.
        for other in (c for c in head.children if c.dep_ == "nsubj" and c != subject and subject.head == head):
            ids += [i for i in self._expand(other) if i not in ids]
        for child in head.children:
            # "Romney congratulated Biden, as did Taoiseach Micheál Martin": the same act, another actor.
            if child.dep_ == "advcl" and child.lemma_.lower() == "do" and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in child.children
            ):
                other = subject_of(child)
                ids += [i for i in (self._expand(other) if other is not None else []) if i not in ids]
        if not ids:
            # "Messages of congratulation came from the presidents of Egypt, Kenya and Nigeria".
            source = _from_agent(head)
            if source is not None:
                ids = self._expand(source)
        if reporter and self._defers_to_reporter(ids, reporter):
            return [reporter]
        return ids

    @staticmethod
    def _one_among(subject: Token) -> Token:
        """'Johnson and Biden are among the leaders condemning the action': the ones among them act."""
        prep = subject.head
        if subject.dep_ == "pobj" and prep.lower_ == "among" and prep.head.lemma_ == "be":
            named = subject_of(prep.head)
            if named is not None:
                return named
        return subject

    def _speaker_of_statement(self, subject: Token) -> Token:
        """'releasing a joint statement criticising Al-Burhan': a statement's stance is whoever issued it."""
        verb = subject.head
        if subject.lemma_.lower() in self.cues.possessor_speaks and subject.dep_ == "dobj" and verb.pos_ == "VERB":
            issuer = subject_of(verb)
            if issuer is not None and issuer != subject:
                return issuer
        return subject

    def listed_under(self, head: Token) -> list[Agent]:
        """'Yet to congratulate:' over lines that are only names ('Russia', 'China', 'Brazil'): a lead-in line's
        stance is held by each name listed on the lines below it, up to the first line that is more than a name."""
        doc, text = self.index.doc, self.index.doc.text
        sentence = head.sent
        if not sentence.text.rstrip().endswith(":"):
            return []
        found: list[Agent] = []
        position = sentence.end_char
        while position < len(text):
            line_start = position
            while line_start < len(text) and text[line_start].isspace():
                line_start += 1
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            line = text[line_start:line_end].strip(" -*•\t.,;")
            spans = [s for s in self.index.actor_spans if line_start <= s.start_char and s.end_char <= line_end]
            if not line or len(spans) != 1 or len(line.split()) > len(spans[0].text.split()) + 2:
                break
            if spans[0].id_ not in {a.actor_id for a in found}:
                found.append(Agent(spans[0].id_, via_group=True))
            position = line_end
        return found

    def _heading_actor(self, head: Token) -> str | None:
        """'North Korea: No reaction at all.' — a list item's heading is who a subject-less line is about; so is a
        short heading above a run of bullet lines ('NATO's Stoltenberg:' then '- these lands are Ukrainian')."""
        doc = self.index.doc
        sentence = head.sent
        bullet = _is_bullet(sentence)
        for _ in range(_MAX_BULLETS_UNDER_HEADING):
            if sentence.start == 0:
                return None
            heading = doc[sentence.start - 1].sent
            words = [t for t in heading if not t.is_space]
            if bullet and words and _is_bullet(heading):
                sentence = heading  # another item of the same list: look further up
                continue
            short = bullet and 0 < len(words) <= _MAX_HEADING_WORDS and words[-1].text in {":", "."}
            if not words or not (words[-1].text == ":" or short):
                return None
            spans = [s for s in self.index.actor_spans if heading.start <= s.start < heading.end]
            return spans[0].id_ if len({s.id_ for s in spans}) == 1 else None
        return None

    def _speaker_token(self, quote_index: int) -> Token | None:
        speakers = self.index.speakers
        speaker = speakers[quote_index] if 0 <= quote_index < len(speakers) else -1
        return self.index.doc[speaker] if speaker >= 0 else None

    def quote_speaker(self, quote_index: int) -> str | None:
        speakers = self.index.speakers
        speaker = speakers[quote_index] if quote_index < len(speakers) else -1
        return self.coref.resolve(self.index.doc[speaker]) if speaker >= 0 else None

    def reporting_subject(self, head: Token) -> str | None:
        """For reported speech ("Biden said Russia would be held accountable"), who is reporting."""
        current, reported = head, False
        for _ in range(6):
            if current.dep_ not in _REPORTED_PATH_DEPS or current.head == current:
                return None
            reported = reported or current.dep_ == "ccomp"
            current = current.head
            if reported and current.lemma_.lower() in self.cues.reporting_lemmas:
                subject = subject_of(current)
                return self.coref.resolve(subject) if subject is not None else None
        return None

    def same_country(self, actor_id: str, others: list[str]) -> bool:
        country = self.index.country_of(actor_id)
        return bool(country) and any(self.index.country_of(o) == country for o in others)

    def _defers_to_reporter(self, ids: list[str], reporter: str) -> bool:
        """A reported clause whose subject is no actor ("the bloc would…"), a party to the event ("Russia
        would be responsible") or the reporter's own country ("France strongly condemns") is the reporter's
        stance."""
        if not ids:
            return True
        hosts = set(self.index.doc._.host_countries or ())
        reporter_country = self.index.country_of(reporter)
        for actor_id in ids:
            country = self.index.country_of(actor_id)
            is_body = not actor_id.startswith("person:")
            if country in hosts or (is_body and country and country == reporter_country):
                continue
            return False
        return True

    def _expand(self, token: Token) -> list[str]:
        """A subject token -> the actor ids it stands for (conjuncts, group members, pronoun antecedents)."""
        ids: list[str] = []
        named = self._named_by_as(token)
        if named:
            return [named]
        if self._is_group(token):
            ids.extend(self._group_members(token))
        else:
            resolved = self.coref.resolve(token)
            if resolved:
                ids.append(resolved)
        for resolved in self._listed_before(token):
            if resolved not in ids:
                ids.append(resolved)
        actor_at = self.index.actor_at
        for member in _coordinated(token):
            # A coordinated or apposed name, not what modifies a description ("Turkey, a NATO member, …").
            span = actor_at.get(member.i)
            resolved = span.id_ if span is not None else (
                self.coref.antecedent(member) if self.coref.is_pronoun(member) else None
            )
            if resolved and resolved not in ids and not self._title_of_a_person(member, resolved):
                ids.append(resolved)
        return ids

    def _title_of_a_person(self, member: Token, actor_id: str) -> bool:
        """'the UN Secretary-General, António Guterres', 'Mohammed bin Salman, the Crown Prince of Saudi Arabia':
        a body in apposition with a person is that person's office, not a second actor."""
        if actor_id.startswith("person:"):
            return False
        apposed = [c for c in member.children if c.dep_ == "appos"]
        if member.dep_ == "appos":
            apposed.append(member.head)
        return any(
            (span := self.index.actor_at.get(a.i)) is not None and span.id_.startswith("person:") for a in apposed
        )

    def _listed_before(self, token: Token) -> list[str]:
        """Names listed right before a subject with 'and' or commas, when the parser tangled the list
        ('Commission President Ursula von der Leyen and Council President Charles Michel each sent…')."""
        doc, actor_at = self.index.doc, self.index.actor_at
        span: Span | None = actor_at.get(token.i)
        if span is None:
            return []
        found, start = [], span.start
        while True:
            # Skip an organisation's name before a title ("Council" in "Council President Charles Michel").
            gap_end = start
            while (
                gap_end > span.sent.start and start - gap_end < 2 and doc[gap_end - 1].is_title
                and gap_end - 1 not in actor_at
            ):
                gap_end -= 1
            gap_start = gap_end
            while gap_start > span.sent.start and doc[gap_start - 1].text in {"and", ","}:
                gap_start -= 1
            gap = {t.text for t in doc[gap_start:gap_end]}
            # The name next to the subject is joined by "and" ("A, B and C sent…"); "In Kyiv, President X" is
            # a place, not a list.
            if gap_start == gap_end or (not found and "and" not in gap):
                return found
            previous = actor_at.get(gap_start - 1)
            if previous is None or previous.label_ not in {"PERSON", "OFFICE", "GOV", "ROYAL"}:
                return found
            found.append(previous.id_)
            start = previous.start

    def _named_by_as(self, token: Token) -> str | None:
        """'…leaves Putin as the most prominent leader not to have congratulated Biden': the noun after 'as'
        is the object of the verb it hangs from."""
        if token.dep_ == "pobj" and token.head.lower_ == "as":
            verb = token.head.head
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.i in self.index.actor_at:
                return self.index.actor_at[obj.i].id_
        return None

    def _is_group(self, token: Token) -> bool:
        if token.i in self.index.actor_at:
            return False
        if token.like_num or token.lower_ in _QUANTIFIERS:
            return True  # "Three of the last holdouts, Putin, López Obrador and Bolsonaro, …"
        return token.lemma_.lower() in self.cues.group_lemmas or token.lemma_.lower() in self.cues.group_quantity_nouns

    def _group_members(self, token: Token) -> list[str]:
        members = self._own_members(token) or self._members_named_before(token)
        self._grouped.update(members)
        return members

    def _members_named_before(self, token: Token) -> list[str]:
        """The members of the latest group of the same noun listed in the sentences before — for a definite or
        bare group ("the ministers", "Ministers also…"), not an indefinite one ("some countries")."""
        if any(c.dep_ in {"det", "amod"} and c.lower_ in _INDEFINITE for c in token.children):
            return []
        doc, lemma = self.index.doc, token.lemma_.lower()
        for earlier, members in reversed(self._listed_groups):
            if earlier.i >= token.sent.start or earlier.lemma_.lower() != lemma:
                continue
            between = {doc[i].sent.start for i in range(earlier.i, token.i)}
            return members if len(between) <= self.group_reach_sentences else []
        return []

    def _own_members(self, token: Token) -> list[str]:
        sent = token.sent
        members: list[str] = []
        # Members are named in what follows the group noun ("leaders of X", "holdouts, X and Y"), not in its
        # modifiers ("Turkey's NATO allies" are not NATO).
        in_subject = [t for t in token.subtree if t.i > token.i or not _modifies(t, token)]
        marker = next(
            (t for t in sent if t.lower_ in self.cues.list_markers and t.i > token.i and t.lower_ != "from"),
            None,
        )
        listed = [t for t in sent if marker is not None and t.i > marker.i]
        # "Leaders of the GCC" are its members' leaders, not the GCC ("… and representatives of the EU" are the EU's).
        people = token.lemma_.lower() in self.cues.person_group_lemmas
        for tok in [*in_subject, *listed]:
            span = self.index.actor_at.get(tok.i)
            if span is None or span.id_ in members:
                continue
            if people and span.id_.startswith("org:") and _qualifies(tok, token):
                continue
            members.append(span.id_)
        return members

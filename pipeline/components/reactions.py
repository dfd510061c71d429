"""Reaction mentions: which actor took which stance, in which clause, when.

The idea is textacy's rule-based triples, turned to stances: a *cue* (a stance word or phrase from the cue
lexicon: "congratulated", "congratulatory message", "has yet to", "will wait for the official results",
"declined to comment") is found, its *clause* is found by climbing the parse to the clause head, the clause's
*polarity* is read (negation, "refused to", "yet to", future "will not"), and its *agent* is the clause's
subject — or, for group subjects ("world leaders … including A, B and C"), the listed members; for cues inside
a quotation, the quote's speaker. Pronouns are resolved to the nearest fitting actor before them.

Each mention records what the extractor needs to judge it: dates attached to the clause, whether the clause
speaks of another time ("at the time", a year that is not the event's), and the target of a congratulation
(so that "congratulated Trump" is not read as a reaction to Biden's win).

Writes ``doc._.reaction_mentions``: a list of plain dicts (see ``_mention``), so docs serialise.
"""

from __future__ import annotations

import dataclasses

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline.components.actors import ACTORS_KEY, reference_date
from pipeline.components.quotes import QUOTES_KEY
from pipeline.components.syntax import clause_head, subject_of
from pipeline.cues import CueLexicon, load_cues
from pipeline.records import STANCES

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_BODY_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
_QUOTED_SELF = frozenset({"it", "this", "that", "there"})
_MEMBER_NOUNS = frozenset({"member", "ally", "partner", "neighbour", "neighbor", "state", "country", "nation"})
_COMPLEMENT_DEPS = frozenset({"attr", "acomp", "dobj", "xcomp", "ccomp", "prep", "oprd", "advmod"})
_NEGATIVE_SUBJECTS = frozenset({"nobody", "nothing", "none", "neither"})
_PERSON_LABELS = frozenset({"PERSON", "OFFICE"})
_BODY_LABELS = frozenset({"GOV", "COUNTRY", "ORG", "ROYAL"})
# Which stance wins when one clause carries several cues: evidence about *not* reacting modifies a
# congratulation ("has yet to congratulate"), so the modifiers come first.
_CLAUSE_PRECEDENCE = (
    "no_comment", "silent", "withheld", "congratulated", "critical", "message", "supportive", "neutral",
)
_MODIFIER_STANCES = frozenset({"no_comment", "silent", "withheld"})
# Edges from a reported clause up to the verb that reports it ("said Hungary joined its allies in condemning").
_REPORTED_PATH_DEPS = frozenset({"ccomp", "conj", "xcomp", "pcomp", "prep", "advcl", "acomp", "pobj", "dobj"})
_DURATION_PREPS = frozenset({"since", "until", "till", "from", "between", "throughout"})
# How far back (in tokens, sentence start to sentence start) "did the same" may refer.
_SAME_REACH_TOKENS = 120
_HYPOTHETICAL_MARKS = frozenset({"if", "whether", "unless", "before", "until", "lest"})

if not Doc.has_extension("reaction_mentions"):
    Doc.set_extension("reaction_mentions", default=None)


@dataclasses.dataclass
class _Cue:
    token: Token  # the cue's head token
    stance: str
    cue_id: str
    is_phrase: bool
    unless_past: bool = False  # a phrase that withholds only when its clause is not in the past
    span: tuple[int, int] = (0, 0)  # a phrase's tokens: a negation inside it ("not free and fair") is its own


def _enclosing_clauses(head: Token, *, depth: int = 4) -> list[Token]:
    """A clause head and the heads of up to `depth` clauses that enclose it, innermost first."""
    found = [head]
    current = head
    for _ in range(depth):
        if current.head == current:
            break
        current = clause_head(current.head)
        found.append(current)
    return found


def _modifies(token: Token, noun: Token) -> bool:
    """Whether a token sits in the pre-modifiers of a noun (compound, possessive, adjective)."""
    current = token
    while current != noun and current.head != current:
        if current.dep_ not in {"compound", "poss", "amod", "case", "det", "nummod", "quantmod"}:
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


def _is_past(token: Token) -> bool:
    """'waited', 'had waited' — but not 'would have waited', nor the present perfect 'has held back'."""
    if token.tag_ == "VB" and any(c.lower_ == "did" for c in token.children if c.dep_ == "aux"):
        return True  # "did not congratulate … until December 15"
    if token.tag_ not in {"VBD", "VBN"}:
        return False
    auxiliaries = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
    if auxiliaries & {"would", "will", "has", "have", "'s", "'ve"}:
        return False
    return True


def _is_negated(token: Token, *, ignore: set[int] = frozenset()) -> bool:
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
    return any(
        child.lower_ == "no" and child.dep_ == "det" for child in token.children
    )


class ReactionFinder:
    """The ``reactions`` component; see the module docstring."""

    def __init__(self, *, cues: CueLexicon, vocab) -> None:
        self.cues = cues
        self.matcher = Matcher(vocab)
        for phrase in cues.phrases:
            self.matcher.add(phrase.id, [list(phrase.pattern)])
        self.phrases = {phrase.id: phrase for phrase in cues.phrases}
        self.other_time = PhraseMatcher(vocab, attr="LOWER")
        self.other_time.add("OTHER_TIME", [vocab_doc for vocab_doc in self._phrase_docs(vocab, cues.other_time)])

    @staticmethod
    def _phrase_docs(vocab, phrases):
        return [Doc(vocab, words=phrase.split()) for phrase in phrases]

    # --- main ------------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        actor_at = {i: span for span in doc.spans.get(ACTORS_KEY, []) for i in range(span.start, span.end)}
        quotes = list(doc.spans.get(QUOTES_KEY, []))
        quote_at = {i: qi for qi, quote in enumerate(quotes) for i in range(quote.start, quote.end)}
        speakers = doc._.quote_speakers or [-1] * len(quotes)
        other_time_tokens = {
            i for _, start, end in self.other_time(doc) for i in range(start, end)
        }
        context = _Context(doc, actor_at, quotes, quote_at, speakers, other_time_tokens, self.cues)
        doc.spans[QUOTES_KEY] = context.quotes_with_speakers()
        by_clause: dict[int, list[_Cue]] = {}
        for cue in self._cues(doc):
            head = clause_head(cue.token)
            if cue.is_phrase and cue.stance == "withheld" and head.dep_ == "advcl":
                # "would send congratulations once the result is certified": the condition modifies the
                # clause it hangs from.
                head = clause_head(head.head)
            by_clause.setdefault(head.i, []).append(cue)
        mentions = context.mentions
        for head_i, cues in sorted(by_clause.items()):
            mentions.extend(context.mentions_for_clause(doc[head_i], cues))
        mentions.extend(context.elided_mentions(by_clause))
        doc._.reaction_mentions = mentions
        return doc

    def _cues(self, doc: Doc) -> list[_Cue]:
        found: list[_Cue] = []
        covered: set[int] = set()
        for match_id, start, end in self.matcher(doc):
            cue_id = doc.vocab.strings[match_id]
            span = doc[start:end]
            token = next((t for t in span if t.pos_ in {"VERB", "AUX"} and t.dep_ != "aux"), span.root)
            phrase = self.phrases[cue_id]
            found.append(_Cue(token, phrase.stance, cue_id, True, phrase.unless_past, (start, end)))
            covered.update(range(start, end))
        for token in doc:
            if token.i in covered:
                continue
            stance = self.cues.stance_of(lemma=token.lemma_, pos=token.pos_) or self.cues.stance_of(
                lemma=token.lower_, pos=token.pos_
            )
            if stance:
                found.append(_Cue(token, stance, f"word:{token.lemma_.lower()}", False))
            elif token.pos_ in {"VERB", "NOUN"} and (
                token.lemma_.lower() in self.cues.reaction_lemmas or token.lemma_.lower() in self.cues.message_nouns
            ):
                found.append(_Cue(token, "reaction", f"word:{token.lemma_.lower()}", False))
        return found


class _Context:
    """Per-document state for building mentions; lives for one __call__."""

    def __init__(self, doc, actor_at, quotes, quote_at, speakers, other_time_tokens, cues: CueLexicon):
        self.doc = doc
        self.actor_at: dict[int, Span] = actor_at
        self.quotes: list[Span] = quotes
        self.quote_at: dict[int, int] = quote_at
        self.speakers: list[int] = speakers
        self.other_time_tokens = other_time_tokens
        self.cues = cues
        self.dates = doc._.dates or []
        self.day = reference_date(doc)
        # doc.ents rebuilds its spans on every access: read once.
        ents = list(doc.ents)
        self.person_ents = [e for e in ents if e.label_ == "PERSON"]
        self.ent_at = {i: e for e in ents for i in range(e.start, e.end)}
        self.from_group: set[str] = set()  # agents of the current clause that came from a group's members
        self.mentions: list[dict] = []  # mentions found so far, in text order
        self.recent_stances: list[tuple[int, str]] = []  # (token, stance) of every judged clause, agent or not

    def quotes_with_speakers(self) -> list[Span]:
        """The quote spans with pronoun speakers ("he said") resolved to actor ids."""
        out = []
        for quote, speaker in zip(self.quotes, self.speakers):
            actor_id = quote.id_
            if not actor_id and speaker >= 0:
                actor_id = self._resolve_token(self.doc[speaker]) or ""
            out.append(Span(self.doc, quote.start, quote.end, label=quote.label_, span_id=actor_id))
        self.quotes = out
        return out

    # --- stance of a clause --------------------------------------------------------------------------------
    def clause_stance(self, head: Token, cues: list[_Cue]) -> tuple[str, _Cue] | None:
        # "asked whether Putin would send a message", "if Beijing congratulates him": not a reaction.
        if any(child.dep_ == "mark" and child.lower_ in _HYPOTHETICAL_MARKS for child in head.children):
            return None
        # "waited until Sunday", "congratulated him after the Electoral College vote": in the past these
        # report when a reaction came, not that it is withheld.
        # "Erdoğan waited until November 10": a wait that ended on a day is the reaction then given, the one
        # the text is about ("same").
        cues = [
            dataclasses.replace(c, stance="same")
            if c.unless_past and c.cue_id.startswith("withheld-wait") and _is_past(c.token) and self._delayed(head)
            else c
            for c in cues
        ]
        cues = [c for c in cues if not (c.unless_past and c.stance != "same" and _is_past(c.token if c.token.pos_ == "VERB" else head))]
        if not cues:
            return None
        stances = {cue.stance for cue in cues}
        if stances == {"same"}:
            # "Michel and Guterres did the same that day", "both Putin and Xi made theirs": the stance of the
            # reaction reported just before, whoever held it ("congratulating Trump this week was a race").
            if self.recent_stances:
                position, stance = self.recent_stances[-1]
                if head.sent.start - self.doc[position].sent.start <= _SAME_REACH_TOKENS:
                    return stance, cues[0]
            return None
        cues = [c for c in cues if c.stance != "same"]
        if not cues:
            return None
        for modifier in ("no_comment", "silent", "withheld"):
            if modifier in stances:
                cue = next(c for c in cues if c.stance == modifier)
                negative_subject = any(
                    c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in _NEGATIVE_SUBJECTS for c in head.children
                )
                waits_not = cue.token.pos_ == "VERB" and _is_negated(cue.token, ignore=set(range(*cue.span)))
                if modifier == "withheld" and (negative_subject or waits_not):
                    return None  # "Nobody needed to wait for the count", "will not wait"
                return modifier, cue
        ranked = sorted(
            (c for c in cues if c.stance in _CLAUSE_PRECEDENCE),
            key=lambda c: _CLAUSE_PRECEDENCE.index(c.stance),
        )
        negated = self._clause_negated(head, cues) and not self._delayed(head)
        if not ranked:
            # Reaction words carry a stance only when negated: "has not reacted", "no comment from"; a message
            # sent is a reaction whose meaning depends on the event (extract.py maps it).
            if negated:
                turned = self.cues.negated_lemmas.get(cues[0].token.lemma_.lower(), "silent")
                return turned, cues[0]
            message = next((c for c in cues if self._is_message(c.token)), None)
            return ("message", message) if message is not None else None
        stance, cue = ranked[0].stance, ranked[0]
        if cue.is_phrase and stance == "neutral":
            negated = False  # "did not comment on the internal affairs of any country" is still that stance
        governed = self._governor(cue.token, head)
        if governed == "drop":
            return None
        if governed in {"withheld", "silent"}:
            # "refused to congratulate" withholds; "refused to condemn", "avoided criticising" stays neutral.
            return (governed, cue) if stance in {"congratulated", "supportive"} else ("neutral", cue)
        if negated:
            # "did not recognise the result", "did not agree with an invasion": a refusal, not a shrug.
            turned = self.cues.negated_lemmas.get(cue.token.lemma_.lower()) or self.cues.negated.get(stance, "drop")
            if turned == "drop":
                return None
            if stance == "congratulated" and (self._future(head) or self._spoke_but(head)):
                turned = "withheld"
            return turned, cue
        return stance, cue

    def _delayed(self, head: Token) -> bool:
        """'did not congratulate Biden until December 15': a late reaction, not a refusal."""
        return any(
            tok.dep_ == "prep" and tok.lower_ in {"until", "till"}
            and any(c.ent_type_ in {"DATE", "TIME"} for c in tok.subtree)
            for tok in head.subtree
        )

    def _is_message(self, token: Token) -> bool:
        """'sent a message', 'extended greetings', 'his cable arrived'."""
        if token.lemma_.lower() not in self.cues.message_nouns:
            return False
        if token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_.lower() in self.cues.transfer_verbs:
            return True
        return token.dep_ == "nsubj" and token.head.lemma_.lower() in {"arrive", "come", "follow"}

    def _clause_negated(self, head: Token, cues: list[_Cue]) -> bool:
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
        # "Nobody needed to wait": a negative subject negates the clause.
        if any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in _NEGATIVE_SUBJECTS for c in head.children):
            return True
        return any(_is_negated(tok, ignore=inside) for tok in tokens)

    def _governor(self, token: Token, head: Token) -> str | None:
        """'refused to congratulate' -> withheld; 'is expected to congratulate' -> drop."""
        current = token
        for _ in range(6):
            lemma = current.lemma_.lower()
            if current != token and lemma in self.cues.governors:
                governed = self.cues.governors[lemma]
                if governed == "delay":
                    return None if _is_past(current) else "withheld"
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

    def _future(self, head: Token) -> bool:
        return any(child.lower_ in self.cues.future_modals for child in head.children)

    # --- mentions --------------------------------------------------------------------------------------------
    def mentions_for_clause(self, head: Token, cues: list[_Cue]) -> list[dict]:
        judged = self.clause_stance(head, cues)
        if judged is None:
            return []
        stance, cue = judged
        if stance in STANCES or stance == "message":
            self.recent_stances.append((head.i, stance))
        quote_index = self.quote_at.get(cue.token.i, -1)
        self.from_group = set()
        agents = self.agents(head, cue, quote_index)
        if stance == "withheld":
            # "The Kremlin said Putin had no plans to congratulate": announcing the wait is the
            # announcer's position too.
            reporter = self._reporting_subject(head)
            if reporter and reporter not in agents and self._same_country(reporter, agents):
                agents = [*agents, reporter]
        return [self._mention(actor_id, stance, cue, head, quote_index) for actor_id in agents]

    def elided_mentions(self, by_clause: dict[int, list[_Cue]]) -> list[dict]:
        """'While many leaders have congratulated Biden, Putin has not.': an auxiliary with a negation and no
        verb borrows the cue of the clause it contrasts with."""
        found = []
        for tok in self.doc:
            if tok.lemma_.lower() not in {"have", "be", "do"} or tok.dep_ not in {"ROOT", "conj", "advcl", "ccomp"}:
                continue
            if not any(child.dep_ == "neg" for child in tok.children):
                continue
            if any(child.pos_ == "VERB" for child in tok.children) or tok.head.pos_ == "VERB" and tok.dep_ == "aux":
                continue
            if any(child.dep_ in _COMPLEMENT_DEPS for child in tok.children):
                continue  # "Erdoğan was not the last leader to speak" says something; nothing is elided
            related = [child for child in tok.children if child.i in by_clause] + (
                [tok.head] if tok.head.i in by_clause and tok.head != tok else []
            )
            if not related and tok.dep_ == "ROOT" and tok.sent.start > 0:
                # "Johnson congratulated Biden. Putin has not.": the verb is in the sentence before.
                previous = self.doc[tok.sent.start - 1].sent
                related = [self.doc[i] for i in by_clause if previous.start <= i < previous.end]
            for clause in related:
                cues = [c for c in by_clause[clause.i] if c.stance in {"congratulated", "supportive"}]
                if cues:
                    agents = self.agents(tok, cues[0], -1)
                    stance = "withheld" if self._future(tok) else "silent"
                    found.extend(self._mention(a, stance, cues[0], tok, -1) for a in agents)
                    break
        return found

    def _mention(self, actor_id: str, stance: str, cue: _Cue, head: Token, quote_index: int) -> dict:
        sent = head.sent
        dates, years = self._clause_dates(head, quote_index)
        target_id, target_text, target_kind = self._target(cue.token, head)
        target_phrase = self._target_phrase(cue.token, head)
        target_full = self._target_phrase(cue.token, head, full=True)
        return {
            "actor_id": actor_id,
            "stance": stance,
            "cue": cue.cue_id,
            "cue_text": self.doc[cue.span[0]:cue.span[1]].text if cue.is_phrase else cue.token.text,
            "token": cue.token.i,
            "sent_start": sent.start_char,
            "sent_end": sent.end_char,
            "dates": dates,
            "years": years,
            "other_time": self._other_time(head, sent),
            "target_actor_id": target_id,
            "target_text": target_text,
            "target_kind": target_kind,
            "target_phrase": target_phrase,
            "target_full": target_full,
            "clause_text": sent.text,
            "quote_index": quote_index,
            "via_group": actor_id in self.from_group,
        }

    # --- agents ----------------------------------------------------------------------------------------------
    def agents(self, head: Token, cue: _Cue, quote_index: int) -> list[str]:
        """Who holds the stance of a clause: its subject, a nominal cue's source, or the person reporting it."""
        reporter = self._quote_speaker(quote_index) if quote_index >= 0 else self._reporting_subject(head)
        # "Macron's congratulations", "Navalny's congratulatory tweet" — but "Russia's violation", "Russia's
        # internal affair": only nouns of speaking take their possessor as the speaker.
        owner = cue.token.head if cue.token.pos_ == "ADJ" and cue.token.dep_ == "amod" else cue.token
        possessor = next((c for c in owner.children if c.dep_ == "poss"), None)
        if owner.lemma_.lower() not in self.cues.possessor_speaks or (
            possessor is not None and possessor.pos_ == "PRON"
        ):
            possessor = None  # "X sent their messages": the pronoun is the subject, found below
        if possessor is not None and cue.token.pos_ in {"NOUN", "ADJ", "PROPN"}:
            resolved = self._resolve_token(possessor)
            if resolved:
                if reporter and self._defers_to_reporter([resolved], reporter):
                    return [reporter]  # "Wang said China extended its congratulations"
                return [resolved]
        # A nominal cue names its source: "no word from Putin", "congratulations poured in from…".
        if cue.token.pos_ in {"NOUN", "PROPN"}:
            source = self._from_agent(cue.token)
            if source is not None:
                return self._expand(source)
        subject = subject_of(head)
        if subject is None and (
            cue.stance in _MODIFIER_STANCES or cue.token.lemma_.lower() in self.cues.experiencer_verbs
        ):
            # "Officials at the presidency could not be reached for comment": the passive's subject.
            subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        # Inside a quotation, "we" and "it" ("It's an internal matter") are the speaker's side.
        quoted_self = quote_index >= 0 and subject is not None and subject.lower_ in _QUOTED_SELF
        if subject is None or subject.lower_ in _FIRST_PERSON or quoted_self:
            if reporter:
                return [reporter]
            source = self._from_agent(head)
            if source is not None:
                return self._expand(source)
            heading = self._heading_actor(head) if head == head.sent.root else None
            return [heading] if heading else []
        ids = self._expand(subject)
        for child in head.children:
            # "Romney congratulated Biden, as did Taoiseach Micheál Martin": the same act, another actor.
            if child.dep_ == "advcl" and child.lemma_.lower() == "do" and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in child.children
            ):
                other = subject_of(child)
                ids += [i for i in (self._expand(other) if other is not None else []) if i not in ids]
        if not ids:
            # "Messages of congratulation came from the presidents of Egypt, Kenya and Nigeria".
            source = self._from_agent(head)
            if source is not None:
                ids = self._expand(source)
        if reporter and self._defers_to_reporter(ids, reporter):
            return [reporter]
        return ids

    def _heading_actor(self, head: Token) -> str | None:
        """'North Korea: No reaction at all.' — a list item's heading is who a subject-less line is about."""
        sentence = head.sent
        if sentence.start == 0:
            return None
        heading = self.doc[sentence.start - 1].sent
        words = [t for t in heading if not t.is_space]
        if not words or words[-1].text != ":":
            return None
        spans = [s for s in self.doc.spans.get(ACTORS_KEY, []) if heading.start <= s.start < heading.end]
        return spans[0].id_ if len(spans) == 1 else None

    def _quote_speaker(self, quote_index: int) -> str | None:
        speaker = self.speakers[quote_index] if quote_index < len(self.speakers) else -1
        return self._resolve_token(self.doc[speaker]) if speaker >= 0 else None

    def _reporting_subject(self, head: Token) -> str | None:
        """For reported speech ("Biden said Russia would be held accountable"), who is reporting."""
        current, reported = head, False
        for _ in range(6):
            if current.dep_ not in _REPORTED_PATH_DEPS or current.head == current:
                return None
            reported = reported or current.dep_ == "ccomp"
            current = current.head
            if reported and current.lemma_.lower() in self.cues.reporting_lemmas:
                subject = subject_of(current)
                return self._resolve_token(subject) if subject is not None else None
        return None

    def _same_country(self, actor_id: str, others: list[str]) -> bool:
        actors = self.doc._.actors or {}
        country = actors.get(actor_id, {}).get("country_iso3", "")
        return bool(country) and any(actors.get(o, {}).get("country_iso3") == country for o in others)

    def _defers_to_reporter(self, ids: list[str], reporter: str) -> bool:
        """A reported clause whose subject is no actor ("the bloc would…"), a party to the event ("Russia
        would be responsible") or the reporter's own country ("France strongly condemns") is the reporter's
        stance."""
        if not ids:
            return True
        actors = self.doc._.actors or {}
        hosts = set(self.doc._.host_countries or ())
        reporter_country = actors.get(reporter, {}).get("country_iso3", "")
        for actor_id in ids:
            country = actors.get(actor_id, {}).get("country_iso3", "")
            is_body = not actor_id.startswith("person:")
            if country in hosts or (is_body and country and country == reporter_country):
                continue
            return False
        return True

    @staticmethod
    def _from_agent(token: Token) -> Token | None:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        return None

    def _expand(self, token: Token) -> list[str]:
        """A subject token -> the actor ids it stands for (conjuncts, group members, pronoun antecedents)."""
        ids: list[str] = []
        named = self._named_by_as(token)
        if named:
            return [named]
        if self._is_group(token):
            ids.extend(self._group_members(token))
        else:
            resolved = self._resolve_token(token)
            if resolved:
                ids.append(resolved)
        for resolved in self._listed_before(token):
            if resolved not in ids:
                ids.append(resolved)
        for member in _coordinated(token):
            # A coordinated or apposed name, not what modifies a description ("Turkey, a NATO member, …").
            span = self.actor_at.get(member.i)
            resolved = span.id_ if span is not None else (
                self._antecedent(member) if member.lower_ in _PERSON_PRONOUNS | _BODY_PRONOUNS else None
            )
            if resolved and resolved not in ids:
                ids.append(resolved)
        return ids

    def _listed_before(self, token: Token) -> list[str]:
        """Names listed right before a subject with 'and' or commas, when the parser tangled the list
        ('Commission President Ursula von der Leyen and Council President Charles Michel each sent…')."""
        span = self.actor_at.get(token.i)
        if span is None:
            return []
        found, start = [], span.start
        while True:
            # Skip an organisation's name before a title ("Council" in "Council President Charles Michel").
            gap_end = start
            while (
                gap_end > span.sent.start and start - gap_end < 2 and self.doc[gap_end - 1].is_title
                and gap_end - 1 not in self.actor_at
            ):
                gap_end -= 1
            gap_start = gap_end
            while gap_start > span.sent.start and self.doc[gap_start - 1].text in {"and", ","}:
                gap_start -= 1
            gap = {t.text for t in self.doc[gap_start:gap_end]}
            # The name next to the subject is joined by "and" ("A, B and C sent…"); "In Kyiv, President X" is
            # a place, not a list.
            if gap_start == gap_end or (not found and "and" not in gap):
                return found
            previous = self.actor_at.get(gap_start - 1)
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
            if obj is not None and obj.i in self.actor_at:
                return self.actor_at[obj.i].id_
        return None

    def _is_group(self, token: Token) -> bool:
        if token.i in self.actor_at:
            return False
        if token.like_num or token.lower_ in {"both", "all", "some", "most", "others", "many", "several"}:
            return True  # "Three of the last holdouts, Putin, López Obrador and Bolsonaro, …"
        return token.lemma_.lower() in self.cues.group_lemmas

    def _group_members(self, token: Token) -> list[str]:
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
        for tok in [*in_subject, *listed]:
            span = self.actor_at.get(tok.i)
            if span is not None and span.id_ not in members:
                members.append(span.id_)
        self.from_group.update(members)
        return members

    def _resolve_token(self, token: Token) -> str | None:
        span = self.actor_at.get(token.i)
        if span is None or not span.id_.startswith("person:"):
            # "the Kremlin's spokesman, Dmitry Peskov, …": the apposition names who it is.
            for child in token.children:
                if child.dep_ == "appos" and child.i in self.actor_at and self.actor_at[child.i].id_.startswith("person:"):
                    return self.actor_at[child.i].id_
        if span is not None:
            return span.id_
        if token.lemma_.lower() in self.cues.aide_lemmas:
            # "a spokesman for Chancellor Scholz", "aides to the president": that government speaks.
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in {"for", "of", "to"}:
                    principal = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    resolved = self._resolve_token(principal) if principal is not None else None
                    country = (self.doc._.actors or {}).get(resolved or "", {}).get("country_iso3", "")
                    if resolved and country and resolved.startswith("person:"):
                        return f"gov:{country}" if f"gov:{country}" in (self.doc._.actors or {}) else resolved
                    if resolved:
                        return resolved
        # A subject phrase whose head is outside the mention: "the office of the Russian president" — but a
        # member is not its organisation ("the only member of the Security Council that…").
        if token.lemma_.lower() in _MEMBER_NOUNS:
            return None
        for child in token.children:
            if child.dep_ in {"compound", "poss", "amod"} and child.i in self.actor_at:
                return self.actor_at[child.i].id_
        lower = token.lower_
        if lower in _PERSON_PRONOUNS or lower in _BODY_PRONOUNS:
            return self._antecedent(token)
        return None

    def _antecedent(self, token: Token) -> str | None:
        """Nearest fitting actor before a pronoun, in its sentence and up to two before; subjects first."""
        labels = _PERSON_LABELS if token.lower_ in _PERSON_PRONOUNS else _BODY_LABELS
        sent = token.sent
        sentences = [sent]
        prev_end = sent.start
        narrative = 0
        while narrative < 2 and prev_end > 0:
            previous = self.doc[prev_end - 1].sent
            sentences.append(previous)
            prev_end = previous.start
            # Sentences wholly inside a quotation do not count towards how far back to look.
            if any(tok.i not in self.quote_at and not tok.is_punct and not tok.is_space for tok in previous):
                narrative += 1
        person_ents = self.person_ents
        for i, sentence in enumerate(sentences):
            limit = token.i if i == 0 else sentence.end
            # Words inside a quotation are someone else's voice: they hold no antecedent of the narrative.
            spans = [
                s for s in self.doc.spans.get(ACTORS_KEY, [])
                if sentence.start <= s.start and s.end <= limit and s.label_ in labels
                and s.start not in self.quote_at
            ]
            # Persons the gazetteer does not know still block a wrong antecedent ("Hillary Clinton said… he").
            if labels is _PERSON_LABELS:
                unknown = [e for e in person_ents if sentence.start <= e.start and e.end <= limit
                           and e.start not in self.quote_at
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

    # --- context of a clause ---------------------------------------------------------------------------------
    def _attached(self, token: Token, head: Token, *, through_clauses: bool = False) -> bool:
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

    def _clause_dates(self, head: Token, quote_index: int) -> tuple[list[list[str]], list[int]]:
        """Dates hanging from the clause (or, for a cue inside a quote, from the speech verb)."""
        heads = [head]
        if 0 <= quote_index < len(self.speakers) and self.speakers[quote_index] >= 0:
            # The day of the saying: "Johnson was among the first, writing on Saturday afternoon: '…'".
            speaker = self.doc[self.speakers[quote_index]]
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
        while current.dep_ in {"ccomp", "xcomp", "conj"} and current.head != current:
            if (
                current.dep_ == "conj"
                and any(c.dep_ in {"nsubj", "nsubjpass"} for c in current.children)
                and current.head.lemma_.lower() in self.cues.reporting_lemmas
            ):
                break  # "Peskov said on Monday …, and Putin did not congratulate …": a clause of its own
            current = current.head
            heads.append(current)
        dates, years = [], []
        # A year in an enclosing clause frames this one too: "After Erdoğan's victory in 2018, Orbán was among
        # the first to congratulate him."
        framing = [*heads, *_enclosing_clauses(head)[1:]]
        until = set()
        if self._delayed(head):
            # "did not congratulate Biden until December 15, the day after…": the day it came.
            for tok in head.subtree:
                if tok.dep_ == "prep" and tok.lower_ in {"until", "till"}:
                    until.update(t.i for t in tok.subtree)
        sentences = {h.sent.start for h in framing}
        for entry in self.dates:
            # A dependency path never leaves its sentence: dates elsewhere cannot hang from these clauses.
            if self.doc[entry["start"]].sent.start not in sentences:
                continue
            root = self.doc[entry["start"]:entry["end"]].root
            # "When Navalny was poisoned in 2020, Merkel condemned…": a year in a temporal clause dates the
            # whole statement; only a date in the clause itself dates the reaction.
            # "ending a decade of frost since the 2013 overthrow": a year that bounds a duration is no time of
            # the statement.
            duration = any(a.dep_ == "prep" and a.lower_ in _DURATION_PREPS for a in root.ancestors if a.i > root.i - 6)
            if entry["year"] and not duration and any(
                self._attached(root, h, through_clauses=True) for h in framing
            ):
                years.append(entry["year"])
            if entry["date"] and (entry["start"] in until or any(self._attached(root, h) for h in heads)):
                dates.append([entry["date"], entry["precision"]])
        return dates, years

    def _other_time(self, head: Token, sent: Span) -> bool:
        """An other-time marker ("at the time", "during his first term") that frames this clause or one that
        encloses it — not one inside a relative clause about the actor ("Kim, who met Trump three times during
        his first term, has made no comment")."""
        framing = _enclosing_clauses(head)
        return any(
            i in self.other_time_tokens and any(self._attached(self.doc[i], h, through_clauses=True) for h in framing)
            for i in range(sent.start, sent.end)
        )

    @staticmethod
    def _target_tokens(cue_token: Token, head: Token) -> list[Token]:
        candidates = []
        # A nominal cue's target hangs from the verb that governs it: "impose sanctions on Russia".
        governing = [cue_token.head] if cue_token.pos_ in {"NOUN", "ADJ"} and cue_token.head != cue_token else []
        for tok in (cue_token, *governing, head):
            for child in tok.children:
                if child.dep_ in {"dobj", "dative"} and child != cue_token:
                    candidates.append(child)
                elif child.dep_ == "prep" and child.lower_ in {"to", "for", "with", "on", "against"}:
                    candidates.extend(c for c in child.children if c.dep_ == "pobj")
        return candidates

    def _target_phrase(self, cue_token: Token, head: Token, *, full: bool = False) -> str:
        """The words of the first target up to its head ("the Ukrainian people"), or with what follows it
        ("the illegal holding of elections") when full."""
        for target in self._target_tokens(cue_token, head):
            end = min(target.right_edge.i + 1, target.i + 15) if full else target.i + 1
            return self.doc[target.left_edge.i : end].text
        return ""

    def _target(self, cue_token: Token, head: Token) -> tuple[str, str, str]:
        """Who is congratulated or criticised: the object of the cue verb, or 'to X' after a cue noun."""
        for target in self._target_tokens(cue_token, head):
            span = self.actor_at.get(target.i)
            if span is not None:
                return span.id_, span.text, "actor"
            ent = self.ent_at.get(target.i)
            if ent is not None and ent.label_ == "NORP":
                return "", ent.text, "group"  # "congratulated the Republican", "the Americans"
            if ent is not None and ent.label_ in {"PERSON", "ORG", "GPE"}:
                return "", ent.text, "person" if ent.label_ == "PERSON" else "entity"
            if target.lower_ in _PERSON_PRONOUNS:
                return "", target.text, "pronoun"
        return "", "", ""


@Language.factory("reactions", assigns=["doc._.reaction_mentions"], default_config={"language": "en"})
def make_reactions(nlp: Language, name: str, language: str) -> ReactionFinder:
    return ReactionFinder(cues=load_cues(language), vocab=nlp.vocab)

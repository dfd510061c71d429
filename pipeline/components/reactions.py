"""Reaction mentions: which actor took which stance, in which clause, when.

The idea is textacy's rule-based triples, turned to stances. The parts, one job each:

- ``cue_spans``: the cues of the lexicon ("congratulated", "has yet to", "will wait for the official results");
- ``polarity``: the clause a cue heads, and the stance it takes once negation, delay, governing verbs and
  conditions are read;
- ``agents``: who holds that stance — the subject, a group's listed members, a quotation's speaker;
- ``coreference``: which actor a pronoun, an aide or a modifier stands for;
- ``clause_context``: the dates, other-time frames and targets the judging in ``pipeline/extract.py`` needs.

Writes ``doc._.reaction_mentions`` (records of ``components/mentions.py``, stored as plain dicts).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.components.agents import Agents
from pipeline.components.clause_context import ClauseContext
from pipeline.components.coreference import Coreference
from pipeline.components.cue_spans import Cue, CueFinder
from pipeline.components.doc_index import DocIndex
from pipeline.components.mentions import MENTIONS_EXTENSION, Mention, store_mentions
from pipeline.components.polarity import Judgement, Polarity
from pipeline.components.quotes import QUOTES_KEY
from pipeline.components.syntax import clause_head
from pipeline.cues import CueLexicon, load_cues
from pipeline.records import STANCES

# Children of an auxiliary that say something of their own: "Erdoğan was not the last leader to speak".
_COMPLEMENT_DEPS = frozenset({"attr", "acomp", "dobj", "xcomp", "ccomp", "prep", "oprd", "advmod"})


class ReactionFinder:
    """The ``reactions`` component; see the module docstring."""

    def __init__(
        self, *, cues: CueLexicon, vocab, same_reach_tokens: int, antecedent_sentences: int,
        group_reach_sentences: int, quote_min_score: float,
    ) -> None:
        self.cues = cues
        self.find_cues = CueFinder(cues=cues, vocab=vocab)
        self.polarity = Polarity(cues=cues, same_reach_tokens=same_reach_tokens)
        self.antecedent_sentences = antecedent_sentences
        self.group_reach_sentences = group_reach_sentences
        self.quote_min_score = quote_min_score

    def __call__(self, doc: Doc) -> Doc:
        index = DocIndex.build(doc, other_time_tokens=self.find_cues.other_time_tokens(doc))
        coref = Coreference(index, cues=self.cues, antecedent_sentences=self.antecedent_sentences)
        doc.spans[QUOTES_KEY] = _quotes_with_speakers(index, coref)
        agents = Agents(index, coreference=coref, cues=self.cues, group_reach_sentences=self.group_reach_sentences)
        run = _DocRun(index, agents, cues=self.cues, polarity=self.polarity, quote_min_score=self.quote_min_score)
        by_clause: dict[int, list[Cue]] = {}
        for cue in self.find_cues(doc):
            head = clause_head(cue.token)
            if cue.is_phrase and cue.stance == "withheld" and head.dep_ == "advcl":
                # "would send congratulations once the result is certified": the condition modifies the
                # clause it hangs from.
                head = clause_head(head.head)
            by_clause.setdefault(head.i, []).append(cue)
        mentions: list[Mention] = []
        for head_i, cues in sorted(by_clause.items()):
            mentions.extend(run.clause_mentions(doc[head_i], cues))
        mentions.extend(run.elided_mentions(by_clause))
        mentions.extend(run.quote_content_mentions(self.find_cues.quote_phrase_cues(doc), mentions))
        store_mentions(doc, mentions)
        return doc


def _quotes_with_speakers(index: DocIndex, coref: Coreference) -> list[Span]:
    """The quote spans with pronoun speakers ("he said") resolved to actor ids."""
    out = []
    for quote, speaker in zip(index.quotes, index.speakers):
        actor_id = quote.id_
        if not actor_id and speaker >= 0:
            actor_id = coref.resolve(index.doc[speaker]) or ""
        out.append(Span(index.doc, quote.start, quote.end, label=quote.label_, span_id=actor_id))
    return out


class _DocRun:
    """One pass over one doc: judges clauses in text order, remembering the stances judged so far."""

    def __init__(
        self, index: DocIndex, agents: Agents, *, cues: CueLexicon, polarity: Polarity, quote_min_score: float
    ) -> None:
        self.index = index
        self.polarity = polarity
        self.agents = agents
        self.quote_min_score = quote_min_score
        self.context = ClauseContext(index, cues=cues, polarity=polarity, coreference=agents.coref)
        self.recent_stances: list[tuple[int, str]] = []  # (token, stance) of every judged clause, agent or not

    def clause_mentions(self, head: Token, cues: list[Cue]) -> list[Mention]:
        judged = self.polarity.judge(head, cues, recent=self.recent_stances)
        if judged is None:
            return []
        if judged.stance in STANCES or judged.stance == "message":
            self.recent_stances.append((head.i, judged.stance))
        quote_index = self.index.quote_at.get(judged.cue.token.i, -1)
        agents = self.agents.of_clause(head, judged.cue, quote_index) or self.agents.listed_under(head)
        grouped = {a.actor_id for a in agents if a.via_group}
        ids = [a.actor_id for a in agents]
        if judged.stance == "withheld":
            # "The Kremlin said Putin had no plans to congratulate": announcing the wait is the
            # announcer's position too.
            reporter = self.agents.reporting_subject(head)
            if reporter and reporter not in ids and self.agents.same_country(reporter, ids):
                ids.append(reporter)
        return [self._mention(actor_id, judged, head, quote_index, actor_id in grouped) for actor_id in ids]

    def elided_mentions(self, by_clause: dict[int, list[Cue]]) -> list[Mention]:
        """'While many leaders have congratulated Biden, Putin has not.': an auxiliary with a negation and no
        verb borrows the cue of the clause it contrasts with."""
        doc = self.index.doc
        found = []
        for tok in doc:
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
                previous = doc[tok.sent.start - 1].sent
                related = [doc[i] for i in by_clause if previous.start <= i < previous.end]
            for clause in related:
                cues = [c for c in by_clause[clause.i] if c.stance in {"congratulated", "supportive"}]
                if cues:
                    judged = Judgement("withheld" if self.polarity.future(tok) else "silent", cues[0])
                    found.extend(
                        self._mention(a.actor_id, judged, tok, -1, a.via_group)
                        for a in self.agents.of_clause(tok, cues[0], -1)
                    )
                    break
        return found

    def quote_content_mentions(self, hits: list[tuple[Cue, float]], found: list[Mention]) -> list[Mention]:
        """For each quotation that yields no stance of its own, the stance its words say, scored over the quote
        phrase bank ("It's nothing but a complete farce.")."""
        spoken = {m.quote_index for m in found if m.quote_index >= 0}
        by_quote: dict[int, list[tuple[Cue, float]]] = {}
        for cue, weight in hits:
            quote_index = self.index.quote_at.get(cue.span[0], -1)
            if quote_index >= 0 and quote_index == self.index.quote_at.get(cue.span[1] - 1, -1):
                by_quote.setdefault(quote_index, []).append((cue, weight))
        mentions = []
        for quote_index, scored in sorted(by_quote.items()):
            if quote_index in spoken:
                continue
            totals: dict[str, float] = {}
            for cue, weight in scored:
                totals[cue.stance] = totals.get(cue.stance, 0.0) + weight
            stance, score = max(totals.items(), key=lambda item: item[1])
            if score < self.quote_min_score or list(totals.values()).count(score) > 1:
                continue  # too weak, or two stances as strong
            cue = next(c for c, _ in scored if c.stance == stance)
            head = clause_head(cue.token)
            judged = Judgement(stance, cue)
            mentions.extend(
                self._mention(a.actor_id, judged, head, quote_index, a.via_group)
                for a in self.agents.of_clause(head, cue, quote_index)
            )
        return mentions

    def _mention(self, actor_id: str, judged: Judgement, head: Token, quote_index: int, via_group: bool) -> Mention:
        sent = head.sent
        dates, years = self.context.dates(head, quote_index)
        return Mention(
            actor_id=actor_id,
            stance=judged.stance,
            cue=judged.cue.cue_id,
            cue_text=judged.cue.text,
            token=judged.cue.token.i,
            sent_start=sent.start_char,
            sent_end=sent.end_char,
            dates=tuple(dates),
            years=tuple(years),
            other_time=self.context.other_time(head, sent),
            target=self.context.target(judged.cue.token, head),
            clause_text=sent.text,
            quote_index=quote_index,
            via_group=via_group,
        )


@Language.factory(
    "reactions",
    assigns=[f"doc._.{MENTIONS_EXTENSION}"],
    default_config={
        "language": "en", "same_reach_tokens": 120, "antecedent_sentences": 2, "group_reach_sentences": 4,
        "quote_min_score": 1.0,
    },
)
def make_reactions(
    nlp: Language, name: str, language: str, same_reach_tokens: int, antecedent_sentences: int,
    group_reach_sentences: int, quote_min_score: float,
) -> ReactionFinder:
    """Options: `same_reach_tokens`, how far back (sentence start to sentence start) "did the same" may refer;
    `antecedent_sentences`, how many narrative sentences before a pronoun its antecedent may stand in;
    `group_reach_sentences`, how many sentences back a group named again ("the ministers") finds its members;
    `quote_min_score`, the score a quotation's phrases must reach to say a stance of their own."""
    return ReactionFinder(
        cues=load_cues(language), vocab=nlp.vocab, same_reach_tokens=same_reach_tokens,
        antecedent_sentences=antecedent_sentences, group_reach_sentences=group_reach_sentences,
        quote_min_score=quote_min_score,
    )

"""Direct quotations and who said them.

Text reaching the pipeline is normalised (pipeline.articles.normalise_text): every double quote mark, curly,
low or guillemet, is a straight ``"``, so opening and closing marks cannot be confused. Quotes are paired
inside a paragraph; an odd mark left over opens a quote that runs to the paragraph's end (the news convention
for quotes continued in the next paragraph, and the usual shape of an unbalanced mark). Colon- and
dash-introduced statements without marks ("Macron tweeted: Congratulations to…") are quotes too — learnt from
textacy's ``direct_quotations``, which misses them.

The speaker is the subject of a reporting verb outside the quote in the sentences that hold its ends
("…," Navalny wrote; Biden said: "…"), else the subject named by "according to", else — for a quote standing
alone in its paragraph — the speaker of the quote before it. Pronoun speakers are resolved by the
``reactions`` component, which owns coreference; here the speaker token is recorded.

Writes ``doc.spans["quotes"]``: span.label_ "QUOTE", span.id_ = speaker actor id or ""; and
``doc._.quote_speakers``: list (parallel to the spans) of the speaker token index or -1.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.components.actors import ACTORS_KEY
from pipeline.components.syntax import clause_head, subject_of
from pipeline.cues import CueLexicon, load_cues

QUOTES_KEY = "quotes"
_MIN_QUOTE_CHARS = 3

if not Doc.has_extension("quote_speakers"):
    Doc.set_extension("quote_speakers", default=None)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        spans.append((match.start(), match.end()))
    return spans


# A frame that ends a quotation whose closing mark is missing: '…results, Kremlin spokesman Peskov told reporters.'
_TRAILING_FRAME = re.compile(
    r",\s+(?:[A-Z][\w.'-]*\s+|[a-z]+\s+){0,6}?(?:said|says|told|added|wrote|tweeted|declared|stated|insisted)\b"
)
# British single quotes: an opening mark before a word; a closing one after the sentence's punctuation, or after a
# word at the end of the line, before punctuation or before the next sentence or list item ("… his term'.").
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[]))'(?=[A-Za-z])")
_SINGLE_CLOSE = re.compile(r"(?<=[.,!?])'(?=\s|$)|(?<=\w)'(?=[.,;:!?]|\s*$|\s+[*•]?\s*[A-Z])", re.MULTILINE)


def _lone_mark_span(text: str, p_start: int, p_end: int, mark: int) -> tuple[int, int]:
    """The quotation a single unpaired mark belongs to: a closing mark ('results," he said') closes a quote
    from the paragraph's start; an opening one runs to a trailing frame or to the paragraph's end."""
    before = text[mark - 1] if mark > p_start else " "
    after = text[mark + 1] if mark + 1 < p_end else " "
    if before in ".,!?" and (after.isspace() or mark + 1 >= p_end):
        start = p_start
        while start < mark and text[start] in "-* ":
            start += 1
        return start, mark
    start = mark + 1
    frame = _TRAILING_FRAME.search(text, start, p_end)
    return start, frame.start() if frame else p_end


def quote_char_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (inside the marks) of quotations in normalised text."""
    found = []
    for p_start, p_end in _paragraphs(text):
        marks = [p_start + m.start() for m in re.finditer('"', text[p_start:p_end])]
        spans = [(marks[i] + 1, marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
        if len(marks) % 2 == 1:
            spans.append(_lone_mark_span(text, p_start, p_end, marks[-1]))
        if not marks:
            opens = [p_start + m.start() for m in _SINGLE_OPEN.finditer(text[p_start:p_end])]
            closes = [p_start + m.start() for m in _SINGLE_CLOSE.finditer(text[p_start:p_end])]
            for opening in opens:
                closing = next((c for c in closes if c > opening), None)
                if closing is not None and not any(s <= opening < e for s, e in spans):
                    spans.append((opening + 1, closing))
        found.extend((s, e) for s, e in spans if e - s >= _MIN_QUOTE_CHARS and text[s:e].strip())
    return sorted(found)


def _token_span(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not span.text.strip():
        return None
    # Trim whitespace tokens the expansion can bring in.
    s, e = span.start, span.end
    while s < e and doc[s].is_space:
        s += 1
    while e > s and doc[e - 1].is_space:
        e -= 1
    return Span(doc, s, e, label="QUOTE") if e > s else None


class QuoteFinder:
    """The ``quotes`` component; see the module docstring."""

    def __init__(self, *, cues: CueLexicon, max_heading_words: int) -> None:
        self.cues = cues
        self.max_heading_words = max_heading_words

    def __call__(self, doc: Doc) -> Doc:
        quotes = [q for q in (_token_span(doc, s, e) for s, e in quote_char_spans(doc.text)) if q is not None]
        quotes += self._colon_quotes(doc, quotes)
        answers = self._transcript_answers(doc, quotes)
        quotes += list(answers)
        quotes.sort(key=lambda q: q.start)
        speakers: list[int] = []
        for quote in quotes:
            answerer = answers.get(quote)
            speakers.append(answerer if answerer is not None else self._speaker(doc, quote))
        # A quote paragraph with no frame is spoken by the actor its heading line names ("U.S. PRESIDENT JOE
        # BIDEN:", "- Israel's prime minister Benjamin Netanyahu"), else continues the previous quote's speaker.
        for i, quote in enumerate(quotes):
            if speakers[i] >= 0 or not self._stands_alone(doc, quote):
                continue
            heading = self._heading_speaker(doc, quote)
            if heading >= 0:
                speakers[i] = heading
            elif i > 0 and speakers[i - 1] >= 0:
                speakers[i] = speakers[i - 1]
        by_token = self._actor_by_token(doc)
        spans = []
        for quote, speaker in zip(quotes, speakers):
            actor_id = by_token.get(speaker, "") if speaker >= 0 else ""
            spans.append(Span(doc, quote.start, quote.end, label="QUOTE", span_id=actor_id))
        doc.spans[QUOTES_KEY] = spans
        doc._.quote_speakers = speakers
        return doc

    @staticmethod
    def _actor_by_token(doc: Doc) -> dict[int, str]:
        return {i: span.id_ for span in doc.spans.get(ACTORS_KEY, []) for i in range(span.start, span.end)}

    def _colon_quotes(self, doc: Doc, quotes: list[Span]) -> list[Span]:
        """'X said: words…' and 'X tweeted - words…' without quote marks, to the end of the sentence; and the
        dialogue dash: '- Words…, Peskov told reporters.'"""
        inside = {i for q in quotes for i in range(q.start, q.end)}
        found = self._dash_dialogue(doc, inside)
        for tok in doc:
            if tok.text not in {":", "-"} or tok.i in inside or tok.i + 1 >= len(doc):
                continue
            prev = doc[tok.i - 1] if tok.i > 0 else None
            if prev is None or prev.lemma_.lower() not in self.cues.reporting_lemmas or prev.pos_ != "VERB":
                continue
            nxt = doc[tok.i + 1]
            if nxt.text == '"' or nxt.i in inside:
                continue
            end = tok.sent.end
            if end - nxt.i >= 3:
                found.append(Span(doc, nxt.i, end, label="QUOTE"))
        return found

    @staticmethod
    def _transcript_answers(doc: Doc, quotes: list[Span]) -> dict[Span, int]:
        """Briefing transcripts: an 'A:' paragraph is the answer of the official the article introduced —
        the last spokesperson named outside the questions and quotations before it, else the last person."""
        inside = {i for q in quotes for i in range(q.start, q.end)}
        actors = doc._.actors or {}
        answers: dict[Span, int] = {}
        question_lines: set[int] = set()
        for match in re.finditer(r"(?m)^(Q|A)\s*[:.]\s*(.+)$", doc.text):
            span = doc.char_span(match.start(2), match.end(2), alignment_mode="expand")
            if span is None:
                continue
            if match.group(1) == "Q":
                question_lines.update(range(span.start, span.end))
                continue
            people = [
                s for s in doc.spans.get(ACTORS_KEY, [])
                if s.end <= span.start and s.start not in inside and s.start not in question_lines
                and s.id_.startswith("person:")
            ]
            spokespeople = [s for s in people if actors.get(s.id_, {}).get("actor_type") == "spokesperson"]
            chosen = (spokespeople or people)[-1:] if people else []
            if chosen and len(span) >= 3:
                answers[Span(doc, span.start, span.end, label="QUOTE")] = chosen[0].root.i
        return answers

    def _dash_dialogue(self, doc: Doc, inside: set[int]) -> list[Span]:
        found = []
        for sent in doc.sents:
            words = [t for t in sent if not t.is_space]
            if len(words) < 5 or words[0].text != "-" or words[1].i in inside:
                continue
            for tok in words[2:]:
                if tok.text == "," and self._frame_follows(doc, tok.i + 1, sent.end):
                    if tok.i - words[1].i >= 3:
                        found.append(Span(doc, words[1].i, tok.i, label="QUOTE"))
                    break
        return found

    def _frame_follows(self, doc: Doc, start: int, end: int) -> bool:
        """Whether tokens start..end are a reporting frame: a short subject then a reporting verb."""
        for tok in doc[start:min(end, start + 8)]:
            if tok.lemma_.lower() in self.cues.reporting_lemmas and tok.pos_ == "VERB":
                return True
        return False

    def _speaker(self, doc: Doc, quote: Span) -> int:
        """Token index of the speaker's head, or -1."""
        inside = range(quote.start - 1, quote.end + 1)
        candidates = []
        end_sent = doc[quote.end - 1].sent
        start_sent = doc[quote.start].sent
        after = [t for t in end_sent if t.i >= quote.end and t.i not in inside]
        before = [t for t in start_sent if t.i < quote.start - 1]
        candidates = after + before[::-1]
        reporting = [
            tok for tok in candidates
            if tok.lemma_.lower() in self.cues.reporting_lemmas and tok.pos_ in {"VERB", "AUX"}
        ]
        # The verb whose clause holds the quote speaks it ("Harris said that, whatever story Moscow told, the
        # world should be clear that '…'"); otherwise the nearest reporting verb.
        governing = [tok for tok in reporting if tok.left_edge.i <= quote.start <= tok.right_edge.i]
        for tok in governing + reporting:
            subject = subject_of(tok)
            if subject is not None and subject.i not in range(quote.start, quote.end):
                return subject.i
        for tok in candidates:
            if tok.lower_ == "according" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to":
                return doc[tok.i + 2].i if not doc[tok.i + 2].is_punct else -1
        # 'the European Council "condemns in the strongest terms…"': the quotation is the clause's own
        # predicate, so the clause's subject (outside the marks) speaks.
        root = quote.root
        if root.head != root and root.head.i not in range(quote.start, quote.end):
            holder = clause_head(root.head)
        else:
            holder = clause_head(root)
        subject = subject_of(holder)
        if subject is not None and subject.i not in range(quote.start - 1, quote.end + 1) and not subject.is_space:
            if subject.sent == quote.sent or subject.sent == doc[quote.start].sent:
                return subject.i
        # '"We congratulate the American people." - Nigerian President Muhammadu Buhari': a signature after a dash.
        signature = self._signature(doc, quote)
        if signature >= 0:
            return signature
        # "Peskov was blunt - '…'" / "Peskov had a message: '…'": the clause the colon or dash closes.
        lead = quote.start - 1
        while lead >= 0 and (doc[lead].text == '"' or doc[lead].is_space):
            lead -= 1
        if lead > 0 and doc[lead].text in {":", "-"}:
            subject = subject_of(clause_head(doc[lead - 1]))
            if subject is not None:
                return subject.i
        return -1

    def _heading_speaker(self, doc: Doc, quote: Span) -> int:
        """The actor a heading line just above a quote paragraph names: a short line that is no sentence (no
        closing punctuation, or a colon), with one person in it (or else one actor). -1 when there is none."""
        text = doc.text
        line_end = text.rfind("\n", 0, doc[quote.start].idx)
        while line_end > 0 and text[line_end - 1].isspace():
            line_end -= 1
        if line_end <= 0:
            return -1
        line_start = text.rfind("\n", 0, line_end) + 1
        line = text[line_start:line_end].strip()
        words = line.split()
        if not words or len(words) > self.max_heading_words or line[-1] in '.!?"' or line.endswith("'"):
            return -1
        spans = [s for s in doc.spans.get(ACTORS_KEY, []) if line_start <= s.start_char and s.end_char <= line_end]
        people = [s for s in spans if s.id_.startswith("person:")]
        chosen = people if people else spans
        return chosen[-1].root.i if len({s.id_ for s in chosen}) == 1 else -1

    @staticmethod
    def _signature(doc: Doc, quote: Span) -> int:
        """The actor named after a quote's closing mark and a dash, with nothing else on the line."""
        i = quote.end
        while i < len(doc) and (doc[i].text in {'"', "'"} or doc[i].is_space):
            i += 1
        if i >= len(doc) or doc[i].text not in {"-", "--"}:
            return -1
        line_end = i
        while line_end < len(doc) and "\n" not in doc[line_end].text_with_ws:
            line_end += 1
        spans = [s for s in doc.spans.get(ACTORS_KEY, []) if i < s.start and s.end <= line_end + 1]
        if len(spans) == 1 and line_end + 1 - spans[0].end <= 2 and spans[0].start - i <= 8:
            return spans[0].root.i
        return -1

    @staticmethod
    def _stands_alone(doc: Doc, quote: Span) -> bool:
        before = doc[quote.start - 2].text if quote.start >= 2 else "\n"
        return "\n" in before or quote.start <= 1 or doc[quote.start - 1].is_space


@Language.factory(
    "quotes", assigns=["doc.spans", "doc._.quote_speakers"], default_config={"language": "en", "max_heading_words": 16}
)
def make_quotes(nlp: Language, name: str, language: str, max_heading_words: int) -> QuoteFinder:
    """`max_heading_words`: the longest line that can be a heading naming the speaker of the quotes under it."""
    return QuoteFinder(cues=load_cues(language), max_heading_words=max_heading_words)

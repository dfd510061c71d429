"""Sentence starts the parser cannot see: line breaks and list-item headings.

News copy is full of lines that are not sentences — list items ("- Japan: Prime Minister Suga said …"),
briefing transcripts ("Q: …", "A: …"), datelines, captions. The parser, left alone, runs them together with the
line before, and reads "Japan" as the subject of "said". Runs before the parser (which keeps preset sentence
starts) and marks:

- the first token after a line break;
- the token after a short heading ending in a colon at the start of a line ("Japan:", "Spain and Italy:",
  "Q:", "European Union:");
- a bullet inside a line ("… peace'. *French ambassador …"): a list flattened into one paragraph;
- the token after a wire dateline's dash ("MOSCOW, Nov 9 (Atlas Wire) - The Kremlin said …"), so the place
  is not read as the subject.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from pipeline.components.quotes import quote_char_spans

_BULLETS = frozenset({"-", "*", "•", "–", "·"})
# Bullets that start a list item even inside a line (a dash there is punctuation).
_INLINE_BULLETS = frozenset({"*", "•"})
_HEADING_JOINERS = frozenset({"and", "&", "the", "of", "'s", ","})
_MAX_HEADING_TOKENS = 6
_MAX_DATELINE_TOKENS = 12
_MAX_WHOLE_QUOTE_TOKENS = 25


def _is_heading_word(token) -> bool:
    return token.is_title or token.is_upper or token.lower_ in _HEADING_JOINERS


class LineSegmenter:
    """The ``line_segments`` component; see the module docstring."""

    @staticmethod
    def _is_dateline(prefix) -> bool:
        """'MOSCOW, Nov 9 (Atlas Wire)' or 'BERLIN (Reuters)': an upper-case place opening the line."""
        words = [t for t in prefix if not t.is_space]
        if not (0 < len(words) <= _MAX_DATELINE_TOKENS and words[0].is_upper and len(words[0]) > 1):
            return False
        # A place alone, or a place with a date or the agency in brackets: not "NATO chief Jens Stoltenberg".
        return len(words) == 1 or any(t.text in {"(", ","} for t in words)

    def __call__(self, doc: Doc) -> Doc:
        starts: dict[int, int] = {}  # token index -> 1 (starts a sentence) or -1 (does not)
        line_start = 0
        for token in doc:
            if token.i > 0 and "\n" in doc[token.i - 1].text_with_ws and not token.is_space:
                starts[token.i] = 1
                line_start = token.i
            elif token.is_space and "\n" in token.text:
                continue
            spaced = token.i > 0 and doc[token.i - 1].whitespace_ and token.whitespace_
            if token.text in {"-", "--"} and spaced and token.i + 1 < len(doc):
                if self._is_dateline(doc[line_start : token.i]):
                    starts[token.i + 1] = 1
            if (
                token.text in _INLINE_BULLETS and token.i > 0 and doc[token.i - 1].whitespace_
                and token.i + 1 < len(doc) and doc[token.i + 1].is_title
            ):
                starts[token.i] = 1  # a list flattened into one paragraph: " *French Foreign Minister …"
            if token.text == ":" and token.i + 1 < len(doc):
                heading = [t for t in doc[line_start : token.i] if t.text not in _BULLETS and not t.is_space]
                if 0 < len(heading) <= _MAX_HEADING_TOKENS and all(_is_heading_word(t) for t in heading):
                    starts[token.i + 1] = 1
        starts.update(self._inside_short_quotes(doc))
        # Written in one go: setting token.is_sent_start one by one re-checks the whole doc each time.
        if starts:
            values = doc.to_array([SENT_START]).astype("int64")  # -1/0/1, stored by spaCy as uint64
            for i, value in starts.items():
                if i > 0:
                    values[i] = value
            doc.from_array([SENT_START], values.astype("uint64"))
        return doc

    @staticmethod
    def _inside_short_quotes(doc: Doc) -> dict[int, int]:
        """'wrote "DICTADOR MADURO, AFUERA!!!" on social media, and said…': a short quotation's own
        punctuation does not end the sentence that reports it."""
        inside: dict[int, int] = {}
        for start, end in quote_char_spans(doc.text):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) > _MAX_WHOLE_QUOTE_TOKENS:
                continue
            for token in span[1:]:
                inside[token.i] = -1
            after = span.end + 1  # past the closing mark
            if after < len(doc) and (doc[after].is_lower or doc[after].is_punct) and "\n" not in doc[after - 1].text_with_ws:
                inside[after] = -1
        return inside


@Language.factory("line_segments", assigns=["token.is_sent_start"], default_config={})
def make_line_segments(nlp: Language, name: str) -> LineSegmenter:
    return LineSegmenter()

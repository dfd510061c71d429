"""What the reaction rules look up in one doc: actor spans by token, quotations and their speakers, entities,
dates and other-time markers. Built once per doc and read by every part; never changed after building."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span

from pipeline.components.actors import ACTORS_KEY
from pipeline.components.quotes import QUOTES_KEY


@dataclasses.dataclass
class DocIndex:
    doc: Doc
    actor_spans: list[Span]
    actor_at: dict[int, Span]  # token index -> the actor span covering it
    quotes: list[Span]
    quote_at: dict[int, int]  # token index -> index of the quotation covering it
    speakers: list[int]  # per quotation: the speaker token, or -1
    person_ents: list[Span]
    ent_at: dict[int, Span]
    dates: list[dict]
    other_time_tokens: frozenset[int]

    @classmethod
    def build(cls, doc: Doc, *, other_time_tokens: frozenset[int]) -> "DocIndex":
        spans = list(doc.spans.get(ACTORS_KEY, []))
        quotes = list(doc.spans.get(QUOTES_KEY, []))
        # doc.ents rebuilds its spans on every access: read once.
        ents = list(doc.ents)
        return cls(
            doc=doc,
            actor_spans=spans,
            actor_at={i: span for span in spans for i in range(span.start, span.end)},
            quotes=quotes,
            quote_at={i: qi for qi, quote in enumerate(quotes) for i in range(quote.start, quote.end)},
            speakers=doc._.quote_speakers or [-1] * len(quotes),
            person_ents=[e for e in ents if e.label_ == "PERSON"],
            ent_at={i: e for e in ents for i in range(e.start, e.end)},
            dates=doc._.dates or [],
            other_time_tokens=other_time_tokens,
        )

    @property
    def actors(self) -> dict[str, dict]:
        return self.doc._.actors or {}

    def country_of(self, actor_id: str) -> str:
        return self.actors.get(actor_id, {}).get("country_iso3", "")

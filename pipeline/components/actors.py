"""Actor mentions: who, in the text, could be reacting — as canonical actors with ids.

Reads the gazetteer ruler's spans (names, metonyms, countries, demonyms, titles, organisations) and the NER's
PERSON entities, joins adjacent pieces into chains ("Russian" + "President" + "Vladimir Putin", "Russia" + "'s"
+ "foreign ministry", "the Saudi" + "royal family") and resolves each chain to one actor:

- a known person -> that person, typed by the office held on the article's reference date;
- an unknown PERSON with a title and a country ("Slovenian Prime Minister Janez Janša") -> an ad-hoc person;
- a title with a country and no name ("the Russian president") -> the office holder on the reference date;
- a body ("the Chinese foreign ministry", "the Kremlin", "a Kremlin spokesman") -> that country's government;
- an organisation ("the European Union", "NATO") -> the organisation; a country name -> its government.

Writes ``doc.spans["actors"]`` (span.id_ = actor id, span.label_ = how it was found) and ``doc._.actors``
(actor id -> plain dict of name, actor_type, country_iso3, official), plain data so docs serialise.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.cues import CueLexicon, load_cues
from pipeline.gazetteer import Actor, Gazetteer, load_gazetteer
from pipeline.names import fold, slug

GAZETTEER_KEY = "gazetteer"
ACTORS_KEY = "actors"
# Tokens that may stand between the pieces of one chain: "Russia 's president", "the Saudi royal family".
_CHAIN_FILLERS = frozenset({"'s", "'", "the", "-", "’s"})
_MODIFIER_LABELS = frozenset({"COUNTRY", "DEMONYM", "GOV", "ORG"})
_OFFICE_TO_TYPE = {
    "head_of_state": "head_of_state",
    "head_of_government": "head_of_government",
    "leader": "head_of_state",
    "foreign_minister": "government",
    "minister": "government",
    "spokesperson": "spokesperson",
    "royal": "royal",
    "opposition": "opposition",
    "former_leader": "former_leader",
    "organization_head": "organization",
    "government": "government",
}
_PERSON_OFFICES = frozenset({"head_of_state", "head_of_government", "leader", "foreign_minister"})
_PERSON_LABELS = frozenset({"PERSON_KNOWN", "PERSON_NER"})
# Entity types the NER gives to words that are no person's name.
_NOT_NAME_ENTITIES = frozenset({"GPE", "ORG", "NORP", "LOC", "FAC", "DATE", "TIME", "EVENT", "LAW", "PRODUCT"})
_MAX_NAME_TOKENS = 4
# Titles that name a body, not a person: "the government", "the royal family".
_BODY_OFFICES = frozenset({"government", "media"})
_BODY_TITLE_WORDS = frozenset({"family", "court", "palace", "monarchy"})


def _install_extensions() -> None:
    for name in ("published", "reference_date", "event_kind"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default="")
    if not Doc.has_extension("host_countries"):
        Doc.set_extension("host_countries", default=None)  # ISO3 codes of the event's parties
    if not Doc.has_extension("actors"):
        Doc.set_extension("actors", default=None)


_install_extensions()


def reference_date(doc: Doc) -> dt.date:
    """The day offices are resolved on: the event's date when known, else publication, else today."""
    for value in (doc._.reference_date, doc._.published):
        if value:
            return dt.date.fromisoformat(value)
    return dt.date.today()


@dataclasses.dataclass
class _Piece:
    label: str  # COUNTRY, DEMONYM, GOV, ORG, TITLE, PERSON_KNOWN, PERSON_NER, POSTED_TO (an envoy's post)
    key: str  # the id after the colon (ISO3, office, person id) or the name for NER persons
    start: int
    end: int


def _pieces(doc: Doc) -> list[_Piece]:
    ruler_spans = list(doc.spans.get(GAZETTEER_KEY, []))
    # "Luis Gilberto Murillo" is not the "Murillo" of the gazetteer: a full name the NER found around a
    # known surname alone is someone else.
    ents = [e for e in doc.ents if e.label_ == "PERSON"]
    ruler_spans = [
        s for s in ruler_spans
        if not (s.label_ == "PERSON_KNOWN" and len(s) == 1 and any(
            e.start < s.start and s.end <= e.end and len(e) >= 2 for e in ents
        ))
    ]
    known = [s for s in ruler_spans if s.label_ == "PERSON_KNOWN"]
    ner_persons = [
        ent for ent in ents if not any(k.start < ent.end and ent.start < k.end for k in known)
    ]
    # Possessive tokens the NER folds into a name ("Navalny's") are trimmed off.
    trimmed = []
    for ent in ner_persons:
        end = ent.end
        while end > ent.start and doc[end - 1].text in {"'s", "'"}:
            end -= 1
        if end > ent.start:
            trimmed.append(Span(doc, ent.start, end, label="PERSON_NER"))
    spans = filter_spans([*ruler_spans, *trimmed])
    spans = filter_spans([*spans, *_titled_names(doc, spans)])
    pieces = []
    for span in spans:
        kind, _, key = span.id_.partition(":") if span.id_ else ("", "", span.text)
        label = span.label_
        pieces.append(_Piece(label, key if label != "PERSON_NER" else span.text, span.start, span.end))
    return pieces


def _titled_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """A title followed by proper nouns the NER left untagged ("Spokesperson Olivier Veran" in a heading,
    "Minister Carolina Valdivia"): those words are a person's name."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    found = []
    for span in spans:
        if span.label_ != "TITLE":
            continue
        # "Spokesperson Olivier Veran", or in apposition: "Colombia's vice-president, Ana Ruiz, sent…"
        start = span.end + 1 if span.end < len(doc) and doc[span.end].text == "," else span.end
        end = start
        while end < len(doc) and end - start < _MAX_NAME_TOKENS and end not in taken and _name_word(doc[end]):
            end += 1
        closed = end == len(doc) or not doc[end].is_title or doc[end].is_punct
        if end - start >= 2 and closed and (start == span.end or (end < len(doc) and doc[end].text == ",")):
            found.append(Span(doc, start, end, label="PERSON_NER"))
    return found


def _name_word(token) -> bool:
    return token.tag_ == "NNP" and token.is_title and token.ent_type_ not in _NOT_NAME_ENTITIES


def _possessive_gap(doc: Doc, last: _Piece, piece: _Piece) -> bool:
    """'President Joe Biden's spokeswoman Jen Psaki': after a person's possessive, a title begins another actor."""
    gap = [tok.lower_ for tok in doc[last.end : piece.start]]
    return last.label in _PERSON_LABELS and piece.label == "TITLE" and any(g in {"'s", "'", "’s"} for g in gap)


def _office_complement(doc: Doc, last: _Piece, piece: _Piece) -> bool:
    """'Minister for Africa Vicky Ford': the words completing a title before a name belong to it."""
    gap = doc[last.end : piece.start]
    return (
        last.label == "TITLE" and piece.label in _PERSON_LABELS and 0 < len(gap) <= 5
        and gap[0].lower_ in {"for", "of"}
        and all(tok.is_title or tok.lower_ in {"and", "the", "of", "for", "&"} for tok in gap[1:])
    )


def _section_country(doc: Doc, start: int, *, max_lines: int = 12) -> str:
    """The country a section heading above names: the nearest line above that is only a country's name or
    demonym ('Brazil', '- COLOMBIA', 'United States:'), within `max_lines` lines; "" when there is none."""
    text = doc.text
    line_end = text.rfind("\n", 0, doc[start].idx)
    for _ in range(max_lines):
        if line_end <= 0:
            return ""
        line_start = text.rfind("\n", 0, line_end) + 1
        line = text[line_start:line_end].strip(" -*•:\t")
        if line:
            spans = [
                s for s in doc.spans.get(GAZETTEER_KEY, [])
                if line_start <= s.start_char and s.end_char <= line_end and s.label_ in {"COUNTRY", "DEMONYM"}
            ]
            if spans and len(line.split()) <= 4 and spans[0].text.strip().lower() == line.lower():
                return spans[0].id_.partition(":")[2]
        line_end = line_start - 1
    return ""


def _possessed_at(doc: Doc, end: int, start: int) -> bool:
    """Whether the tokens between an actor ending at `end` and a chain starting at `start` are a possessive."""
    return 0 < start - end <= 2 and any(tok.lower_ in {"'s", "'", "’s"} for tok in doc[end:start])


def _title_then_name(doc: Doc, chain: list[_Piece], piece: _Piece) -> bool:
    """"Colombia's vice-president, Francia Márquez, …", "French ambassador to Washington, Gerard Araud, …": a
    title with no name, then the name in apposition."""
    gap = [tok.text for tok in doc[chain[-1].end : piece.start]]
    titles = [p for p in chain if p.label == "TITLE"]
    return (
        gap == [","] and chain[-1].label in {"TITLE", "POSTED_TO"} and titles and piece.label == "PERSON_NER"
        and not any(p.label in _PERSON_LABELS for p in chain)
        and titles[-1].key not in _BODY_OFFICES and doc[titles[-1].end - 1].tag_ not in {"NNS", "NNPS"}
    )


def _posted_to(doc: Doc, last: _Piece, piece: _Piece) -> bool:
    """'ambassador to Washington', 'envoy to the UN': the place after an envoy's title is where they serve, not
    whom they speak for."""
    gap = [tok.lower_ for tok in doc[last.end : piece.start]]
    return last.label == "TITLE" and last.key == "minister" and gap in (["to"], ["to", "the"], ["at"], ["at", "the"]) \
        and piece.label in {"COUNTRY", "GOV", "ORG"}


def _chains(doc: Doc, pieces: list[_Piece]) -> list[list[_Piece]]:
    chains: list[list[_Piece]] = []
    for piece in pieces:
        if chains:
            last = chains[-1][-1]
            gap = doc[last.end : piece.start]
            fillers = len(gap) <= 2 and all(tok.lower_ in _CHAIN_FILLERS for tok in gap)
            if _posted_to(doc, last, piece):
                chains[-1].append(_Piece("POSTED_TO", piece.key, piece.start, piece.end))
                continue
            if (
                (fillers and not _possessive_gap(doc, last, piece)) or _office_complement(doc, last, piece)
                or _title_then_name(doc, chains[-1], piece)
            ):
                chains[-1].append(piece)
                continue
        chains.append([piece])
    return chains


def _joined_title(doc: Doc, chain: list[_Piece], following: list[_Piece] | None) -> bool:
    """'Crown Prince and Prime Minister Mohammed bin Salman', 'African Union Chairperson and South African President
    Cyril Ramaphosa': two titles of one person, not two actors."""
    if following is None or chain[-1].label != "TITLE" or any(p.label in _PERSON_LABELS for p in chain):
        return False
    if chain[-1].key in _BODY_OFFICES or doc[chain[-1].end - 1].lower_ in _BODY_TITLE_WORDS:
        return False  # "the Chinese government and President Xi": a body and a person
    gap = doc[chain[-1].end : following[0].start]
    names_person = any(p.label in _PERSON_LABELS for p in following)
    titled = any(p.label == "TITLE" for p in following)
    return names_person and titled and [t.lower_ for t in gap] == ["and"]


class ActorMentions:
    """The ``actor_mentions`` component; see the module docstring."""

    def __init__(self, *, gazetteer: Gazetteer, cues: CueLexicon) -> None:
        self.gazetteer = gazetteer
        self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        day = reference_date(doc)
        actors: dict[str, dict] = {}
        spans: list[Span] = []
        pieces = _pieces(doc)
        chains = _chains(doc, pieces)
        previous: tuple[int, Actor] | None = None  # where the last actor's chain ended, and who it is
        for index, chain in enumerate(chains):
            if _joined_title(doc, chain, chains[index + 1] if index + 1 < len(chains) else None):
                chains[index + 1] = [*chain, *chains[index + 1]]
                continue
            possessor = previous[1] if previous and _possessed_at(doc, previous[0], chain[0].start) else None
            resolved = self._resolve_chain(doc, chain, day=day, possessor=possessor) or self._surname_seen(
                chain, actors
            )
            if resolved is None:
                continue
            actor, how = resolved
            previous = (chain[-1].end, actor)
            span = Span(doc, chain[0].start, chain[-1].end, label=how, span_id=actor.actor_id)
            spans.append(span)
            actors[actor.actor_id] = dataclasses.asdict(actor)
        doc.spans[ACTORS_KEY] = spans
        doc._.actors = actors
        return doc

    @staticmethod
    def _surname_seen(chain: list[_Piece], actors: dict[str, dict]) -> tuple[Actor, str] | None:
        """'Khan's office said…' after 'Pakistan's Prime Minister Imran Khan': a bare surname the gazetteer
        leaves alone (it is shared by many) refers back to the one person of that name already in the text."""
        if len(chain) != 1 or chain[0].label != "PERSON_NER" or " " in chain[0].key.strip():
            return None
        surname = fold(chain[0].key.strip())
        earlier = [
            a for a in actors.values()
            if a["actor_id"].startswith("person:") and fold(a["name"]).split()[-1:] == [surname]
        ]
        if len(earlier) != 1:
            return None
        return Actor(**earlier[0]), "PERSON"

    # --- chain resolution ----------------------------------------------------------------------------------
    def _country_of(self, chain: list[_Piece]) -> tuple[str, str]:
        """(ISO3 or org id, 'country'|'org') from the chain's modifiers, the last one winning."""
        # "the German Foreign Office": the demonym says whose office; a metonym only when nothing else does.
        for labels in ({"COUNTRY", "DEMONYM"}, {"GOV"}, {"ORG"}):
            pieces = [p for p in chain if p.label in labels]
            if pieces:
                return pieces[-1].key, "org" if labels == {"ORG"} else "country"
        return "", ""

    def _right_country(self, doc: Doc, end: int) -> tuple[str, str]:
        """'the president of Russia', 'the foreign ministry in Beijing'."""
        if end + 1 < len(doc) and doc[end].lower_ in {"of", "in"}:
            for span in doc.spans.get(GAZETTEER_KEY, []):
                if span.start in (end + 1, end + 2) and span.label_ in _MODIFIER_LABELS:
                    if span.start == end + 2 and doc[end + 1].lower_ != "the":
                        continue
                    if span.end < len(doc) and doc[span.end].lower_ in {"'s", "'"}:
                        continue  # "the leader of France's far-right party": France qualifies the party
                    kind, _, key = span.id_.partition(":")
                    return key, "org" if kind == "org" else "country"
        return "", ""

    def _resolve_chain(
        self, doc: Doc, chain: list[_Piece], *, day: dt.date, possessor: Actor | None = None
    ) -> tuple[Actor, str] | None:
        gaz = self.gazetteer
        labels = [p.label for p in chain]
        titles = [p for p in chain if p.label == "TITLE"]
        speaks_for = possessor is not None and possessor.actor_id.startswith("person:")
        if speaks_for and titles and titles[-1].key == "spokesperson" and possessor.actor_type == "organization":
            return possessor, "PERSON"  # the UN Secretary-General's spokesman speaks as the Secretary-General
        if "PERSON_KNOWN" in labels:
            piece = [p for p in chain if p.label == "PERSON_KNOWN"][-1]
            actor = gaz.person(piece.key, on=day)
            if actor is not None and self._former(doc, chain):
                # "Former Australian prime minister Kevin Rudd" speaks for no government.
                actor = dataclasses.replace(actor, actor_type="former_leader", official=False)
            return (actor, "PERSON") if actor else None
        where, kind = self._country_of(chain)
        if not where and chain[-1].label in {"TITLE", "PERSON_NER"}:
            where, kind = self._right_country(doc, chain[-1].end)
        if not where and "TITLE" in labels and "PERSON_NER" not in labels:
            where, kind = self._heading_country(doc, chain[0].start)
        if "PERSON_NER" in labels:
            piece = [p for p in chain if p.label == "PERSON_NER"][-1]
            if not titles:
                titles, where, kind = self._apposition(doc, piece)
            if titles and speaks_for and not where and possessor.country_iso3:
                where, kind = possessor.country_iso3, "country"  # "Biden's spokeswoman Jen Psaki"
            if titles and not where:
                where, kind = self._place_before(doc, chain[0].start)
            if not titles or not where:
                return None
            office = titles[-1].key
            if office == "media":
                return None
            if self._leads_a_party(doc, piece):
                office = "opposition"
            if self._former(doc, chain):
                office = "former_leader"
            actor_type = _OFFICE_TO_TYPE.get(office, "other")
            country = where if kind == "country" else ("EUU" if where == "EU" else "")
            if kind == "org":
                actor_type = "organization"
            official = actor_type in {"head_of_state", "head_of_government", "government", "spokesperson",
                                      "organization"} or (actor_type == "royal" and gaz.royal(country).official)
            name = piece.key
            return Actor(f"person:{slug(name)}", name, actor_type, country, official), "PERSON"
        if titles:
            if not where or doc[titles[-1].end - 1].tag_ in {"NNS", "NNPS"}:
                return None  # no country, or a plural ("the leaders of Japan and Australia"): a group
            if self._former(doc, chain):
                return None  # "a former Brazilian ambassador" speaks for no government
            return self._resolve_office(titles[-1].key, where=where, kind=kind, day=day)
        if kind == "org":
            # "UN chief", "the UN Secretary-General": an organisation's head named by office is its holder.
            last = [p for p in chain if p.label == "ORG"][-1]
            head_title = self._head_title(doc[last.start:last.end])
            if head_title:
                resolved = self._resolve_office(head_title, where=where, kind=kind, day=day)
                if resolved is not None and resolved[0].actor_id.startswith("person:"):
                    return resolved
            return gaz.organization(where), "ORG"
        if "GOV" in labels:
            return gaz.government(where), "GOV"
        if "COUNTRY" in labels:
            return gaz.government(where), "COUNTRY"
        return None

    def _resolve_office(self, office: str, *, where: str, kind: str, day: dt.date) -> tuple[Actor, str] | None:
        gaz = self.gazetteer
        if office == "media" or office in {"opposition", "former_leader"}:
            return None
        if kind == "org":
            if office in {"organization_head", "leader", "head_of_state", "head_of_government", "foreign_minister"}:
                holder = gaz.office_holder_org(
                    where, on=day, office="foreign_minister" if office == "foreign_minister" else "organization_head"
                )
                if holder:
                    actor = gaz.person(holder, on=day)
                    if actor:
                        return actor, "OFFICE"
            return gaz.organization(where), "ORG"
        if office in _PERSON_OFFICES:
            holder = gaz.office_holder(where, office, on=day)
            actor = gaz.person(holder, on=day) if holder else None
            return (actor, "OFFICE") if actor else None
        if office == "royal":
            return gaz.royal(where), "ROYAL"
        return gaz.government(where), "GOV"

    def _head_title(self, span: Span) -> str | None:
        """The head office a name of an organisation's body ends with ("UN chief" -> organization_head)."""
        words = [tok.lower_ for tok in span]
        for n in range(min(3, len(words) - 1), 0, -1):
            office = self.gazetteer.title_office(" ".join(words[-n:]))
            if office in {"organization_head", "foreign_minister"}:
                return office
        return None

    @staticmethod
    def _place_before(doc: Doc, start: int) -> tuple[str, str]:
        """'In Tehran, government spokeswoman Fatemeh Mohajerani said…', 'White House national security
        spokesman John Kirby': a place named just before a titled name, in the same sentence; else the one
        country the sentence names before it ('Peru has also been critical, with Foreign Minister X condemning…');
        else the country heading of the section ('Brazil' on a line of its own, then 'Vice President X said…')."""
        sentence_start = doc[start].sent.start
        places = [
            s for s in doc.spans.get(GAZETTEER_KEY, [])
            if s.label_ in {"COUNTRY", "DEMONYM", "GOV"} and sentence_start <= s.start and s.end <= start
        ]
        near = [s for s in places if 0 < start - s.end <= 4]
        if near:
            return near[0].id_.partition(":")[2], "country"
        if len({s.id_.partition(":")[2] for s in places}) == 1:
            return places[0].id_.partition(":")[2], "country"
        return _section_country(doc, start), "country"

    @staticmethod
    def _heading_country(doc: Doc, start: int) -> tuple[str, str]:
        """'China: On Nov 9 the foreign ministry said…': a list item's heading names whose ministry it is."""
        sentence = doc[start].sent
        if sentence.start == 0:
            return "", ""
        heading = doc[sentence.start - 1].sent
        words = [t for t in heading if not t.is_space]
        if not words or words[-1].text != ":" or "\n" in heading.text.strip():
            return "", ""
        for span in doc.spans.get(GAZETTEER_KEY, []):
            if heading.start <= span.start < heading.end and span.label_ in _MODIFIER_LABELS:
                kind, _, key = span.id_.partition(":")
                return key, "org" if kind == "org" else "country"
        return "", ""

    def _former(self, doc: Doc, chain: list[_Piece]) -> bool:
        """'Former Australian prime minister Kevin Rudd', 'ex-president X'."""
        if any(p.label == "TITLE" and p.key == "former_leader" for p in chain):
            return True
        before = doc[max(chain[0].start - 2, 0) : chain[0].start]
        inside = doc[chain[0].start : chain[-1].end]
        return any(tok.lower_ in self.cues.former_words for tok in [*before, *inside])

    def _leads_a_party(self, doc: Doc, piece: _Piece) -> bool:
        """'X, the leader of France's far-right National Rally': a party leader, not the country's."""
        window = doc[piece.end : min(piece.end + 12, doc[piece.start].sent.end)]
        return any(tok.lemma_.lower() in self.cues.party_words for tok in window)

    def _apposition(self, doc: Doc, piece: _Piece) -> tuple[list[_Piece], str, str]:
        """'Janez Janša, Slovenia's prime minister,' -> the title and country after the comma."""
        if piece.end < len(doc) and doc[piece.end].text == ",":
            after = [
                s for s in doc.spans.get(GAZETTEER_KEY, [])
                if piece.end < s.start <= piece.end + 10
            ]
            titles = [
                _Piece("TITLE", s.id_.partition(":")[2], s.start, s.end) for s in after if s.label_ == "TITLE"
            ]
            places = [s for s in after if s.label_ in _MODIFIER_LABELS]
            if titles and places:
                kind, _, key = places[0].id_.partition(":")
                return titles[:1], key, "org" if kind == "org" else "country"
        return [], "", ""


@Language.factory("actor_mentions", assigns=["doc.spans", "doc._.actors"], default_config={"language": "en"})
def make_actor_mentions(nlp: Language, name: str, language: str) -> ActorMentions:
    return ActorMentions(gazetteer=load_gazetteer(), cues=load_cues(language))

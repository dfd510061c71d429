"""Canonical actors from the knowledge tables, and the span-ruler patterns that find them in text.

One actor id per real-world actor, whatever the name variant: "Vladimir Putin", "Putin" and "President Putin"
all match patterns whose id is ``person:vladimir-putin``; "the Kremlin", "Moscow" and "Russia" (as a speaker)
are ``gov:RUS``. An actor's type (head of state, former leader…) depends on the date, so it is resolved with
``Gazetteer.actor(actor_id, on=date)``.

Id scheme: ``person:<leader or person id>``, ``gov:<ISO3>``, ``royal:<ISO3>``, ``org:<ORG ID>``; patterns
that only help to build actors carry ``country:<ISO3>``, ``demonym:<ISO3>`` and ``title:<office>`` ids.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from pathlib import Path
from typing import Iterable

import pandas as pd

from pipeline import knowledge
from pipeline.names import fold, slug, strip_marks

DATA_DIR = Path(__file__).parent / "data"

# Offices that make a person speak for a government.
_OFFICE_TYPES = {
    "head_of_state": "head_of_state",
    "head_of_government": "head_of_government",
    "foreign_minister": "government",
    "minister": "government",
    "spokesperson": "spokesperson",
    "organization_head": "organization",
}
_PEOPLE_ROLE_TYPES = {
    "opposition": "opposition",
    "former_leader": "former_leader",
    "royal": "royal",
    "official": "government",
    "other": "other",
}
OFFICIAL_TYPES = frozenset({"head_of_state", "head_of_government", "government", "spokesperson", "organization"})
_SHORT_ACRONYM = re.compile(r"^[A-Z][A-Z.]{1,5}$")


@dataclasses.dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    actor_type: str
    country_iso3: str
    official: bool


def _name_tokens(name: str) -> list[str]:
    # Split like spaCy's tokenizer does for names: on spaces, and around hyphens and apostrophes-s.
    tokens: list[str] = []
    for part in name.replace("’", "'").split():
        if part.endswith("'s"):
            tokens.extend([part[:-2], "'s"])
        elif "-" in part and not _SHORT_ACRONYM.match(part) and len(part) > 1:
            pieces = part.split("-")
            for i, piece in enumerate(pieces):
                if piece:
                    tokens.append(piece)
                if i < len(pieces) - 1:
                    tokens.append("-")
        elif part.endswith(".") and len(part) > 2 and part.count(".") == 1:
            tokens.append(part)  # "Jr." stays one token
        else:
            tokens.append(part)
    return tokens


def name_pattern(name: str) -> str | list[dict]:
    """A span-ruler pattern for a name: short acronyms ("US" must not match "us") as case-sensitive token
    patterns; every other name as a phrase string, matched case-insensitively by the ruler's PhraseMatcher
    (phrase_matcher_attr LOWER) — the same tokenizer splits the name and the text, and the PhraseMatcher is
    linear in the text where the token Matcher grows with the number of patterns. Diacritics are handled by
    adding a folded variant of the name separately."""
    if _SHORT_ACRONYM.match(name):
        return [{"ORTH": tok} for tok in _name_tokens(name)]
    return name


def _variants(names: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        name = name.strip()
        if not name:
            continue
        out.add(name)
        # Arabic names are written both ways: "Abdel Fattah al-Sisi" / "el-Sisi".
        for a, b in ((" al-", " el-"), (" el-", " al-"), (" Al ", " Al-"), (" Al-", " Al ")):
            if a in name:
                out.add(name.replace(a, b))
        out.add(strip_marks(name))
        if name.lower().startswith("the "):
            out.add(name[4:])
    return out


def _as_list(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if str(v).strip()]
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return []
    return [v for v in str(value).split("|") if v.strip()]


def _date_or_none(value) -> dt.date | None:
    if value is None or value is pd.NaT or value == "" or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@dataclasses.dataclass(frozen=True)
class Term:
    leader_id: str
    name: str
    country_iso3: str
    org_id: str
    office: str
    title: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        # Half-open, as knowledge.py documents: on a handover day the successor holds the office.
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


class Gazetteer:
    """Read-only lookups from names to canonical actors. Build once per process with ``load_gazetteer()``."""

    def __init__(
        self,
        *,
        countries: pd.DataFrame,
        organizations: pd.DataFrame,
        leaders: pd.DataFrame,
        people: pd.DataFrame,
        titles: pd.DataFrame,
        executives: pd.DataFrame,
    ) -> None:
        self._countries = {row.iso3: row for row in countries.itertuples(index=False)}
        self._orgs = {row.org_id: row for row in organizations.itertuples(index=False)}
        self._people = {row.person_id: row for row in people.itertuples(index=False)}
        self._terms: dict[str, list[Term]] = {}
        for row in leaders.itertuples(index=False):
            term = Term(
                leader_id=row.leader_id,
                name=row.name,
                country_iso3=str(row.country_iso3 or ""),
                org_id=str(row.org_id or ""),
                office=row.office,
                title=str(row.title or ""),
                start=_date_or_none(row.start),
                end=_date_or_none(row.end),
            )
            self._terms.setdefault(row.leader_id, []).append(term)
        self._leader_aliases = {row.leader_id: _as_list(row.aliases) for row in leaders.itertuples(index=False)}
        self._titles = dict(zip(titles["phrase"], titles["office"]))
        self._executive = dict(zip(executives["iso3"], executives["leader_office"]))

    # --- lookups -------------------------------------------------------------------------------------------
    def country_iso3s(self) -> list[str]:
        return sorted(self._countries)

    def country_name(self, iso3: str) -> str:
        row = self._countries.get(iso3)
        return row.name if row is not None else iso3

    def demonym(self, iso3: str) -> str:
        row = self._countries.get(iso3)
        names = _as_list(row.demonyms) if row is not None else []
        return names[0] if names else self.country_name(iso3)

    def government(self, iso3: str) -> Actor:
        row = self._countries.get(iso3)
        name = row.government_name if row is not None and row.government_name else f"{iso3} government"
        return Actor(f"gov:{iso3}", name, "government", iso3, True)

    def royal(self, iso3: str) -> Actor:
        row = self._countries.get(iso3)
        monarchy = row is not None and str(row.monarchy).lower() in {"yes", "true", "1"}
        return Actor(f"royal:{iso3}", f"{self.demonym(iso3)} royal family", "royal", iso3, monarchy)

    def organization(self, org_id: str) -> Actor:
        row = self._orgs.get(org_id)
        name = row.name if row is not None else org_id
        return Actor(f"org:{org_id}", name, "organization", "EUU" if org_id == "EU" else "", True)

    def office_holder(self, iso3: str, office: str, *, on: dt.date) -> str | None:
        """The leader id holding an office of a country on a day; "leader" means whoever runs the country."""
        if office == "leader":
            office = self._executive.get(iso3) or (
                "head_of_government"
                if self.office_holder(iso3, "head_of_government", on=on)
                else "head_of_state"
            )
        for leader_id, terms in self._terms.items():
            for term in terms:
                if term.country_iso3 == iso3 and term.office == office and term.covers(on):
                    return leader_id
        return None

    def office_holder_org(self, org_id: str, *, on: dt.date, office: str = "organization_head") -> str | None:
        """The leader id holding an organisation's office on a day (its head, or its foreign-policy chief)."""
        for leader_id, terms in self._terms.items():
            for term in terms:
                if term.org_id == org_id and term.office == office and term.covers(on):
                    return leader_id
        return None

    def person(self, person_id: str, *, on: dt.date) -> Actor | None:
        """A leader or notable person, typed by the office they held on the day."""
        terms = self._terms.get(person_id)
        if terms:
            current = [t for t in terms if t.covers(on)]
            if current:
                # A head-of-state term outranks a concurrent ministerial one.
                rank = list(_OFFICE_TYPES)
                term = min(current, key=lambda t: rank.index(t.office) if t.office in rank else len(rank))
                actor_type = _OFFICE_TYPES.get(term.office, "other")
                country = term.country_iso3 or ("EUU" if term.org_id == "EU" else "")
                return Actor(f"person:{person_id}", term.name, actor_type, country, True)
            term = terms[-1]
            country = term.country_iso3 or ("EUU" if term.org_id == "EU" else "")
            was_head = any(
                t.office in {"head_of_state", "head_of_government"} and t.start and t.start <= on for t in terms
            )
            if person_id in self._people:
                return self._people_actor(person_id)
            actor_type = "former_leader" if was_head else "other"
            return Actor(f"person:{person_id}", term.name, actor_type, country, False)
        if person_id in self._people:
            return self._people_actor(person_id)
        return None

    def _people_actor(self, person_id: str) -> Actor:
        row = self._people[person_id]
        actor_type = _PEOPLE_ROLE_TYPES.get(row.role, "other")
        official = actor_type in OFFICIAL_TYPES or (
            actor_type == "royal" and self.royal(str(row.country_iso3 or "")).official
        )
        return Actor(f"person:{person_id}", row.name, actor_type, str(row.country_iso3 or ""), official)

    def actor(self, actor_id: str, *, on: dt.date) -> Actor | None:
        """Resolve any actor id to its canonical actor on a day."""
        kind, _, key = actor_id.partition(":")
        if kind == "person":
            return self.person(key, on=on)
        if kind == "gov" and key in self._countries:
            return self.government(key)
        if kind == "royal" and key in self._countries:
            return self.royal(key)
        if kind == "org" and key in self._orgs:
            return self.organization(key)
        return None

    @functools.cache
    def acronyms(self) -> frozenset[str]:
        """Names matched only as written in capitals ("US", "NATO", "E.U.")."""
        return frozenset(
            tok["ORTH"] for p in self.patterns() for tok in p["pattern"]
            if "ORTH" in tok and tok["ORTH"].isupper()
        )

    def title_office(self, phrase: str) -> str | None:
        return self._titles.get(phrase.lower())

    # --- patterns ------------------------------------------------------------------------------------------
    def patterns(self) -> list[dict]:
        """Span-ruler patterns ({label, pattern, id}) for every name, alias, metonym, demonym and title."""
        patterns: list[dict] = []
        seen: set[tuple[str, str]] = set()

        def add(label: str, names: Iterable[str], pattern_id: str) -> None:
            for variant in _variants(names):
                key = (variant if _SHORT_ACRONYM.match(variant) else variant.lower(), label)
                if key in seen:
                    continue
                seen.add(key)
                patterns.append({"label": label, "pattern": name_pattern(variant), "id": pattern_id})

        def add_exact(label: str, names: Iterable[str], pattern_id: str) -> None:
            """Names that are also common words ("Turkey", "Chad", "Polish") match only as written."""
            for name in names:
                patterns.append({"label": label, "pattern": [{"ORTH": t} for t in _name_tokens(name)], "id": pattern_id})

        # A name two countries share ("Congo") is left out: it cannot say which one is meant.
        claimed: dict[str, set[str]] = {}
        for iso3, row in self._countries.items():
            for name in _as_list(row.ambiguous_names):
                claimed.setdefault(fold(name), set()).add(iso3)
        for iso3, row in self._countries.items():
            ambiguous = {fold(n) for n in _as_list(row.ambiguous_names)}

            for label, names, pattern_id in (
                ("COUNTRY", [row.name, *_as_list(row.short_names)], f"country:{iso3}"),
                ("DEMONYM", _as_list(row.demonyms), f"demonym:{iso3}"),
                ("GOV", _as_list(row.metonyms), f"gov:{iso3}"),
            ):
                add(label, [n for n in names if fold(n) not in ambiguous], pattern_id)
                add_exact(label, [n for n in names if fold(n) in ambiguous and len(claimed[fold(n)]) == 1], pattern_id)
        for org_id, row in self._orgs.items():
            ambiguous = {fold(n) for n in _as_list(getattr(row, "ambiguous_names", ""))}
            names = [row.name, *_as_list(row.aliases), *_as_list(getattr(row, "acronyms", ""))]
            names += _as_list(getattr(row, "bodies", ""))
            add("ORG", [n for n in names if fold(n) not in ambiguous], f"org:{org_id}")
        for leader_id, terms in self._terms.items():
            add("PERSON_KNOWN", [terms[0].name, *self._leader_aliases.get(leader_id, [])], f"person:{leader_id}")
        for person_id, row in self._people.items():
            add("PERSON_KNOWN", [row.name, *_as_list(row.aliases)], f"person:{person_id}")
        for phrase, office in self._titles.items():
            # "Prime Ministers Sánchez and Conte": plural titles head lists of names.
            add("TITLE", [phrase, phrase if phrase.endswith("s") else f"{phrase}s"], f"title:{office}")
        return patterns


def _read_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / name, dtype=str, keep_default_na=False)


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer over the shipped data tables, built once per process."""
    return Gazetteer(
        countries=knowledge.load_countries(),
        organizations=knowledge.load_organizations(),
        leaders=knowledge.load_leaders(),
        people=knowledge.load_people(),
        titles=_read_csv("titles.csv"),
        executives=_read_csv("executives.csv"),
    )

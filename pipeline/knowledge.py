"""The gazetteer: countries, blocs, organisations, leaders and people, loaded from ``pipeline/data/``.

Each CSV table becomes a typed, validated pandas frame, and this module answers the lookups the pipeline needs:
which country a name, short name, demonym or seat of government ("the Kremlin") refers to; which states belonged
to a bloc on a given day; who held an office on a given day.

Why one module: every component resolves actors against the same tables, so they must be read and checked the
same way. A table is read once per process and per directory (``functools.lru_cache``); callers get copies, so
no shared state can be mutated. A bad table fails loudly with :class:`TableError` (a ``ValueError``) naming the
file, the data row and the reason; a missing one with ``FileNotFoundError`` naming the file.

Conventions:
- list-valued cells use ``|`` between values and come back as Python lists;
- dates are ISO ``YYYY-MM-DD``; periods are half-open, ``start <= day < end`` (``joined <= day < left`` for
  blocs): on a handover day the successor holds the office, on the day a state leaves it is no longer a member;
  a blank end means "still in office" / "still a member";
- name matching ignores diacritics, curly apostrophes, a leading "the" and a trailing possessive "'s"; names
  written in capitals only ("US", "U.K.", "DRC") match case-sensitively, all others case-insensitively.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import re
from pathlib import Path
from typing import Callable, Iterable, Mapping

import pandas as pd

from pipeline.names import is_acronym, name_key

COUNTRIES_FILE = "countries.csv"
BLOCS_FILE = "blocs.csv"
ORGANIZATIONS_FILE = "organizations.csv"
LEADERS_FILE = "leaders.csv"
PEOPLE_FILE = "people.csv"

# Column name -> dtype of each loaded frame, in file order. "list" columns hold Python lists (object dtype).
COUNTRY_DTYPES: dict[str, str] = {
    "iso3": "str",
    "name": "str",
    "official_name": "str",
    "short_names": "list",
    "demonyms": "list",
    "metonyms": "list",
    "ambiguous_names": "list",
    "government_name": "str",
    "capital": "str",
    "region": "str",
    "subregion": "str",
    "monarchy": "bool",
    "un_status": "str",
}
BLOC_DTYPES: dict[str, str] = {
    "bloc_id": "str",
    "bloc_name": "str",
    "iso3": "str",
    "joined": "datetime64[us]",
    "left": "datetime64[us]",
}
ORGANIZATION_DTYPES: dict[str, str] = {
    "org_id": "str",
    "name": "str",
    "aliases": "list",
    "acronyms": "list",
    "ambiguous_names": "list",
    "bodies": "list",
}
LEADER_DTYPES: dict[str, str] = {
    "leader_id": "str",
    "name": "str",
    "aliases": "list",
    "country_iso3": "str",
    "org_id": "str",
    "office": "str",
    "title": "str",
    "start": "datetime64[us]",
    "end": "datetime64[us]",
}
PERSON_DTYPES: dict[str, str] = {
    "person_id": "str",
    "name": "str",
    "aliases": "list",
    "country_iso3": "str",
    "role": "str",
    "description": "str",
}
ALIAS_DTYPES: dict[str, str] = {
    "alias": "str",
    "key": "str",
    "iso3": "str",
    "kind": "str",
    "case_sensitive": "bool",
    "ambiguous": "bool",
}

# UN geoscheme (M49): the 22-region form, i.e. the intermediate region where M49 has one (Africa south of the
# Sahara, Latin America and the Caribbean), else the sub-region.
SUBREGIONS: dict[str, tuple[str, ...]] = {
    "Africa": ("Northern Africa", "Eastern Africa", "Middle Africa", "Southern Africa", "Western Africa"),
    "Americas": ("Caribbean", "Central America", "South America", "Northern America"),
    "Asia": ("Central Asia", "Eastern Asia", "South-eastern Asia", "Southern Asia", "Western Asia"),
    "Europe": ("Eastern Europe", "Northern Europe", "Southern Europe", "Western Europe"),
    "Oceania": ("Australia and New Zealand", "Melanesia", "Micronesia", "Polynesia"),
}
UN_STATUSES = ("member", "observer", "other")
YES_NO = ("yes", "no")
OFFICES = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "spokesperson",
    "organization_head",
    "minister",
)
PERSON_ROLES = ("opposition", "former_leader", "royal", "official", "other")

# Which country columns hold name forms, and the kind each gets in the alias table.
_COUNTRY_NAME_COLUMNS = (
    ("name", "name"),
    ("official_name", "official_name"),
    ("short_names", "short_name"),
    ("demonyms", "demonym"),
    ("metonyms", "metonym"),
)
_ORGANIZATION_NAME_COLUMNS = ("name", "aliases", "acronyms", "bodies")

_ISO3 = re.compile(r"^[A-Z]{3}$")
_UPPER_ID = re.compile(r"^[A-Z][A-Z0-9_]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class TableError(ValueError):
    """A data table that cannot be used: names the file, the data row (1 = first row after the header; 0 = the
    header or the file as a whole) and the reason."""

    def __init__(self, file: str, row: int, reason: str) -> None:
        self.file = file
        self.row = row
        self.reason = reason
        where = "header" if row == 0 else f"row {row} (line {row + 1})"
        super().__init__(f"{file}, {where}: {reason}")


class UnknownIdError(KeyError):
    """An id (iso3, bloc_id) that the tables do not contain."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown id"


@dataclasses.dataclass(frozen=True)
class _Row:
    """One data row of a CSV file with its 1-based row number, for error messages."""

    number: int
    cells: Mapping[str, str]


# ----------------------------------------------------------------------------------------------- paths, names


def data_dir() -> Path:
    """The directory holding the shipped data tables (``pipeline/data/``)."""
    return Path(__file__).resolve().parent / "data"


def _resolve(directory: Path | str | None) -> Path:
    return Path(directory).resolve() if directory is not None else data_dir()


def _look_up_name(
    text: object, *, index: Callable[[Path], Mapping[str, str | None]], directory: Path | str | None
) -> str | None:
    """The id ``index`` (a directory's name key -> id table) holds for a name, or None; shared by the country
    and organisation lookups. A name in capitals only that is not found as written is tried again case-folded
    ("RUSSIA" finds Russia); a lower-case name never finds a capitals-only one ("us" is not "US")."""
    if not isinstance(text, str) or not text.strip():
        return None
    names = index(_resolve(directory))
    key = name_key(text)
    if key in names:
        return names[key]
    folded = key.casefold()
    return names.get(folded) if folded != key and not is_acronym(folded) else None


# ------------------------------------------------------------------------------------------ reading, checking


def _read_rows(path: Path, columns: Iterable[str]) -> list[_Row]:
    """Read a CSV file whose header must be exactly ``columns``; cells are stripped of surrounding spaces."""
    columns = tuple(columns)
    if not path.is_file():
        raise FileNotFoundError(f"{path.name} not found in {path.parent}: the gazetteer needs this table")
    rows: list[_Row] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            header = next(reader, None)
            if header is None:
                raise TableError(path.name, 0, f"file is empty; expected the header {','.join(columns)}")
            if tuple(h.strip() for h in header) != columns:
                raise TableError(path.name, 0, f"columns are {','.join(header)}; expected {','.join(columns)}")
            for number, cells in enumerate(reader, start=1):
                if not cells:  # a blank line
                    continue
                if len(cells) != len(columns):
                    raise TableError(path.name, number, f"has {len(cells)} fields; expected {len(columns)}")
                rows.append(_Row(number, {c: v.strip() for c, v in zip(columns, cells)}))
    except UnicodeDecodeError as error:
        raise TableError(path.name, 0, f"is not UTF-8 text ({error.reason})") from error
    except csv.Error as error:
        raise TableError(path.name, len(rows) + 1, f"is not valid CSV ({error})") from error
    return rows


def _split(cell: str) -> list[str]:
    """``a|b|c`` -> ["a", "b", "c"]: values stripped, empties and repeats dropped, order kept."""
    return list(dict.fromkeys(v.strip() for v in cell.split("|") if v.strip()))


def _required(file: str, row: _Row, column: str) -> str:
    value = row.cells[column]
    if not value:
        raise TableError(file, row.number, f"{column} is empty")
    return value


def _one_of(file: str, row: _Row, column: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    value = row.cells[column]
    if value not in allowed:
        raise TableError(file, row.number, f"{column} {value!r} is not one of {', '.join(allowed)}")
    return value


def _date(file: str, row: _Row, column: str, *, required: bool) -> pd.Timestamp | None:
    value = row.cells[column]
    if not value:
        if required:
            raise TableError(file, row.number, f"{column} is empty; expected a date YYYY-MM-DD")
        return None
    try:
        if not _ISO_DATE.match(value):
            raise ValueError(value)
        return pd.Timestamp(dt.date.fromisoformat(value))
    except ValueError:
        raise TableError(file, row.number, f"{column} {value!r} is not a date YYYY-MM-DD") from None


def _unique(file: str, rows: Iterable[_Row], key: Callable[[_Row], object], label: str) -> None:
    seen: dict[object, int] = {}
    for row in rows:
        value = key(row)
        if value in seen:
            raise TableError(file, row.number, f"{label} {value!r} repeats row {seen[value]}")
        seen[value] = row.number


def _known(file: str, row: _Row, column: str, known: frozenset[str], what: str) -> str:
    value = row.cells[column]
    if value and value not in known:
        raise TableError(file, row.number, f"{column} {value!r} is not in {what}")
    return value


def _frame(records: list[dict[str, object]], dtypes: Mapping[str, str]) -> pd.DataFrame:
    """Build a frame with exactly the given columns and dtypes; an empty list gives an empty frame."""
    columns = {}
    for column, dtype in dtypes.items():
        values = [record[column] for record in records]
        columns[column] = pd.Series(values, dtype="object" if dtype == "list" else dtype)
    return pd.DataFrame(columns)


def _copy(frame: pd.DataFrame, dtypes: Mapping[str, str]) -> pd.DataFrame:
    """A copy that shares nothing mutable with the cached frame (list cells are copied too)."""
    result = frame.copy()
    for column, dtype in dtypes.items():
        if dtype == "list":
            result[column] = pd.Series([list(v) for v in frame[column]], index=frame.index, dtype="object")
    return result


# ----------------------------------------------------------------------------------------------- countries


@functools.lru_cache(maxsize=8)
def _countries(directory: Path) -> pd.DataFrame:
    file = COUNTRIES_FILE
    rows = _read_rows(directory / file, COUNTRY_DTYPES)
    _unique(file, rows, lambda r: r.cells["iso3"], "iso3")
    _unique(file, rows, lambda r: r.cells["government_name"].casefold(), "government_name")
    records = []
    for row in rows:
        iso3 = _required(file, row, "iso3")
        if not _ISO3.match(iso3):
            raise TableError(file, row.number, f"iso3 {iso3!r} is not three capital letters")
        for column in ("name", "official_name", "government_name", "capital"):
            _required(file, row, column)
        region = _one_of(file, row, "region", SUBREGIONS)
        subregion = row.cells["subregion"]
        if subregion and subregion not in SUBREGIONS[region]:
            raise TableError(file, row.number, f"subregion {subregion!r} is not a UN M49 subregion of {region}")
        record: dict[str, object] = {
            column: (_split(row.cells[column]) if dtype == "list" else row.cells[column])
            for column, dtype in COUNTRY_DTYPES.items()
        }
        record["monarchy"] = _one_of(file, row, "monarchy", YES_NO) == "yes"
        _one_of(file, row, "un_status", UN_STATUSES)
        forms = {name_key(n) for n in _country_forms(record)}
        for name in record["ambiguous_names"]:
            if name_key(name) not in forms:
                raise TableError(file, row.number, f"ambiguous name {name!r} is not one of the country's names")
        if name_key(record["capital"]) not in forms:
            raise TableError(file, row.number, f"capital {record['capital']!r} is not among its names or metonyms")
        records.append(record)
    frame = _frame(records, COUNTRY_DTYPES)
    _country_aliases_from(frame, rows=rows)  # fails on a name shared by two countries unless both mark it
    return frame


def _country_forms(record: Mapping[str, object]) -> list[str]:
    forms: list[str] = []
    for column, _kind in _COUNTRY_NAME_COLUMNS:
        value = record[column]
        forms.extend(value if isinstance(value, list) else [value])
    return forms


def _country_aliases_from(frame: pd.DataFrame, *, rows: list[_Row] | None = None) -> pd.DataFrame:
    records = []
    owners: dict[str, dict[str, bool]] = {}  # key -> iso3 -> ambiguous there
    for position, country in enumerate(frame.itertuples(index=False)):
        ambiguous = {name_key(n) for n in country.ambiguous_names}
        for column, kind in _COUNTRY_NAME_COLUMNS:
            value = getattr(country, column)
            for alias in value if isinstance(value, list) else [value]:
                key = name_key(alias)
                flagged = key in ambiguous
                owners.setdefault(key, {})[country.iso3] = flagged
                records.append(
                    {
                        "alias": alias,
                        "key": key,
                        "iso3": country.iso3,
                        "kind": kind,
                        "case_sensitive": is_acronym(key),
                        "ambiguous": flagged,
                    }
                )
                shared = owners[key]
                if len(shared) > 1 and not all(shared.values()):
                    numbers = [row.number for row in rows] if rows else list(range(1, len(frame) + 1))
                    where = {iso: numbers[i] for i, iso in enumerate(frame["iso3"]) if iso in shared}
                    others = ", ".join(f"{iso} (row {where[iso]})" for iso in sorted(shared) if iso != country.iso3)
                    raise TableError(
                        COUNTRIES_FILE,
                        numbers[position],
                        f"name {alias!r} also belongs to {others}; "
                        "list it in ambiguous_names of every country that uses it",
                    )
    aliases = _frame(records, ALIAS_DTYPES)
    shared_keys = {key for key, isos in owners.items() if len(isos) > 1}
    aliases.loc[aliases["key"].isin(shared_keys), "ambiguous"] = True
    return aliases.drop_duplicates(["alias", "iso3", "kind"], ignore_index=True)


@functools.lru_cache(maxsize=8)
def _country_aliases(directory: Path) -> pd.DataFrame:
    return _country_aliases_from(_countries(directory))


@functools.lru_cache(maxsize=8)
def _country_index(directory: Path) -> dict[str, str | None]:
    """Name key -> iso3, or None where the key is shared by several countries."""
    index: dict[str, str | None] = {}
    for key, group in _country_aliases(directory).groupby("key", sort=False)["iso3"]:
        isos = set(group)
        index[str(key)] = isos.pop() if len(isos) == 1 else None
    return index


def load_countries(*, directory: Path | str | None = None) -> pd.DataFrame:
    """One row per iso3: names, list-valued name forms, capital, UN region, monarchy, UN status."""
    return _copy(_countries(_resolve(directory)), COUNTRY_DTYPES)


def country_aliases(*, directory: Path | str | None = None) -> pd.DataFrame:
    """Every name form of every country, one row per (alias, iso3, kind), with its lookup key and flags.

    ``kind`` is name, official_name, short_name, demonym or metonym; ``ambiguous`` is true where the form is
    listed in ``ambiguous_names`` or shared by several countries: such a form must not be matched alone.
    """
    return _country_aliases(_resolve(directory)).copy()


def country_name(iso3: str, *, directory: Path | str | None = None) -> str:
    """The short common English name of a country ("RUS" -> "Russia"); raises UnknownIdError if unknown."""
    countries = _countries(_resolve(directory))
    names = countries.loc[countries["iso3"] == iso3, "name"]
    if names.empty:
        raise UnknownIdError(f"unknown iso3 {iso3!r}: not in {COUNTRIES_FILE}")
    return str(names.iloc[0])


def iso3_for_name(text: str, *, directory: Path | str | None = None) -> str | None:
    """The iso3 of the country a name, short name, demonym or metonym refers to, or None.

    Names in capitals only ("US", "U.K.") match case-sensitively ("us" is not the United States); all other names
    match case- and diacritics-insensitively ("Turkiye", "Cote d'Ivoire"). A form shared by two countries
    ("Congolese") gives None.
    """
    return _look_up_name(text, index=_country_index, directory=directory)


# -------------------------------------------------------------------------------------------------- blocs


@functools.lru_cache(maxsize=8)
def _blocs(directory: Path) -> pd.DataFrame:
    file = BLOCS_FILE
    rows = _read_rows(directory / file, BLOC_DTYPES)
    countries = frozenset(_countries(directory)["iso3"])
    names: dict[str, str] = {}
    periods: dict[tuple[str, str], list[tuple[pd.Timestamp, pd.Timestamp | None, int]]] = {}
    records = []
    for row in rows:
        bloc_id = _required(file, row, "bloc_id")
        if not _UPPER_ID.match(bloc_id):
            raise TableError(file, row.number, f"bloc_id {bloc_id!r} is not an upper-case id")
        bloc_name = _required(file, row, "bloc_name")
        if names.setdefault(bloc_id, bloc_name) != bloc_name:
            raise TableError(file, row.number, f"bloc_name {bloc_name!r} differs from {names[bloc_id]!r}")
        iso3 = _required(file, row, "iso3")
        _known(file, row, "iso3", countries, COUNTRIES_FILE)
        joined = _date(file, row, "joined", required=True)
        left = _date(file, row, "left", required=False)
        if left is not None and left <= joined:
            raise TableError(file, row.number, f"left {row.cells['left']} is not after joined {row.cells['joined']}")
        for other_joined, other_left, other_row in periods.get((bloc_id, iso3), []):
            if (left is None or other_joined < left) and (other_left is None or joined < other_left):
                raise TableError(file, row.number, f"{iso3} in {bloc_id} overlaps row {other_row}")
        periods.setdefault((bloc_id, iso3), []).append((joined, left, row.number))
        records.append({"bloc_id": bloc_id, "bloc_name": bloc_name, "iso3": iso3, "joined": joined, "left": left})
    return _frame(records, BLOC_DTYPES)


def load_blocs(*, directory: Path | str | None = None) -> pd.DataFrame:
    """Bloc membership in long form: one row per membership period (joined, left as datetime64; NaT = still)."""
    return _blocs(_resolve(directory)).copy()


def bloc_names(*, directory: Path | str | None = None) -> dict[str, str]:
    """bloc_id -> bloc name, e.g. {"G7": "Group of Seven", ...}."""
    frame = _blocs(_resolve(directory))
    return dict(zip(frame["bloc_id"], frame["bloc_name"]))


def bloc_members(bloc_id: str, *, on: dt.date, directory: Path | str | None = None) -> frozenset[str]:
    """The iso3 codes of a bloc's members on a day (``joined <= on < left``); UnknownIdError for an unknown bloc."""
    frame = _blocs(_resolve(directory))
    rows = frame[frame["bloc_id"] == bloc_id]
    if rows.empty:
        known = ", ".join(sorted(set(frame["bloc_id"])))
        raise UnknownIdError(f"unknown bloc_id {bloc_id!r}: known blocs are {known}")
    day = pd.Timestamp(on)
    current = (rows["joined"] <= day) & (rows["left"].isna() | (day < rows["left"]))
    return frozenset(rows.loc[current, "iso3"])


# ------------------------------------------------------------------------------------------- organisations


@functools.lru_cache(maxsize=8)
def _organizations(directory: Path) -> pd.DataFrame:
    file = ORGANIZATIONS_FILE
    rows = _read_rows(directory / file, ORGANIZATION_DTYPES)
    _unique(file, rows, lambda r: r.cells["org_id"], "org_id")
    owners: dict[str, str] = {}
    records = []
    for row in rows:
        org_id = _required(file, row, "org_id")
        if not _UPPER_ID.match(org_id):
            raise TableError(file, row.number, f"org_id {org_id!r} is not an upper-case id")
        _required(file, row, "name")
        record: dict[str, object] = {
            column: (_split(row.cells[column]) if dtype == "list" else row.cells[column])
            for column, dtype in ORGANIZATION_DTYPES.items()
        }
        for form in _organization_forms(record):
            owner = owners.setdefault(name_key(form), org_id)
            if owner != org_id:
                raise TableError(file, row.number, f"name {form!r} also belongs to {owner}")
        records.append(record)
    return _frame(records, ORGANIZATION_DTYPES)


def _organization_forms(record: Mapping[str, object]) -> list[str]:
    forms: list[str] = []
    for column in _ORGANIZATION_NAME_COLUMNS:
        value = record[column]
        forms.extend(value if isinstance(value, list) else [value])
    return forms


@functools.lru_cache(maxsize=8)
def _organization_index(directory: Path) -> dict[str, str]:
    index: dict[str, str] = {}
    for record in _organizations(directory).to_dict("records"):
        for form in _organization_forms(record):
            index[name_key(form)] = str(record["org_id"])
    return index


def load_organizations(*, directory: Path | str | None = None) -> pd.DataFrame:
    """One row per international organisation: name, aliases, acronyms, ambiguous names, bodies that speak for it."""
    return _copy(_organizations(_resolve(directory)), ORGANIZATION_DTYPES)


def org_for_name(text: str, *, directory: Path | str | None = None) -> str | None:
    """The org_id that a name, alias, acronym or body refers to ("UN Security Council" -> "UN"), or None."""
    return _look_up_name(text, index=_organization_index, directory=directory)


# ---------------------------------------------------------------------------------------- leaders, people


@functools.lru_cache(maxsize=8)
def _leaders(directory: Path) -> pd.DataFrame:
    file = LEADERS_FILE
    rows = _read_rows(directory / file, LEADER_DTYPES)
    countries = frozenset(_countries(directory)["iso3"])
    organizations = frozenset(_organizations(directory)["org_id"])
    # One person may hold several offices, or one office in several states (a monarch of many realms).
    term_columns = ("leader_id", "country_iso3", "org_id", "office", "start")
    _unique(file, rows, lambda r: tuple(r.cells[c] for c in term_columns), "leader term")
    names: dict[str, str] = {}
    records = []
    for row in rows:
        leader_id = _required(file, row, "leader_id")
        name = _required(file, row, "name")
        if names.setdefault(leader_id, name) != name:
            raise TableError(file, row.number, f"leader_id {leader_id!r} is named {names[leader_id]!r} elsewhere")
        country = _known(file, row, "country_iso3", countries, COUNTRIES_FILE)
        org_id = _known(file, row, "org_id", organizations, ORGANIZATIONS_FILE)
        office = _one_of(file, row, "office", OFFICES)
        if not country and not org_id:
            raise TableError(file, row.number, "country_iso3 and org_id are both empty")
        if office == "organization_head" and not org_id:
            raise TableError(file, row.number, "office organization_head needs an org_id")
        start = _date(file, row, "start", required=True)
        end = _date(file, row, "end", required=False)
        if end is not None and end < start:
            raise TableError(file, row.number, f"end {row.cells['end']} is before start {row.cells['start']}")
        records.append(
            {
                "leader_id": leader_id,
                "name": name,
                "aliases": _split(row.cells["aliases"]),
                "country_iso3": country,
                "org_id": org_id,
                "office": office,
                "title": row.cells["title"],
                "start": start,
                "end": end,
            }
        )
    return _frame(records, LEADER_DTYPES)


@functools.lru_cache(maxsize=8)
def _people(directory: Path) -> pd.DataFrame:
    file = PEOPLE_FILE
    rows = _read_rows(directory / file, PERSON_DTYPES)
    countries = frozenset(_countries(directory)["iso3"])
    _unique(file, rows, lambda r: r.cells["person_id"], "person_id")
    records = []
    for row in rows:
        _required(file, row, "person_id")
        _required(file, row, "name")
        _known(file, row, "country_iso3", countries, COUNTRIES_FILE)
        _one_of(file, row, "role", PERSON_ROLES)
        record: dict[str, object] = dict(row.cells)
        record["aliases"] = _split(row.cells["aliases"])
        records.append(record)
    return _frame(records, PERSON_DTYPES)


def load_leaders(*, directory: Path | str | None = None) -> pd.DataFrame:
    """Office holders, one row per term: country or organisation, office, title, start and end (NaT = in office)."""
    return _copy(_leaders(_resolve(directory)), LEADER_DTYPES)


def load_people(*, directory: Path | str | None = None) -> pd.DataFrame:
    """Other people who react in the news (opposition, former leaders, royals, officials), one row per person."""
    return _copy(_people(_resolve(directory)), PERSON_DTYPES)


def offices_on(day: dt.date, *, directory: Path | str | None = None) -> pd.DataFrame:
    """The leaders rows whose term covers ``day`` (``start <= day < end``); same columns as :func:`load_leaders`."""
    frame = _leaders(_resolve(directory))
    stamp = pd.Timestamp(day)
    current = (frame["start"] <= stamp) & (frame["end"].isna() | (stamp < frame["end"]))
    return _copy(frame[current].reset_index(drop=True), LEADER_DTYPES)


def clear_caches() -> None:
    """Forget every table read so far (for tests, or after editing a data file in a running process)."""
    for cached in (
        _countries,
        _country_aliases,
        _country_index,
        _blocs,
        _organizations,
        _organization_index,
        _leaders,
        _people,
    ):
        cached.cache_clear()

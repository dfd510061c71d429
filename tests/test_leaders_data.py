"""Checks on the leaders and notable-people gazetteers (pipeline/data/leaders.csv, people.csv).

The tables let the pipeline turn "the Russian president", "Erdogan" or "Foreign Ministry spokesperson Zhao
Lijian" into one canonical person, office and country as of an event's date. These tests read the CSVs with
pandas directly (no pipeline import) and assert the schema, the enums, alias uniqueness, non-overlapping terms
and a table of known office holders on known dates.

A term is the half-open interval [start, end): ``end`` is the day the successor took office (or the term
ended); a blank ``end`` means still in office at the data date given in SOURCES_people.md.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pycountry
import pytest

DATA = Path(__file__).resolve().parents[1] / "pipeline" / "data"
LEADER_COLUMNS = ["leader_id", "name", "aliases", "country_iso3", "org_id", "office", "title", "start", "end"]
PEOPLE_COLUMNS = ["person_id", "name", "aliases", "country_iso3", "role", "description"]
OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "spokesperson", "organization_head", "minister"}
ROLES = {"opposition", "former_leader", "royal", "official", "other"}
ORG_IDS = {"EU", "UN", "NATO", "AU", "ASEAN", "ARAB_LEAGUE", "OAS", "GCC", "ECOWAS", "WHO", "IAEA"}
EXTRA_ISO3 = {"XKX", "EUU", "TWN"}
G20_COUNTRIES = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
# Offices held by one person at a time; spokespersons and "minister" rows may legitimately overlap.
SINGLE_HOLDER_OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "organization_head")
# Documented exceptions to "one holder at a time": Nicaragua's co-presidency (Ortega and Murillo, 2025-).
SHARED_OFFICES = {("NIC", "head_of_state")}
OPEN_END = dt.date(9999, 12, 31)


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def leaders() -> pd.DataFrame:
    return _read("leaders.csv")


@pytest.fixture(scope="module")
def people() -> pd.DataFrame:
    return _read("people.csv")


def _with_dates(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["start_d"] = out["start"].map(dt.date.fromisoformat)
    out["end_d"] = out["end"].map(lambda s: dt.date.fromisoformat(s) if s else OPEN_END)
    return out


def holders_on(frame: pd.DataFrame, *, place: str, office: str, on: str) -> list[str]:
    """leader_ids holding `office` for a country (ISO3) or organisation id on date `on`, [start, end)."""
    day = dt.date.fromisoformat(on)
    rows = _with_dates(frame)
    where = (rows["country_iso3"] == place) | (rows["org_id"] == place)
    hit = rows[where & (rows["office"] == office) & (rows["start_d"] <= day) & (day < rows["end_d"])]
    return sorted(set(hit["leader_id"]))


def overlapping_terms(frame: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    """(place, office, id_a, id_b) for every two different people holding a single-holder office at once.

    An organisation has several heads at once (EU: Commission and European Council presidents), so for
    organisations the title is part of the office.
    """
    rows = _with_dates(frame[frame["office"].isin(SINGLE_HOLDER_OFFICES)])
    rows = rows.assign(place=rows["country_iso3"] + rows["org_id"],
                       post=rows["title"].where(rows["org_id"] != "", ""))
    found = []
    for (place, office, _post), group in rows.groupby(["place", "office", "post"]):
        if (place, office) in SHARED_OFFICES:
            continue
        group = group.sort_values("start_d").reset_index(drop=True)
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                a, b = group.iloc[i], group.iloc[j]
                if a["leader_id"] != b["leader_id"] and b["start_d"] < a["end_d"] and a["start_d"] < b["end_d"]:
                    found.append((place, office, a["leader_id"], b["leader_id"]))
    return found


def alias_conflicts(frames: list[tuple[pd.DataFrame, str]]) -> dict[str, set[str]]:
    """Surface forms (names and aliases) that point at more than one id across the given frames."""
    owners: dict[str, set[str]] = {}
    for frame, id_col in frames:
        for _, row in frame.iterrows():
            forms = [row["name"], *[a for a in row["aliases"].split("|") if a]]
            for form in forms:
                owners.setdefault(form, set()).add(row[id_col])
    return {form: ids for form, ids in owners.items() if len(ids) > 1}


# ---------------------------------------------------------------- schema and enums


@pytest.mark.parametrize("file_name, columns", [("leaders.csv", LEADER_COLUMNS), ("people.csv", PEOPLE_COLUMNS)])
def test_columns_are_exact(file_name: str, columns: list[str]) -> None:
    frame = _read(file_name)
    assert list(frame.columns) == columns
    assert len(frame) > 0


def test_leader_rows_unique_per_id_office_start(leaders: pd.DataFrame) -> None:
    # The place is part of the key: Elizabeth II and Charles III head several realms (GBR, AUS, CAN, NZL).
    dupes = leaders[leaders.duplicated(["leader_id", "country_iso3", "org_id", "office", "start"], keep=False)]
    assert dupes.empty, dupes.to_string()


def test_people_ids_unique(people: pd.DataFrame) -> None:
    assert people["person_id"].is_unique


@pytest.mark.parametrize("id_col, file_name", [("leader_id", "leaders.csv"), ("person_id", "people.csv")])
def test_ids_are_slugs(id_col: str, file_name: str) -> None:
    ids = _read(file_name)[id_col]
    bad = ids[~ids.str.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*")]
    assert bad.empty, list(bad)


def test_one_name_and_alias_list_per_leader(leaders: pd.DataFrame) -> None:
    per_id = leaders.groupby("leader_id")[["name", "aliases"]].nunique()
    assert (per_id <= 1).all().all(), per_id[(per_id > 1).any(axis=1)]


def test_people_shared_with_leaders_keep_the_same_name(leaders: pd.DataFrame, people: pd.DataFrame) -> None:
    names = dict(zip(leaders["leader_id"], leaders["name"]))
    shared = people[people["person_id"].isin(names)]
    mismatched = [(r.person_id, r.name) for r in shared.itertuples() if names[r.person_id] != r.name]
    assert not mismatched


def test_dates_parse_and_start_before_end(leaders: pd.DataFrame) -> None:
    rows = _with_dates(leaders)
    assert (rows["start_d"] < rows["end_d"]).all(), rows[rows["start_d"] >= rows["end_d"]].to_string()
    # only terms that matter for events from 2016 on
    assert (rows["end_d"] > dt.date(2016, 1, 1)).all()


def test_offices_are_valid(leaders: pd.DataFrame) -> None:
    assert set(leaders["office"]) <= OFFICES


def test_roles_are_valid(people: pd.DataFrame) -> None:
    assert set(people["role"]) <= ROLES


def _valid_iso3(code: str) -> bool:
    if code in EXTRA_ISO3:
        return True
    return len(code) == 3 and code.isupper() and pycountry.countries.get(alpha_3=code) is not None


def test_leader_rows_have_exactly_one_of_country_or_org(leaders: pd.DataFrame) -> None:
    has_country = leaders["country_iso3"] != ""
    has_org = leaders["org_id"] != ""
    assert (has_country ^ has_org).all()
    assert set(leaders.loc[has_org, "org_id"]) <= ORG_IDS
    assert all(_valid_iso3(code) for code in leaders.loc[has_country, "country_iso3"])


def test_people_countries_are_valid_or_blank(people: pd.DataFrame) -> None:
    codes = people.loc[people["country_iso3"] != "", "country_iso3"]
    assert all(_valid_iso3(code) for code in codes), [c for c in codes if not _valid_iso3(c)]


@pytest.mark.parametrize("code, valid", [("RUS", True), ("TWN", True), ("XKX", True), ("PSE", True),
                                         ("VAT", True), ("UK", False), ("XXX", False), ("rus", False)])
def test_iso3_check_itself(code: str, valid: bool) -> None:
    assert _valid_iso3(code) is valid


# ---------------------------------------------------------------- aliases


def test_aliases_are_clean(leaders: pd.DataFrame, people: pd.DataFrame) -> None:
    for frame in (leaders, people):
        for cell in frame["aliases"]:
            parts = cell.split("|") if cell else []
            assert all(p and p == p.strip() for p in parts), cell
            assert len(parts) == len(set(parts)), cell


def test_no_alias_maps_to_two_leaders(leaders: pd.DataFrame) -> None:
    assert alias_conflicts([(leaders, "leader_id")]) == {}


def test_no_alias_maps_to_two_people_across_both_files(leaders: pd.DataFrame, people: pd.DataFrame) -> None:
    assert alias_conflicts([(leaders, "leader_id"), (people, "person_id")]) == {}


@pytest.mark.parametrize(
    "leader_id, alias",
    [
        ("recep-tayyip-erdogan", "Erdogan"),
        ("recep-tayyip-erdogan", "Erdoğan"),
        ("andres-manuel-lopez-obrador", "AMLO"),
        ("andres-manuel-lopez-obrador", "Lopez Obrador"),
        ("kim-jong-un", "Kim Jong Un"),
        ("volodymyr-zelenskyy", "Zelensky"),
        ("volodymyr-zelenskyy", "Zelenskiy"),
        ("mohammed-bin-salman", "MBS"),
        ("luiz-inacio-lula-da-silva", "Lula"),
        ("benjamin-netanyahu", "Bibi"),
        ("vladimir-putin", "Putin"),
    ],
)
def test_known_aliases_present(leaders: pd.DataFrame, leader_id: str, alias: str) -> None:
    cells = leaders.loc[leaders["leader_id"] == leader_id, "aliases"]
    assert not cells.empty
    assert alias in cells.iloc[0].split("|")


@pytest.mark.parametrize("ambiguous", ["Kim", "Lee", "Khan", "Li", "Wang", "Singh", "Sharif", "Aoun", "Rajapaksa",
                                       "Orban", "Zardari", "Park"])
def test_shared_surnames_are_not_aliases(leaders: pd.DataFrame, people: pd.DataFrame, ambiguous: str) -> None:
    for frame in (leaders, people):
        assert not frame["aliases"].str.split("|").map(lambda parts: ambiguous in parts).any()


def test_alias_conflict_check_detects_a_clash() -> None:
    frame = pd.DataFrame({"leader_id": ["a-b", "c-d"], "name": ["A B", "C D"], "aliases": ["Smith", "Smith|D"]})
    assert alias_conflicts([(frame, "leader_id")]) == {"Smith": {"a-b", "c-d"}}


# ---------------------------------------------------------------- who held the office on a date

KNOWN_HOLDERS = [
    ("RUS", "head_of_state", "2020-11-09", "vladimir-putin"),
    ("RUS", "head_of_government", "2019-06-01", "dmitry-medvedev"),
    ("RUS", "head_of_government", "2020-11-09", "mikhail-mishustin"),
    ("RUS", "foreign_minister", "2022-02-24", "sergey-lavrov"),
    ("GBR", "head_of_government", "2020-11-09", "boris-johnson"),
    ("GBR", "head_of_government", "2022-09-06", "liz-truss"),  # handover day belongs to the successor
    ("GBR", "head_of_government", "2022-10-01", "liz-truss"),
    ("GBR", "head_of_government", "2022-12-01", "rishi-sunak"),
    ("GBR", "head_of_state", "2022-09-07", "elizabeth-ii"),
    ("GBR", "head_of_state", "2022-09-08", "charles-iii"),
    ("GBR", "foreign_minister", "2017-01-01", "boris-johnson"),
    ("DEU", "head_of_government", "2020-11-09", "angela-merkel"),
    ("DEU", "head_of_government", "2022-03-01", "olaf-scholz"),
    ("USA", "head_of_state", "2020-11-08", "donald-trump"),
    ("USA", "head_of_state", "2021-01-20", "joe-biden"),
    ("USA", "head_of_state", "2021-02-01", "joe-biden"),
    ("USA", "head_of_state", "2025-03-01", "donald-trump"),
    ("USA", "foreign_minister", "2021-03-01", "antony-blinken"),
    ("BRA", "head_of_state", "2020-12-15", "jair-bolsonaro"),
    ("BRA", "head_of_state", "2023-06-01", "luiz-inacio-lula-da-silva"),
    ("MEX", "head_of_state", "2020-12-15", "andres-manuel-lopez-obrador"),
    ("TUR", "head_of_state", "2020-11-10", "recep-tayyip-erdogan"),
    ("TUR", "head_of_government", "2017-01-01", "binali-yildirim"),
    ("CHN", "head_of_state", "2020-11-25", "xi-jinping"),
    ("CHN", "spokesperson", "2021-03-01", "hua-chunying"),
    ("CHN", "spokesperson", "2021-03-01", "zhao-lijian"),
    ("ISR", "head_of_government", "2020-11-08", "benjamin-netanyahu"),
    ("ISR", "head_of_government", "2021-07-01", "naftali-bennett"),
    ("ISR", "head_of_government", "2023-10-07", "benjamin-netanyahu"),
    ("JPN", "head_of_government", "2020-11-08", "yoshihide-suga"),
    ("IND", "head_of_government", "2016-01-01", "narendra-modi"),
    ("IND", "head_of_government", "2020-11-08", "narendra-modi"),
    ("IND", "head_of_government", "2025-06-01", "narendra-modi"),
    ("FRA", "head_of_state", "2020-11-08", "emmanuel-macron"),
    ("FRA", "head_of_state", "2016-06-01", "francois-hollande"),
    ("UKR", "head_of_state", "2022-02-24", "volodymyr-zelenskyy"),
    ("SAU", "head_of_state", "2020-11-08", "king-salman"),
    ("SAU", "head_of_government", "2020-11-08", "king-salman"),
    ("SAU", "head_of_government", "2023-01-01", "mohammed-bin-salman"),
    ("SAU", "minister", "2020-11-08", "mohammed-bin-salman"),
    ("IRN", "head_of_state", "2020-01-08", "ali-khamenei"),
    ("IRN", "head_of_government", "2020-01-08", "hassan-rouhani"),
    ("KOR", "head_of_state", "2020-11-08", "moon-jae-in"),
    ("PRK", "head_of_state", "2018-06-12", "kim-jong-un"),
    ("VAT", "head_of_state", "2020-11-08", "pope-francis"),
    ("EU", "organization_head", "2020-11-08", "charles-michel"),
    ("EU", "organization_head", "2020-11-08", "ursula-von-der-leyen"),
    ("UN", "organization_head", "2020-11-08", "antonio-guterres"),
    ("NATO", "organization_head", "2020-11-08", "jens-stoltenberg"),
    ("WHO", "organization_head", "2020-03-11", "tedros-adhanom-ghebreyesus"),
    ("MMR", "head_of_government", "2020-11-08", "aung-san-suu-kyi"),
]


@pytest.mark.parametrize("place, office, on, leader_id", KNOWN_HOLDERS)
def test_known_holder_on_date(leaders: pd.DataFrame, place: str, office: str, on: str, leader_id: str) -> None:
    assert leader_id in holders_on(leaders, place=place, office=office, on=on)


@pytest.mark.parametrize(
    "place, office, on",
    [
        ("GBR", "head_of_government", "1990-01-01"),  # before coverage
        ("USA", "head_of_government", "2020-11-08"),  # presidential system: no separate head of government
        ("KOR", "head_of_state", "2017-04-01"),  # acting presidents are omitted
        ("XXX", "head_of_state", "2020-11-08"),  # unknown place
    ],
)
def test_no_holder_where_none_is_recorded(leaders: pd.DataFrame, place: str, office: str, on: str) -> None:
    assert holders_on(leaders, place=place, office=office, on=on) == []


CHECK_DATES = ["2016-01-01", "2016-09-01", "2017-06-01", "2018-08-01", "2019-10-01", "2020-11-08", "2021-06-01",
               "2022-03-01", "2022-10-01", "2023-07-01", "2024-06-01", "2025-03-01"]


@pytest.mark.parametrize("country", G20_COUNTRIES)
def test_exactly_one_g20_head_of_state_per_date(leaders: pd.DataFrame, country: str) -> None:
    for on in CHECK_DATES:
        assert len(holders_on(leaders, place=country, office="head_of_state", on=on)) == 1, (country, on)


@pytest.mark.parametrize("country", ["AUS", "CAN", "CHN", "FRA", "DEU", "IND", "ITA", "JPN", "RUS", "SAU", "TUR",
                                     "GBR"])
def test_exactly_one_g20_head_of_government_per_date(leaders: pd.DataFrame, country: str) -> None:
    dates = [d for d in CHECK_DATES if not (country == "TUR" and d >= "2018-07-09")]  # post abolished in Turkey
    for on in dates:
        assert len(holders_on(leaders, place=country, office="head_of_government", on=on)) == 1, (country, on)


def test_no_two_people_hold_a_single_holder_office_at_once(leaders: pd.DataFrame) -> None:
    assert overlapping_terms(leaders) == []


def test_overlap_check_detects_overlap() -> None:
    frame = pd.DataFrame({
        "leader_id": ["a", "b", "c"], "country_iso3": ["FRA"] * 3, "org_id": [""] * 3, "title": ["President"] * 3,
        "office": ["head_of_state"] * 3, "start": ["2010-01-01", "2015-01-01", "2020-01-01"],
        "end": ["2015-06-01", "2020-01-01", ""],
    })
    assert overlapping_terms(frame) == [("FRA", "head_of_state", "a", "b")]


@pytest.mark.parametrize(
    "titles, expected",
    [
        (["President of the European Commission", "President of the European Council"], []),
        (["Secretary-General", "Secretary-General"], [("EU", "organization_head", "a", "b")]),
    ],
)
def test_overlap_check_treats_organisation_titles_as_separate_posts(titles: list[str], expected: list) -> None:
    frame = pd.DataFrame({
        "leader_id": ["a", "b"], "country_iso3": ["", ""], "org_id": ["EU", "EU"], "title": titles,
        "office": ["organization_head"] * 2, "start": ["2019-12-01", "2020-01-01"], "end": ["", ""],
    })
    assert overlapping_terms(frame) == expected

"""Tests for pipeline.knowledge: the shipped gazetteer tables, the lookups, and the validation failure paths."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pycountry
import pytest

from pipeline import knowledge
from pipeline.knowledge import TableError, UnknownIdError

D = dt.date
NOT_IN_ISO = {"XKX", "EUU"}  # Kosovo (user-assigned code) and the EU (ISO-reserved code)

LEADERS_HEADER = "leader_id,name,aliases,country_iso3,org_id,office,title,start,end\n"
PEOPLE_HEADER = "person_id,name,aliases,country_iso3,role,description\n"
LEADERS_OK = LEADERS_HEADER + (
    "donald_trump,Donald Trump,Trump|President Trump,USA,,head_of_state,President,2017-01-20,2021-01-20\n"
    "joe_biden,Joe Biden,Biden,USA,,head_of_state,President,2021-01-20,2025-01-20\n"
    "donald_trump,Donald Trump,Trump|President Trump,USA,,head_of_state,President,2025-01-20,\n"
    "antonio_guterres,António Guterres,Guterres,PRT,UN,organization_head,Secretary-General,2017-01-01,\n"
)
PEOPLE_OK = PEOPLE_HEADER + (
    "alexei_navalny,Alexei Navalny,Navalny,RUS,opposition,Russian opposition leader\n"
    "king_charles,King Charles III,Charles|King Charles,GBR,royal,\n"
)


@pytest.fixture()
def tmp_data(tmp_path: Path) -> Path:
    """A copy of the shipped country, bloc and organisation tables in a temporary directory."""
    for name in (knowledge.COUNTRIES_FILE, knowledge.BLOCS_FILE, knowledge.ORGANIZATIONS_FILE):
        shutil.copy(knowledge.data_dir() / name, tmp_path / name)
    return tmp_path


def _replace(path: Path, old: str, new: str, *, line_prefix: str = "") -> None:
    """Replace the first ``old`` on the first line starting with ``line_prefix``."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith(line_prefix) and old in line)
    lines[number] = lines[number].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def _row_of(path: Path, prefix: str) -> int:
    """1-based data row number of the first line starting with prefix."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines) if line.startswith(prefix))


# ------------------------------------------------------------------------------------------------ countries


def test_country_counts() -> None:
    countries = knowledge.load_countries()
    assert countries["iso3"].is_unique
    status = countries.groupby("un_status")["iso3"].apply(set).to_dict()
    assert len(status["member"]) == 193
    assert status["observer"] == {"VAT", "PSE"}
    assert status["other"] == {"XKX", "TWN", "EUU"}


def test_every_iso3_is_iso_3166() -> None:
    codes = set(knowledge.load_countries()["iso3"]) - NOT_IN_ISO
    unknown = {code for code in codes if pycountry.countries.get(alpha_3=code) is None}
    assert unknown == set()


def test_list_cells_are_lists_and_copies() -> None:
    first = knowledge.load_countries()
    row = first.index[first["iso3"] == "USA"][0]
    assert isinstance(first.at[row, "short_names"], list)
    assert "U.S." in first.at[row, "short_names"]
    first.at[row, "short_names"].append("Mutated")
    first.loc[row, "name"] = "Mutated"
    second = knowledge.load_countries()
    assert "Mutated" not in second.at[row, "short_names"]
    assert second.at[row, "name"] == "United States"


@pytest.mark.parametrize(
    "iso3, name, capital, region, subregion, monarchy, government",
    [
        ("RUS", "Russia", "Moscow", "Europe", "Eastern Europe", False, "Kremlin"),
        ("USA", "United States", "Washington, D.C.", "Americas", "Northern America", False, "US government"),
        ("GBR", "United Kingdom", "London", "Europe", "Northern Europe", True, "British government"),
        ("CHN", "China", "Beijing", "Asia", "Eastern Asia", False, "Chinese government"),
        ("DEU", "Germany", "Berlin", "Europe", "Western Europe", False, "German government"),
        ("CAN", "Canada", "Ottawa", "Americas", "Northern America", True, "Canadian government"),
        ("SAU", "Saudi Arabia", "Riyadh", "Asia", "Western Asia", True, "Saudi government"),
        ("TUR", "Turkey", "Ankara", "Asia", "Western Asia", False, "Turkish government"),
        ("BRB", "Barbados", "Bridgetown", "Americas", "Caribbean", False, "Barbadian government"),
        ("NRU", "Nauru", "Yaren", "Oceania", "Micronesia", False, "Nauruan government"),
        ("BDI", "Burundi", "Gitega", "Africa", "Eastern Africa", False, "Burundian government"),
        ("VAT", "Vatican", "Vatican City", "Europe", "Southern Europe", True, "Holy See"),
    ],
)
def test_country_facts(iso3, name, capital, region, subregion, monarchy, government) -> None:
    countries = knowledge.load_countries().set_index("iso3")
    assert countries.loc[iso3, ["name", "capital", "region", "subregion", "government_name"]].tolist() == [
        name,
        capital,
        region,
        subregion,
        government,
    ]
    assert bool(countries.loc[iso3, "monarchy"]) is monarchy


def test_every_country_name_resolves_to_itself() -> None:
    countries = knowledge.load_countries()
    wrong = {
        row.iso3: knowledge.iso3_for_name(row.name)
        for row in countries.itertuples()
        if knowledge.iso3_for_name(row.name) != row.iso3
    }
    assert wrong == {}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the United States", "USA"),
        ("United States", "USA"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("us", None),  # the pronoun: upper-case acronyms are case-sensitive
        ("America", "USA"),
        ("White House", "USA"),
        ("Russian", "RUS"),
        ("Russia's", "RUS"),
        ("the Kremlin", "RUS"),
        ("RUSSIA", "RUS"),  # headline capitals
        ("Saudi", "SAU"),
        ("Saudi Arabian", "SAU"),
        ("Emirati", "ARE"),
        ("UAE", "ARE"),
        ("Filipino", "PHL"),
        ("the Philippines", "PHL"),
        ("Malacanang", "PHL"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d\u2019Ivoire", "CIV"),
        ("Ivorian", "CIV"),
        ("Britain", "GBR"),
        ("U.K.", "GBR"),
        ("Downing Street", "GBR"),
        ("Elysee", "FRA"),
        ("Élysée Palace", "FRA"),
        ("Zhongnanhai", "CHN"),
        ("Kiev", "UKR"),
        ("Kyiv", "UKR"),
        ("Brasilia", "BRA"),
        ("DPRK", "PRK"),
        ("North Korean", "PRK"),
        ("South Korean", "KOR"),
        ("Czechia", "CZE"),
        ("Burma", "MMR"),
        ("Dutch", "NLD"),
        ("Swiss", "CHE"),
        ("Holy See", "VAT"),
        ("Kosovar", "XKX"),
        ("Taiwanese", "TWN"),
        ("Palestinian", "PSE"),
        ("Dominican", "DOM"),
        ("EU", "EUU"),
        ("Congolese", None),  # shared by both Congos
        ("Congo", None),
        ("Brussels", None),  # Belgium's capital and the EU's seat
        ("Erdogan", None),  # a person, not a country
        ("Atlantis", None),
        ("", None),
        ("car", None),
        ("CAR", "CAF"),
    ],
)
def test_iso3_for_name(text, expected) -> None:
    assert knowledge.iso3_for_name(text) == expected


@pytest.mark.parametrize("name", ["Jordan", "Chad", "Georgia", "Washington", "Victoria", "Kingston", "Polish"])
def test_common_words_are_flagged_ambiguous(name) -> None:
    aliases = knowledge.country_aliases()
    assert aliases.loc[aliases["alias"] == name, "ambiguous"].all()
    assert (aliases["alias"] == name).any()


def test_unambiguous_aliases_belong_to_one_country() -> None:
    aliases = knowledge.country_aliases()
    clear = aliases[~aliases["ambiguous"]]
    owners = clear.groupby("key")["iso3"].nunique()
    assert owners.max() == 1
    assert list(aliases.columns) == list(knowledge.ALIAS_DTYPES)


@pytest.mark.parametrize("iso3, expected", [("RUS", "Russia"), ("CIV", "Ivory Coast"), ("EUU", "European Union")])
def test_country_name(iso3, expected) -> None:
    assert knowledge.country_name(iso3) == expected


def test_country_name_unknown() -> None:
    with pytest.raises(UnknownIdError, match="'ZZZ'"):
        knowledge.country_name("ZZZ")


# ---------------------------------------------------------------------------------------------------- blocs


def test_g7_members() -> None:
    assert knowledge.bloc_members("G7", on=D(2024, 1, 1)) == {"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}


@pytest.mark.parametrize(
    "bloc_id, day, size",
    [
        ("EU", D(2024, 1, 1), 27),
        ("EU", D(2019, 1, 1), 28),
        ("EU", D(2020, 2, 1), 27),
        ("EU", D(2013, 6, 30), 27),
        ("NATO", D(2021, 1, 1), 30),
        ("NATO", D(2023, 4, 4), 31),
        ("NATO", D(2024, 6, 1), 32),
        ("BRICS", D(2020, 1, 1), 5),
        ("BRICS", D(2024, 6, 1), 9),
        ("BRICS", D(2025, 6, 1), 10),
        ("ASEAN", D(2025, 1, 1), 10),
        ("ASEAN", D(2025, 10, 26), 11),
        ("AU", D(2016, 1, 1), 53),
        ("AU", D(2024, 1, 1), 54),
        ("ARAB_LEAGUE", D(2015, 1, 1), 21),
        ("ARAB_LEAGUE", D(2024, 1, 1), 22),
        ("G20", D(2020, 11, 8), 20),
        ("G7", D(1970, 1, 1), 0),
    ],
)
def test_bloc_size_on_day(bloc_id, day, size) -> None:
    assert len(knowledge.bloc_members(bloc_id, on=day)) == size


@pytest.mark.parametrize(
    "bloc_id, iso3, day, member",
    [
        ("EU", "GBR", D(2019, 1, 1), True),
        ("EU", "GBR", D(2024, 1, 1), False),
        ("G20", "EUU", D(2024, 1, 1), True),
        ("BRICS", "SAU", D(2025, 6, 1), False),
        ("BRICS", "IDN", D(2025, 1, 6), True),
        ("ARAB_LEAGUE", "SYR", D(2015, 1, 1), False),
        ("ARAB_LEAGUE", "SYR", D(2023, 5, 7), True),
        ("AU", "MAR", D(2016, 12, 31), False),
        ("AU", "MAR", D(2017, 1, 30), True),
        ("NATO", "SWE", D(2024, 3, 6), False),
        ("NATO", "SWE", D(2024, 3, 7), True),
    ],
)
def test_bloc_membership(bloc_id, iso3, day, member) -> None:
    assert (iso3 in knowledge.bloc_members(bloc_id, on=day)) is member


def test_bloc_frame_and_names() -> None:
    blocs = knowledge.load_blocs()
    assert list(blocs.columns) == list(knowledge.BLOC_DTYPES)
    assert str(blocs["joined"].dtype) == "datetime64[us]"
    assert str(blocs["left"].dtype) == "datetime64[us]"
    assert knowledge.bloc_names()["ARAB_LEAGUE"] == "Arab League"
    assert set(knowledge.bloc_names()) == {"G7", "G20", "EU", "NATO", "BRICS", "ASEAN", "AU", "ARAB_LEAGUE"}


def test_unknown_bloc() -> None:
    with pytest.raises(UnknownIdError, match="unknown bloc_id 'OPEC'"):
        knowledge.bloc_members("OPEC", on=D(2020, 1, 1))


# -------------------------------------------------------------------------------------------- organisations


@pytest.mark.parametrize(
    "text, expected",
    [
        ("United Nations", "UN"),
        ("UN Security Council", "UN"),
        ("OHCHR", "UN"),
        ("European Commission", "EU"),
        ("EU foreign policy chief", "EU"),
        ("Nato", "NATO"),
        ("NATO Secretary-General", "NATO"),
        ("ODIHR", "OSCE"),
        ("League of Arab States", "ARAB_LEAGUE"),
        ("Shanghai Cooperation Organization", "SCO"),
        ("who", None),  # the pronoun is not the WHO
        ("WHO", "WHO"),
        ("Brussels", None),  # ambiguous: listed only as such
        ("Council of Europe", "COUNCIL_OF_EUROPE"),
        ("European Council", "EU"),
    ],
)
def test_org_for_name(text, expected) -> None:
    assert knowledge.org_for_name(text) == expected


def test_organizations_frame() -> None:
    orgs = knowledge.load_organizations()
    assert orgs["org_id"].is_unique
    required = {"EU", "UN", "NATO", "AU", "ASEAN", "ARAB_LEAGUE", "G7", "OAS", "OSCE", "GCC", "ECOWAS", "WHO"}
    assert required | {"IAEA", "COUNCIL_OF_EUROPE", "SCO", "CIS", "CSTO"} <= set(orgs["org_id"])
    eu = orgs.set_index("org_id").loc["EU"]
    assert "Brussels" in eu["ambiguous_names"] and "Brussels" not in eu["aliases"]


# ---------------------------------------------------------------------------------------- leaders, people


def test_leaders_and_offices_on(tmp_data: Path) -> None:
    (tmp_data / knowledge.LEADERS_FILE).write_text(LEADERS_OK, encoding="utf-8")
    leaders = knowledge.load_leaders(directory=tmp_data)
    assert list(leaders.columns) == list(knowledge.LEADER_DTYPES)
    assert str(leaders["start"].dtype) == "datetime64[us]"
    assert leaders.loc[0, "aliases"] == ["Trump", "President Trump"]
    on = {
        day: set(knowledge.offices_on(day, directory=tmp_data)["leader_id"])
        for day in (D(2020, 11, 8), D(2021, 1, 20), D(2025, 2, 1), D(2016, 1, 1))
    }
    assert on[D(2020, 11, 8)] == {"donald_trump", "antonio_guterres"}
    assert on[D(2021, 1, 20)] == {"joe_biden", "antonio_guterres"}  # handover day: the successor
    assert on[D(2025, 2, 1)] == {"donald_trump", "antonio_guterres"}
    assert on[D(2016, 1, 1)] == set()
    empty = knowledge.offices_on(D(2016, 1, 1), directory=tmp_data)
    assert list(empty.columns) == list(knowledge.LEADER_DTYPES)


def test_header_only_tables_give_empty_typed_frames(tmp_data: Path) -> None:
    (tmp_data / knowledge.LEADERS_FILE).write_text(LEADERS_HEADER, encoding="utf-8")
    (tmp_data / knowledge.PEOPLE_FILE).write_text(PEOPLE_HEADER, encoding="utf-8")
    leaders = knowledge.load_leaders(directory=tmp_data)
    people = knowledge.load_people(directory=tmp_data)
    assert leaders.empty and people.empty
    assert leaders.dtypes.astype(str).to_dict() == {
        c: ("object" if d == "list" else d) for c, d in knowledge.LEADER_DTYPES.items()
    }
    assert list(people.columns) == list(knowledge.PERSON_DTYPES)


def test_people(tmp_data: Path) -> None:
    (tmp_data / knowledge.PEOPLE_FILE).write_text(PEOPLE_OK, encoding="utf-8")
    people = knowledge.load_people(directory=tmp_data).set_index("person_id")
    assert people.loc["alexei_navalny", "role"] == "opposition"
    assert people.loc["king_charles", "aliases"] == ["Charles", "King Charles"]
    assert people.loc["king_charles", "description"] == ""


@pytest.mark.parametrize("loader", [knowledge.load_leaders, knowledge.load_people])
def test_missing_table_names_the_file(tmp_data: Path, loader) -> None:
    with pytest.raises(FileNotFoundError, match=r"(leaders|people)\.csv not found"):
        loader(directory=tmp_data)


def test_shipped_leaders_and_people_validate() -> None:
    """The leaders/people tables written alongside this module must pass the same validation."""
    present = [f for f in (knowledge.LEADERS_FILE, knowledge.PEOPLE_FILE) if (knowledge.data_dir() / f).exists()]
    if not present:
        pytest.skip("leaders.csv and people.csv are not shipped yet")
    if knowledge.LEADERS_FILE in present:
        assert not knowledge.load_leaders().empty
    if knowledge.PEOPLE_FILE in present:
        assert not knowledge.load_people().empty


# --------------------------------------------------------------------------------------------- failure paths

BAD_LEADER_ROWS = [
    ("x,X,,USA,,president,President,2020-01-01,", "office 'president' is not one of"),
    ("x,X,,ZZZ,,head_of_state,President,2020-01-01,", "country_iso3 'ZZZ' is not in countries.csv"),
    ("x,X,,,NOPE,organization_head,Head,2020-01-01,", "org_id 'NOPE' is not in organizations.csv"),
    ("x,X,,USA,,head_of_state,President,2020-02-30,", "start '2020-02-30' is not a date"),
    ("x,X,,USA,,head_of_state,President,2020-01-01,2019-01-01", "end 2019-01-01 is before start"),
    ("x,X,,USA,,head_of_state,President,,", "start is empty"),
    ("x,X,,,,head_of_state,President,2020-01-01,", "country_iso3 and org_id are both empty"),
    ("x,X,,USA,,organization_head,Head,2020-01-01,", "organization_head needs an org_id"),
    ("joe_biden,Joseph Biden,,USA,,head_of_state,President,2030-01-01,", "is named 'Joe Biden' elsewhere"),
    ("joe_biden,Joe Biden,,USA,,head_of_state,President,2021-01-20,", "repeats row 2"),
    ("x,X,,USA,,head_of_state,President,2020-01-01", "has 8 fields; expected 9"),
]


@pytest.mark.parametrize("line, reason", BAD_LEADER_ROWS)
def test_bad_leader_row(tmp_data: Path, line: str, reason: str) -> None:
    path = tmp_data / knowledge.LEADERS_FILE
    path.write_text(LEADERS_OK + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"leaders\.csv, row 5 \(line 6\): ") as caught:
        knowledge.load_leaders(directory=tmp_data)
    assert reason in str(caught.value)
    assert isinstance(caught.value, TableError) and caught.value.row == 5


@pytest.mark.parametrize(
    "line, reason",
    [
        ("x,X,,RUS,dissident,", "role 'dissident' is not one of"),
        ("alexei_navalny,Alexei Navalny,,RUS,opposition,", "person_id 'alexei_navalny' repeats row 1"),
        ("x,,,RUS,other,", "name is empty"),
        ("x,X,,SUN,other,", "country_iso3 'SUN' is not in countries.csv"),
    ],
)
def test_bad_person_row(tmp_data: Path, line: str, reason: str) -> None:
    (tmp_data / knowledge.PEOPLE_FILE).write_text(PEOPLE_OK + line + "\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"people\.csv, row 3") as caught:
        knowledge.load_people(directory=tmp_data)
    assert reason in str(caught.value)


@pytest.mark.parametrize(
    "prefix, old, new, reason",
    [
        ("FRA,", "FRA,France,", "DEU,France,", "iso3 'DEU' repeats row"),
        ("FRA,", "FRA,France,", "Fr,France,", "iso3 'Fr' is not three capital letters"),
        ("FRA,", ",Europe,Western Europe,no,member", ",Eurasia,Western Europe,no,member", "region 'Eurasia'"),
        ("FRA,", ",Europe,Western Europe,no,member", ",Europe,Western Asia,no,member", "not a UN M49 subregion"),
        ("FRA,", ",Europe,Western Europe,no,member", ",Europe,Western Europe,maybe,member", "monarchy 'maybe'"),
        ("FRA,", ",Europe,Western Europe,no,member", ",Europe,Western Europe,no,friend", "un_status 'friend'"),
        ("FRA,", ",Europe,Western Europe,no,member", ",Europe,Western Europe,no,member,extra", "has 14 fields"),
        ("FRA,", "French government,Paris", "French government,Lyon", "capital 'Lyon' is not among"),
        ("ZWE,", ",Harare,", ",Harare|Kremlin,", "name 'Kremlin' also belongs to RUS (row 149)"),
        ("FRA,", "|Matignon,,French government", "|Matignon,Gaul,French government", "'Gaul' is not one of"),
        ("ZWE,", "Zimbabwean,", "Zimbabwean|French,", "name 'French' also belongs to FRA (row "),
        ("ZWE,", ",Zimbabwean government,", ",,", "government_name is empty"),
    ],
)
def test_bad_countries_table(tmp_data: Path, prefix: str, old: str, new: str, reason: str) -> None:
    path = tmp_data / knowledge.COUNTRIES_FILE
    row = _row_of(path, prefix)
    _replace(path, old, new, line_prefix=prefix)
    with pytest.raises(TableError, match=rf"countries\.csv, row {row} ") as caught:
        knowledge.load_countries(directory=tmp_data)
    assert reason in str(caught.value)


@pytest.mark.parametrize(
    "line, reason",
    [
        ("G7,Group of Seven,ZZZ,2000-01-01,", "iso3 'ZZZ' is not in countries.csv"),
        ("G7,Group of Seven,AUS,01/02/2000,", "joined '01/02/2000' is not a date"),
        ("G7,Group of Seven,AUS,2000-01-01,1999-01-01", "is not after joined"),
        ("G7,Group of Eight,AUS,2000-01-01,", "bloc_name 'Group of Eight' differs"),
        ("G7,Group of Seven,USA,2000-01-01,", "USA in G7 overlaps row"),
        ("g7,Group of Seven,AUS,2000-01-01,", "bloc_id 'g7' is not an upper-case id"),
    ],
)
def test_bad_blocs_table(tmp_data: Path, line: str, reason: str) -> None:
    path = tmp_data / knowledge.BLOCS_FILE
    _append(path, line)
    rows = len(path.read_text(encoding="utf-8").splitlines()) - 1
    with pytest.raises(TableError, match=rf"blocs\.csv, row {rows} ") as caught:
        knowledge.load_blocs(directory=tmp_data)
    assert reason in str(caught.value)


@pytest.mark.parametrize(
    "line, reason",
    [
        ("UN,Another UN,,,,", "org_id 'UN' repeats row"),
        ("NEW,New Body,,,,UN Security Council", "name 'UN Security Council' also belongs to UN"),
        ("NEW,,,,,", "name is empty"),
    ],
)
def test_bad_organizations_table(tmp_data: Path, line: str, reason: str) -> None:
    path = tmp_data / knowledge.ORGANIZATIONS_FILE
    _append(path, line)
    with pytest.raises(TableError, match=r"organizations\.csv, row \d+ ") as caught:
        knowledge.load_organizations(directory=tmp_data)
    assert reason in str(caught.value)


def test_wrong_header(tmp_data: Path) -> None:
    path = tmp_data / knowledge.BLOCS_FILE
    _replace(path, "bloc_id,bloc_name,iso3,joined,left", "bloc,bloc_name,iso3,joined,left")
    with pytest.raises(TableError, match=r"blocs\.csv, header: columns are bloc,bloc_name"):
        knowledge.load_blocs(directory=tmp_data)


def test_bad_table_is_not_cached_as_good(tmp_data: Path) -> None:
    path = tmp_data / knowledge.BLOCS_FILE
    _append(path, "G7,Group of Seven,ZZZ,2000-01-01,")
    with pytest.raises(TableError):
        knowledge.load_blocs(directory=tmp_data)
    _replace(path, "G7,Group of Seven,ZZZ,2000-01-01,", "G7,Group of Seven,AUS,2000-01-01,")
    assert "AUS" in knowledge.bloc_members("G7", on=D(2001, 1, 1), directory=tmp_data)

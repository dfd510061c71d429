"""Consolidation across articles and country status by day (pipeline/consolidate.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pandas as pd
import pytest

from pipeline.consolidate import (
    TIE_PRECEDENCE,
    consolidate_reactions,
    country_status_by_day,
    first_reactions,
    status_as_of,
)
from pipeline.records import (
    CONSOLIDATED_DTYPES,
    EVIDENCE_KEYS,
    FIRST_REACTION_DTYPES,
    NO_REACTION_FOUND,
    REACTION_DTYPES,
    STANCES,
    STATUS_DTYPES,
    Reaction,
    empty_reactions,
    reactions_frame,
)

EVENT = "us-2020-election"
EVENT_DATE = dt.date(2020, 11, 7)
COUNTRIES = ["RUS", "GBR", "BRA", "FRA"]
D = dt.date


def reaction(**overrides) -> Reaction:
    """A reaction with neutral defaults; tests name only what matters to them."""
    base = dict(
        article_id="a0",
        event_id=EVENT,
        event_match="metadata",
        actor="Someone",
        actor_id="someone",
        actor_type="head_of_state",
        country_iso3="RUS",
        official=True,
        stance="silent",
        reaction_date=None,
        date_precision="",
        quote="",
        sentence="A sentence.",
        start_char=0,
        end_char=11,
        source="Source",
        url="https://example.com/a",
        published=None,
    )
    base.update(overrides)
    if base["reaction_date"] is not None and not base["date_precision"]:
        base["date_precision"] = "day"
    return Reaction(**base)


def putin(**overrides) -> Reaction:
    return reaction(actor="Vladimir Putin", actor_id="Q7747", **overrides)


# The worked example: the 2020 US election as the articles of the time told it.
EXAMPLE = [
    putin(article_id="ru1", stance="silent", published=D(2020, 11, 9), source="Reuters"),
    reaction(
        article_id="ru2",
        actor="Kremlin",
        actor_id="kremlin",
        actor_type="government",
        stance="withheld",
        reaction_date=D(2020, 11, 9),
        published=D(2020, 11, 10),
        source="TASS",
    ),
    putin(article_id="ru3", stance="congratulated", reaction_date=D(2020, 12, 15), published=D(2020, 12, 15),
          source="BBC News"),
    putin(article_id="ru4", stance="congratulated", reaction_date=D(2020, 12, 15), published=D(2020, 12, 16),
          quote="I wish you every success", source="AP"),
    putin(article_id="ru4", stance="congratulated", reaction_date=D(2020, 12, 15), published=D(2020, 12, 16),
          quote="I wish you every success", source="AP"),  # an exact duplicate counts once
    reaction(
        article_id="ru5",
        actor="Alexei Navalny",
        actor_id="Q298532",
        actor_type="opposition",
        official=False,
        stance="congratulated",
        reaction_date=D(2020, 11, 7),
        published=D(2020, 11, 8),
    ),
    reaction(
        article_id="gb1",
        actor="Boris Johnson",
        actor_id="Q180589",
        actor_type="head_of_government",
        country_iso3="GBR",
        stance="congratulated",
        published=D(2020, 11, 9),
        quote="Congratulations to Joe Biden",
    ),
    reaction(
        article_id="br1",
        actor="Jair Bolsonaro",
        actor_id="Q10304982",
        country_iso3="BRA",
        stance="critical",
        reaction_date=D(2020, 11, 10),
        published=D(2020, 11, 10),
    ),
    reaction(
        article_id="br2",
        actor="Itamaraty",
        actor_id="itamaraty",
        actor_type="government",
        country_iso3="BRA",
        stance="congratulated",
        reaction_date=D(2020, 11, 10),
        published=D(2020, 11, 11),
    ),
    reaction(
        article_id="un1",
        actor="António Guterres",
        actor_id="Q311440",
        actor_type="organization",
        country_iso3="",
        stance="congratulated",
        reaction_date=D(2020, 11, 8),
        published=D(2020, 11, 8),
    ),
]


@pytest.fixture(scope="module")
def consolidated() -> pd.DataFrame:
    return consolidate_reactions(reactions_frame(EXAMPLE))


@pytest.fixture(scope="module")
def by_day(consolidated) -> pd.DataFrame:
    return country_status_by_day(consolidated, event_id=EVENT, event_date=EVENT_DATE, countries=COUNTRIES)


def row_of(frame: pd.DataFrame, **where) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    assert mask.sum() == 1, f"expected one row for {where}, found {mask.sum()}"
    return frame[mask].iloc[0]


# --- consolidate_reactions --------------------------------------------------------------------------------------


def test_consolidated_has_one_row_per_actor_and_stance(consolidated):
    assert list(consolidated.columns) == list(CONSOLIDATED_DTYPES)
    assert {k: str(v) for k, v in consolidated.dtypes.items()} == CONSOLIDATED_DTYPES
    keys = list(zip(consolidated["actor_id"], consolidated["stance"]))
    assert len(keys) == len(set(keys)) == 8


@pytest.mark.parametrize(
    "actor_id, stance, expected",
    [
        # silent without a date: first_date is the published date here (the event date is unknown)
        ("Q7747", "silent", dict(first_date=pd.Timestamp("2020-11-09"), first_reported=pd.Timestamp("2020-11-09"),
                                 date_reported=False, n_reports=1, n_articles=1, quote="", sources=["Reuters"])),
        ("kremlin", "withheld", dict(first_date=pd.Timestamp("2020-11-09"), first_reported=pd.Timestamp("2020-11-10"),
                                     date_reported=True, n_reports=1, n_articles=1, sources=["TASS"])),
        # two articles; the first by date has no quote, so the quote comes from the second; duplicate dropped
        ("Q7747", "congratulated", dict(first_date=pd.Timestamp("2020-12-15"),
                                        first_reported=pd.Timestamp("2020-12-15"), date_reported=True,
                                        n_reports=2, n_articles=2, quote="I wish you every success",
                                        sources=["AP", "BBC News"], country_iso3="RUS", official=True,
                                        actor="Vladimir Putin", actor_type="head_of_state")),
        ("Q298532", "congratulated", dict(official=False, actor_type="opposition")),
        ("Q311440", "congratulated", dict(country_iso3="", actor_type="organization")),
    ],
)
def test_consolidated_row(consolidated, actor_id, stance, expected):
    row = row_of(consolidated, actor_id=actor_id, stance=stance)
    assert {key: row[key] for key in expected} == expected


def test_evidence_lists_each_report_earliest_first(consolidated):
    row = row_of(consolidated, actor_id="Q7747", stance="congratulated")
    assert [tuple(item) for item in row["evidence"]] == [EVIDENCE_KEYS, EVIDENCE_KEYS]
    assert [(item["article_id"], item["reaction_date"], item["published"]) for item in row["evidence"]] == [
        ("ru3", "2020-12-15", "2020-12-15"),
        ("ru4", "2020-12-15", "2020-12-16"),
    ]
    silent = row_of(consolidated, actor_id="Q7747", stance="silent")
    assert silent["evidence"][0]["reaction_date"] == ""


@pytest.mark.parametrize(
    "names, expected_actor",
    [
        (["Putin", "Vladimir Putin", "Vladimir Putin"], "Vladimir Putin"),  # the most frequent name
        (["Vladimir Putin", "Putin"], "Vladimir Putin"),  # a tie goes to the earliest report
    ],
)
def test_actor_name_is_the_most_common(names, expected_actor):
    rows = [putin(article_id=f"a{i}", published=D(2020, 11, 9 + i)) for i in range(len(names))]
    rows = [dataclasses.replace(row, actor=name) for row, name in zip(rows, names)]
    out = consolidate_reactions(reactions_frame(rows))
    assert out["actor"].tolist() == [expected_actor]


def test_actors_without_id_are_grouped_by_name():
    rows = [
        reaction(article_id="a1", actor="Foreign Ministry", actor_id=""),
        reaction(article_id="a2", actor="Foreign Ministry", actor_id=""),
        reaction(article_id="a3", actor="Defence Ministry", actor_id=""),
    ]
    out = consolidate_reactions(reactions_frame(rows))
    assert sorted(zip(out["actor"], out["n_reports"])) == [("Defence Ministry", 1), ("Foreign Ministry", 2)]


def test_empty_reactions_give_an_empty_consolidated_table():
    out = consolidate_reactions(empty_reactions())
    assert out.empty and {k: str(v) for k, v in out.dtypes.items()} == CONSOLIDATED_DTYPES


def test_missing_columns_are_an_error():
    with pytest.raises(ValueError, match="reactions table lacks columns: .*stance"):
        consolidate_reactions(reactions_frame(EXAMPLE).drop(columns=["stance"]))


# --- country status: the worked example -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "country, day, stance, actor_id, since, conflicting",
    [
        ("RUS", D(2020, 11, 7), "silent", "Q7747", D(2020, 11, 7), False),  # silent since the event, reported 11-09
        ("RUS", D(2020, 11, 8), "silent", "Q7747", D(2020, 11, 7), False),
        ("RUS", D(2020, 11, 9), "withheld", "kremlin", D(2020, 11, 9), False),  # the later dated report wins
        ("RUS", D(2020, 11, 10), "withheld", "kremlin", D(2020, 11, 9), False),
        ("RUS", D(2020, 12, 14), "withheld", "kremlin", D(2020, 11, 9), False),
        ("RUS", D(2020, 12, 15), "congratulated", "Q7747", D(2020, 12, 15), False),
        ("RUS", D(2020, 12, 22), "congratulated", "Q7747", D(2020, 12, 15), False),
        ("GBR", D(2020, 11, 8), NO_REACTION_FOUND, "", None, False),  # undated: effective from publication
        ("GBR", D(2020, 11, 9), "congratulated", "Q180589", D(2020, 11, 9), False),
        ("BRA", D(2020, 11, 9), NO_REACTION_FOUND, "", None, False),
        ("BRA", D(2020, 11, 10), "congratulated", "itamaraty", D(2020, 11, 10), True),  # same-day contradiction
        ("BRA", D(2020, 11, 30), "congratulated", "itamaraty", D(2020, 11, 10), True),
        ("FRA", D(2020, 11, 7), NO_REACTION_FOUND, "", None, False),
        ("FRA", D(2020, 12, 22), NO_REACTION_FOUND, "", None, False),
    ],
)
def test_country_status_by_day(by_day, country, day, stance, actor_id, since, conflicting):
    row = row_of(by_day, country_iso3=country, day=pd.Timestamp(day))
    assert (row["stance"], row["actor_id"], row["conflicting"]) == (stance, actor_id, conflicting)
    assert (pd.isna(row["since"]) if since is None else row["since"] == pd.Timestamp(since))
    assert row["days_since_event"] == (day - EVENT_DATE).days


def test_status_frame_shape(by_day):
    assert {k: str(v) for k, v in by_day.dtypes.items()} == STATUS_DTYPES
    # default end: latest evidence date (2020-12-16) + 7 days; only the countries asked for, organisations never
    assert by_day["day"].min() == pd.Timestamp("2020-11-07")
    assert by_day["day"].max() == pd.Timestamp("2020-12-23")
    assert sorted(by_day["country_iso3"].unique()) == sorted(COUNTRIES)
    assert len(by_day) == len(COUNTRIES) * 47
    assert set(by_day["stance"]) <= set(STANCES) | {NO_REACTION_FOUND}


@pytest.mark.parametrize(
    "day, n_reports, evidence_count",
    [
        (D(2020, 11, 8), 1, 1),  # Putin silent
        (D(2020, 11, 9), 1, 2),  # Kremlin withheld, plus the silence
        (D(2020, 12, 15), 2, 4),  # Putin congratulated in two articles
    ],
)
def test_report_counts(by_day, day, n_reports, evidence_count):
    row = row_of(by_day, country_iso3="RUS", day=pd.Timestamp(day))
    assert (row["n_reports"], row["evidence_count"]) == (n_reports, evidence_count)


@pytest.mark.parametrize(
    "day, include_unofficial, stance, actor_id, conflicting",
    [
        (D(2020, 11, 7), False, "silent", "Q7747", False),
        # Navalny (not official) only counts when asked; his dated congratulation beats the silence that day
        (D(2020, 11, 7), True, "congratulated", "Q298532", True),
        (D(2020, 11, 9), True, "withheld", "kremlin", False),
    ],
)
def test_unofficial_actors_set_status_only_when_asked(consolidated, day, include_unofficial, stance, actor_id,
                                                       conflicting):
    out = status_as_of(consolidated, event_id=EVENT, event_date=EVENT_DATE, day=day, countries=["RUS"],
                       include_unofficial=include_unofficial)
    assert out[["stance", "actor_id", "conflicting"]].values.tolist() == [[stance, actor_id, conflicting]]


@pytest.mark.parametrize("day", [D(2020, 11, 7), D(2020, 11, 9), D(2020, 11, 10), D(2020, 12, 15)])
def test_status_as_of_is_one_day_of_status_by_day(consolidated, by_day, day):
    one = status_as_of(consolidated, event_id=EVENT, event_date=EVENT_DATE, day=day, countries=COUNTRIES)
    expected = by_day[by_day["day"] == pd.Timestamp(day)].sort_values("country_iso3").reset_index(drop=True)
    pd.testing.assert_frame_equal(one.sort_values("country_iso3").reset_index(drop=True), expected)


def test_unknown_event_is_no_reaction_found_everywhere(consolidated):
    out = country_status_by_day(consolidated, event_id="no-such-event", event_date=EVENT_DATE, countries=COUNTRIES,
                                end_date=D(2020, 11, 10))
    assert len(out) == len(COUNTRIES) * 4
    assert set(out["stance"]) == {NO_REACTION_FOUND}
    assert out["since"].isna().all() and (out["evidence_count"] == 0).all()


@pytest.mark.parametrize("frame", [pd.DataFrame(), None], ids=["no-columns", "empty-schema"])
def test_empty_input_gives_empty_status_frames(frame):
    consolidated = consolidate_reactions(empty_reactions()) if frame is None else frame.reindex(
        columns=list(CONSOLIDATED_DTYPES))
    by_day = country_status_by_day(consolidated, event_id=EVENT, event_date=EVENT_DATE, countries=[])
    assert by_day.empty and {k: str(v) for k, v in by_day.dtypes.items()} == STATUS_DTYPES
    firsts = first_reactions(consolidated, event_id=EVENT, event_date=EVENT_DATE, countries=[])
    assert firsts.empty and {k: str(v) for k, v in firsts.dtypes.items()} == FIRST_REACTION_DTYPES
    nothing = status_as_of(consolidated, event_id=EVENT, event_date=EVENT_DATE, day=EVENT_DATE, countries=["FRA"])
    assert nothing["stance"].tolist() == [NO_REACTION_FOUND]


def test_end_date_before_event_date_is_an_error(consolidated):
    with pytest.raises(ValueError, match="before event_date"):
        country_status_by_day(consolidated, event_id=EVENT, event_date=EVENT_DATE, countries=COUNTRIES,
                              end_date=D(2020, 11, 6))


# --- country status: the rules one at a time ------------------------------------------------------------------


def status_of(rows: list[Reaction], day: dt.date) -> pd.Series:
    out = status_as_of(consolidate_reactions(reactions_frame(rows)), event_id=EVENT, event_date=EVENT_DATE, day=day,
                       countries=["RUS"])
    return out.iloc[0]


@pytest.mark.parametrize("higher, lower", list(itertools.combinations(TIE_PRECEDENCE, 2)))
def test_same_day_tie_goes_to_precedence(higher, lower):
    rows = [
        reaction(article_id="a1", actor_id="x", stance=lower, reaction_date=D(2020, 11, 8)),
        reaction(article_id="a2", actor_id="y", stance=higher, reaction_date=D(2020, 11, 8)),
    ]
    status = status_of(rows, D(2020, 11, 8))
    assert (status["stance"], status["conflicting"]) == (higher, True)


@pytest.mark.parametrize(
    "rows, day, stance, since",
    [
        # a late article still reporting silence takes effect at the event, so it cannot undo a later reaction
        ([putin(article_id="a1", stance="congratulated", reaction_date=D(2020, 12, 15)),
          putin(article_id="a2", stance="silent", published=D(2020, 12, 20))], D(2020, 12, 20), "congratulated",
         D(2020, 12, 15)),
        # a dated report of silence takes effect on its date and can follow a reaction
        ([putin(article_id="a1", stance="critical", reaction_date=D(2020, 11, 8)),
          putin(article_id="a2", stance="silent", reaction_date=D(2020, 11, 20))], D(2020, 11, 21), "silent",
         D(2020, 11, 20)),
        # silence with no date at all is still silence since the event
        ([putin(article_id="a1", stance="silent")], D(2020, 11, 7), "silent", D(2020, 11, 7)),
        # any other report with no date at all cannot be placed in time
        ([putin(article_id="a1", stance="congratulated")], D(2020, 12, 31), NO_REACTION_FOUND, None),
        # the same stance from another actor keeps the date it first took effect
        ([reaction(article_id="a1", actor_id="kremlin", stance="withheld", reaction_date=D(2020, 11, 9)),
          putin(article_id="a2", stance="withheld", reaction_date=D(2020, 11, 12))], D(2020, 11, 13), "withheld",
         D(2020, 11, 9)),
        # a report effective after the day does not count yet
        ([putin(article_id="a1", stance="congratulated", reaction_date=D(2020, 11, 9))], D(2020, 11, 8),
         NO_REACTION_FOUND, None),
    ],
)
def test_status_rules(rows, day, stance, since):
    status = status_of(rows, day)
    assert status["stance"] == stance
    assert (pd.isna(status["since"]) if since is None else status["since"] == pd.Timestamp(since))


# --- first_reactions ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "country, first, stance, actor_id, days, changes",
    [
        ("RUS", D(2020, 12, 15), "congratulated", "Q7747", 38,
         [("2020-11-07", "silent"), ("2020-11-09", "withheld"), ("2020-12-15", "congratulated")]),
        ("GBR", D(2020, 11, 9), "congratulated", "Q180589", 2, [("2020-11-09", "congratulated")]),
        ("BRA", D(2020, 11, 10), "congratulated", "itamaraty", 3, [("2020-11-10", "congratulated")]),
        ("FRA", None, "", "", None, []),
    ],
)
def test_first_reactions(consolidated, country, first, stance, actor_id, days, changes):
    out = first_reactions(consolidated, event_id=EVENT, event_date=EVENT_DATE, countries=COUNTRIES)
    assert {k: str(v) for k, v in out.dtypes.items()} == FIRST_REACTION_DTYPES
    row = row_of(out, country_iso3=country)
    assert (row["stance"], row["actor_id"]) == (stance, actor_id)
    if first is None:
        assert pd.isna(row["first_reaction"]) and pd.isna(row["days_to_react"])
    else:
        assert (row["first_reaction"], row["days_to_react"]) == (pd.Timestamp(first), days)
    assert [(change["date"], change["stance"]) for change in row["changes"]] == changes


def test_first_reaction_of_an_unofficial_actor_only_when_asked(consolidated):
    out = first_reactions(consolidated, event_id=EVENT, event_date=EVENT_DATE, countries=["RUS"],
                          include_unofficial=True)
    assert out[["actor_id", "days_to_react"]].values.tolist() == [["Q298532", 0]]


def test_reaction_schema_is_unchanged():
    # the refactor onto the generic helpers keeps the reactions table exactly as it was
    frame = reactions_frame(EXAMPLE[:2])
    assert {k: str(v) for k, v in frame.dtypes.items()} == REACTION_DTYPES
    assert frame["reaction_date"].isna().tolist() == [True, False]


@pytest.mark.parametrize(
    "dated, day, n_reports",
    [
        # an undated report of an undated article takes effect with its row's first article...
        (dict(published=D(2020, 11, 10)), D(2020, 11, 10), 2),
        # ...or, when no article of the row has a date, with the row's first reaction date
        (dict(reaction_date=D(2020, 11, 8)), D(2020, 11, 8), 2),
        (dict(reaction_date=D(2020, 11, 8)), D(2020, 11, 7), 0),
    ],
)
def test_report_without_any_date_falls_back_to_its_row(dated, day, n_reports):
    rows = [putin(article_id="a1", stance="congratulated", **dated), putin(article_id="a2", stance="congratulated")]
    assert status_of(rows, day)["n_reports"] == n_reports

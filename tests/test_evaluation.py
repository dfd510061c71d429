"""The evaluation gate: extraction figures stay at or above the floors pinned in tests/eval_floors.yaml."""

from __future__ import annotations

import pytest

from pipeline import evaluate


@pytest.fixture(scope="module")
def results():
    return evaluate.evaluate_all(corpora=("seed", "samples", "holdout"))


def test_figures_hold_their_floors(results):
    assert evaluate.check_floors(results) == []


def test_report_names_every_figure(results):
    report = evaluate.format_report(results)
    for phrase in ("actor level", "country level", "decoys reported", "quotes right", "dates right", "kind "):
        assert phrase in report


@pytest.mark.parametrize(
    "gold, predicted, expected",
    [
        ({1, 2, 3}, {1, 2, 3}, (1.0, 1.0, 1.0)),
        ({1, 2, 3, 4}, {1, 2}, (1.0, 0.5, 2 / 3)),
        ({1, 2}, {1, 2, 3, 4}, (0.5, 1.0, 2 / 3)),
        ({1}, {2}, (0.0, 0.0, 0.0)),
        (set(), set(), (1.0, 1.0, 1.0)),
    ],
)
def test_prf(gold, predicted, expected):
    score = evaluate.prf(gold, predicted)
    assert (score.precision, score.recall, score.f1) == pytest.approx(expected)


def test_a_floor_above_the_figure_fails(results):
    floors = {results[0].name: {"actor_f1": 1.01, "decoys_reported": -1}}
    failures = evaluate.check_floors(results, floors=floors)
    assert len(failures) == 2


@pytest.mark.parametrize(
    "gold, predicted, agree",
    [
        # governments and royal families by their country
        (("Kremlin", "RUS", "government"), ("Kremlin", "gov:RUS", "RUS"), True),
        (("Chinese government", "CHN", "government"), ("Chinese government", "gov:CHN", "CHN"), True),
        (("Chinese government", "CHN", "government"), ("Wang Wenbin", "person:wang-wenbin", "CHN"), False),
        (("Saudi royal family", "SAU", "royal"), ("Saudi royal family", "royal:SAU", "SAU"), True),
        (("Japanese government", "JPN", "government"), ("Chinese government", "gov:CHN", "CHN"), False),
        # people by name, spelling variants allowed, countries must not disagree
        (("Recep Tayyip Erdoğan", "TUR", "head_of_state"), ("Recep Tayyip Erdogan", "person:x", "TUR"), True),
        (("Volodymyr Zelenskyy", "UKR", "head_of_state"), ("Volodymyr Zelensky", "person:x", "UKR"), True),
        (("Luiz Inácio Lula da Silva", "BRA", "head_of_state"), ("Lula", "person:x", "BRA"), True),
        (("Sheikh Tamim bin Hamad Al Thani", "QAT", "head_of_state"), ("Tamim bin Hamad Al Thani", "person:x", "QAT"), True),
        (("Boris Johnson", "GBR", "head_of_government"), ("Lyndon Johnson", "person:x", "USA"), False),
        (("Boris Johnson", "GBR", "head_of_government"), ("Boris Johnson", "person:x", "USA"), False),
        (("Kim Jong Un", "PRK", "head_of_state"), ("Kim Yo Jong", "person:x", "PRK"), False),
        # organisations by name or acronym
        (("European Union", "EUU", "organization"), ("European Union", "org:EU", "EUU"), True),
        (("G7", "", "organization"), ("Group of Seven", "org:G7", ""), True),
        (("ECOWAS", "", "organization"), ("Economic Community of West African States", "org:ECOWAS", ""), True),
        (("African Union", "", "organization"), ("United Nations", "org:UN", ""), False),
        (("António Guterres", "", "organization"), ("United Nations", "org:UN", ""), False),
    ],
)
def test_actors_agree_without_the_gazetteer(gold, predicted, agree):
    gold_row = dict(zip(("actor", "country_iso3", "actor_type"), gold))
    predicted_row = dict(zip(("actor", "actor_id", "country_iso3"), predicted))
    assert evaluate.actors_agree(gold_row, predicted_row) is agree


def test_matching_is_one_to_one_and_by_stance():
    import pandas as pd

    gold = pd.DataFrame([
        {"article_id": "a", "actor": "Kremlin", "country_iso3": "RUS", "actor_type": "government", "stance": "withheld"},
        {"article_id": "a", "actor": "Vladimir Putin", "country_iso3": "RUS", "actor_type": "head_of_state",
         "stance": "silent"},
    ])
    predicted = pd.DataFrame([
        {"article_id": "a", "actor": "Kremlin", "actor_id": "gov:RUS", "country_iso3": "RUS", "stance": "withheld"},
        {"article_id": "a", "actor": "Vladimir Putin", "actor_id": "person:vladimir-putin", "country_iso3": "RUS",
         "stance": "withheld"},
        {"article_id": "b", "actor": "Vladimir Putin", "actor_id": "person:vladimir-putin", "country_iso3": "RUS",
         "stance": "silent"},
    ])
    assert evaluate.match_rows(gold, predicted) == [(0, 0)]


def test_real_test_errors_are_never_printed():
    scores = evaluate.Scores(
        name="real-test", n_articles=1, actor=evaluate.PRF(1, 1, 1), country=evaluate.PRF(1, 1, 1), by_event={},
        by_kind={}, by_stance={}, decoys_reported=["x: A: secret decoy"], n_decoys=1, quotes=(0, 0), dates=(0, 0),
        dates_spurious=0, missed=["x | A | critical"], spurious=["x | B | neutral"],
    )
    report = evaluate.format_report([scores], details=True)
    assert "actor level" in report and "decoys reported: 1 of 1" in report
    assert "secret decoy" not in report and "missed:" not in report and "spurious:" not in report


def test_real_corpus_absent_is_said_plainly(tmp_path, monkeypatch, capsys):
    """Where the real texts are not on the machine (CI), --real scores nothing of them and says how many are absent."""
    from pipeline import __main__ as cli
    from pipeline import real_reporting

    monkeypatch.setattr(real_reporting, "TEXTS_DIR", tmp_path)
    counts = evaluate.real_absent()
    assert counts["dev"] > 0 and counts["test"] > 0
    assert cli.main(["--quiet", "evaluate", "--corpus", "real-dev", "--corpus", "real-test"]) == 0
    out = capsys.readouterr().out
    assert f"real-dev: not scored — none of its {counts['dev']} texts is on this machine" in out
    assert f"real-test: not scored — none of its {counts['test']} texts is on this machine" in out


def test_the_real_split_is_a_fixed_function_of_the_address():
    from pipeline import real_reporting

    rows = real_reporting.load_manifest()
    assert rows and all(row.split == real_reporting.split_of(row.url) for row in rows)
    assert {row.split for row in rows} == {"dev", "test"}


@pytest.mark.slow
def test_real_dev_holds_its_floors_where_present():
    scores = evaluate.evaluate_all(corpora=("real-dev",))
    if not scores:
        pytest.skip("the real-reporting texts are not on this machine (tests/real/README.md says how to get them)")
    assert evaluate.check_floors(scores) == []

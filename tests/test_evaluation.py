"""The evaluation gate: extraction figures stay at or above the floors pinned in tests/eval_floors.yaml."""

from __future__ import annotations

import pytest

from pipeline import evaluate


@pytest.fixture(scope="module")
def results():
    return evaluate.evaluate_all()


def test_figures_hold_their_floors(results):
    assert evaluate.check_floors(results) == []


def test_report_names_every_figure(results):
    report = evaluate.format_report(results)
    for phrase in ("actor level", "country level", "decoys reported", "quote accuracy", "date accuracy"):
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
    "actor, country, actor_type, expected",
    [
        ("Kremlin", "RUS", "government", "gov:RUS"),
        ("Chinese government", "CHN", "government", "gov:CHN"),
        ("Saudi royal family", "SAU", "royal", "royal:SAU"),
        ("Recep Tayyip Erdogan", "TUR", "head_of_state", "person:recep-tayyip-erdogan"),
        ("European Union", "EUU", "organization", "org:EU"),
        ("Janez Janša", "SVN", "head_of_government", "person:janez-jansa"),
    ],
)
def test_gold_names_resolve_like_the_pipeline(actor, country, actor_type, expected):
    import pandas as pd

    row = pd.Series({"actor": actor, "country_iso3": country, "actor_type": actor_type})
    assert evaluate.gold_key(row) == expected

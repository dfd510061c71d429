"""The command line: output formats, skipped files with reasons, exit codes, help, the store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import records, store
from pipeline.__main__ import build_parser

REPO = Path(__file__).resolve().parents[1]
ARTICLE = """---
id: cli-case
title: Leaders react
source: Test Wire
published: 2020-11-09
event: us-2020-election
---

French President Emmanuel Macron congratulated Joe Biden on Sunday. "We have a lot to do together," Macron wrote.
Russian President Vladimir Putin has not yet congratulated Biden, and the Kremlin said it would wait for the official results.
"""


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "good.md").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "german.txt").write_text(
        "Der französische Präsident gratulierte dem Wahlsieger am Sonntag und sprach von einem wichtigen Tag "
        "für die transatlantischen Beziehungen. Die Regierung in Berlin kündigte an, eng mit der neuen "
        "Regierung in Washington zusammenarbeiten zu wollen, und lobte die hohe Wahlbeteiligung.",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_extract_writes_each_format(corpus, tmp_path, suffix):
    output = tmp_path / f"out{suffix}"
    result = run("extract", str(corpus), "--output", str(output))
    assert result.returncode == 0, result.stderr
    if suffix == ".csv":
        frame = pd.read_csv(output)
    elif suffix == ".parquet":
        frame = pd.read_parquet(output)
    else:
        frame = pd.DataFrame([json.loads(line) for line in output.read_text().splitlines()])
    assert list(frame.columns) == list(records.REACTION_COLUMNS)
    assert {("Emmanuel Macron", "congratulated"), ("Vladimir Putin", "silent"), ("Kremlin", "withheld")} <= set(
        zip(frame["actor"], frame["stance"])
    )


def test_extract_reports_skipped_files_and_goes_on(corpus):
    result = run("extract", str(corpus))
    assert result.returncode == 0
    assert "empty.txt" in result.stderr and "german.txt" in result.stderr
    assert "not English (detected: de)" in result.stderr
    assert "Emmanuel Macron" in result.stdout


def test_extract_exits_nonzero_when_nothing_is_read(corpus):
    result = run("extract", str(corpus / "empty.txt"))
    assert result.returncode == 1
    assert "no article could be read" in result.stderr


def test_unknown_event_is_skipped_with_its_id(corpus, tmp_path):
    path = tmp_path / "x.md"
    path.write_text(ARTICLE.replace("event: us-2020-election", "event: no-such-event"), encoding="utf-8")
    result = run("extract", str(path))
    assert "unknown event id 'no-such-event'" in result.stderr
    assert result.returncode == 1


def test_event_matched_from_text_without_metadata(tmp_path):
    body = ARTICLE.split("---", 2)[2]
    path = tmp_path / "plain.txt"
    path.write_text(body, encoding="utf-8")
    result = run("extract", str(path), "--published", "2020-11-09", "--output", str(tmp_path / "o.csv"))
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(tmp_path / "o.csv")
    assert set(frame["event_id"]) == {"us-2020-election"}
    assert frame["event_match"].str.startswith("text:").all()


def test_build_writes_the_store_and_the_article_list(corpus, tmp_path):
    result = run("build", str(corpus), "--store", str(tmp_path / "store"))
    assert result.returncode == 0, result.stderr
    tables = store.load_store(tmp_path / "store")
    assert set(tables.articles["status"]) == {"read", "skipped"}
    skipped = tables.articles[tables.articles["status"] == "skipped"]
    assert all(skipped["reason"] != "")
    assert len(tables.consolidated) >= 3
    russia = tables.country_status[(tables.country_status["country_iso3"] == "RUS")]
    # Putin's silence and the Kremlin's wait are both undated, so both hold from the event; the wait is the
    # more informative and wins the tie.
    assert set(russia["stance"]) == {"withheld"}


@pytest.mark.parametrize("command", ["extract", "build", "evaluate"])
def test_help_names_every_option(command):
    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices[command]
    text = sub.format_help()
    for action in sub._actions:
        for option in action.option_strings:
            assert option in text
        assert action.help or action.dest == "help"


def test_added_articles_survive_a_rebuild(tmp_path, monkeypatch):
    """Articles added from the app are kept with the store, so rebuilding from the samples keeps them."""
    from pipeline import build
    from pipeline.articles import ArticleDefaults

    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "one.md").write_text(ARTICLE.replace("id: cli-case", "id: sample-one"), encoding="utf-8")
    monkeypatch.setattr(build, "sample_dir", lambda: samples)
    store_dir = tmp_path / "store"
    build.build_sample_store(store_dir=store_dir)
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(
        "Japanese Prime Minister Yoshihide Suga congratulated Joe Biden on Sunday and said he looked forward "
        "to working closely with the new administration on the alliance and on regional security.",
        encoding="utf-8",
    )
    report = build.add_articles([pasted], store_dir=store_dir,
                                defaults=ArticleDefaults(event_id="us-2020-election", published=None))
    assert report.read == ["pasted"]
    pasted.unlink()  # the upload's temporary file is gone; the store still has the article
    build.build_sample_store(store_dir=store_dir)
    tables = store.load_store(store_dir)
    assert {"sample-one", "pasted"} <= set(tables.articles["article_id"])
    assert "Yoshihide Suga" in set(tables.reactions["actor"])


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> store.StoreTables:
    from pipeline import build

    directory = tmp_path_factory.mktemp("sample-store")
    build.build_sample_store(store_dir=directory)
    return store.load_store(directory)


def test_sample_store_has_evidence_behind_every_row(sample_store):
    consolidated = sample_store.consolidated
    assert len(consolidated) > 100
    for row in consolidated.itertuples(index=False):
        assert row.evidence, row.actor
        assert all(item["article_id"] and item["sentence"] for item in row.evidence)


def test_sample_store_has_status_by_day_for_every_event(sample_store):
    status = sample_store.country_status
    events = set(sample_store.consolidated["event_id"])
    assert set(status["event_id"]) == events
    russia_2020 = status[(status["event_id"] == "us-2020-election") & (status["country_iso3"] == "RUS")]
    by_day = dict(zip(russia_2020["day"].dt.strftime("%Y-%m-%d"), russia_2020["stance"]))
    # Silent from the event, then waiting (the Kremlin on 9 November), congratulating on 15 December.
    assert by_day["2020-11-08"] == "silent"
    assert by_day["2020-11-10"] == "withheld"
    assert by_day["2020-12-16"] == "congratulated"
    # Countries nobody reported on stay "no reaction found", apart from "silent".
    assert "no_reaction_found" in set(status["stance"])

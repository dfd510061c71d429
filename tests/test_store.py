"""The on-disk store (pipeline/store.py): round-trips, atomic writes, merges, fingerprints, corruption."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import store
from pipeline.consolidate import consolidate_reactions, country_status_by_day
from pipeline.records import (
    ARTICLE_DTYPES,
    CONSOLIDATED_DTYPES,
    REACTION_DTYPES,
    STATUS_DTYPES,
    Reaction,
    conform_articles,
    empty_articles,
    empty_consolidated,
    empty_reactions,
    empty_status,
    reactions_frame,
)
from pipeline.store import (
    StoreError,
    StoreTables,
    inputs_fingerprint,
    load_store,
    merge_articles,
    merge_reactions,
    save_store,
    store_is_stale,
)

EVENT = "us-2020-election"
SCHEMAS = {
    "reactions": REACTION_DTYPES,
    "articles": ARTICLE_DTYPES,
    "consolidated": CONSOLIDATED_DTYPES,
    "country_status": STATUS_DTYPES,
}
FILES = {
    "reactions": "reactions.parquet",
    "articles": "articles.parquet",
    "consolidated": "consolidated.parquet",
    "country_status": "country_status.parquet",
}


def reaction(article_id: str, stance: str, *, actor_id: str = "Q7747", day: int | None = None) -> Reaction:
    return Reaction(
        article_id=article_id,
        event_id=EVENT,
        event_match="metadata",
        actor="Vladimir Putin",
        actor_id=actor_id,
        actor_type="head_of_state",
        country_iso3="RUS",
        official=True,
        stance=stance,
        reaction_date=dt.date(2020, 11, day) if day else None,
        date_precision="day" if day else "",
        quote="«Quoted» text, with \"marks\"",
        sentence="Putin said nothing.",
        start_char=0,
        end_char=19,
        source="TASS",
        url=f"https://example.com/{article_id}",
        published=dt.date(2020, 11, 9),
    )


def articles(*ids: str, title: str = "Title") -> pd.DataFrame:
    return conform_articles(
        pd.DataFrame(
            {
                "article_id": list(ids),
                "path": [f"sample_articles/{i}.md" for i in ids],
                "status": "read",
                "reason": "",
                "language": "en",
                "event_id": EVENT,
                "event_match": "metadata",
                "title": title,
                "source": "TASS",
                "url": [f"https://example.com/{i}" for i in ids],
                "published": pd.Timestamp("2020-11-09"),
                "n_reactions": 1,
            }
        )
    )


def full_tables() -> dict[str, pd.DataFrame]:
    reactions = reactions_frame([reaction("a1", "silent"), reaction("a2", "withheld", actor_id="kremlin", day=9)])
    consolidated = consolidate_reactions(reactions)
    status = country_status_by_day(consolidated, event_id=EVENT, event_date=dt.date(2020, 11, 7),
                                   countries=["RUS", "FRA"])
    return {"reactions": reactions, "articles": articles("a1", "a2"), "consolidated": consolidated,
            "country_status": status}


def empty_tables() -> dict[str, pd.DataFrame]:
    return {"reactions": empty_reactions(), "articles": empty_articles(), "consolidated": empty_consolidated(),
            "country_status": empty_status()}


def dtypes_of(frame: pd.DataFrame) -> dict[str, str]:
    return {name: str(dtype) for name, dtype in frame.dtypes.items()}


# --- round trip ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("make_tables", [full_tables, empty_tables], ids=["full", "empty"])
def test_every_table_round_trips(tmp_path, make_tables):
    tables = make_tables()
    save_store(tmp_path / "store", **tables, inputs_fingerprint="sha256:abc")
    loaded = load_store(tmp_path / "store")
    for name, frame in tables.items():
        assert dtypes_of(getattr(loaded, name)) == SCHEMAS[name], name
        pd.testing.assert_frame_equal(getattr(loaded, name), frame, check_dtype=True, obj=name)
    assert loaded.manifest["inputs"] == "sha256:abc"
    assert loaded.manifest["rows"] == {name: len(frame) for name, frame in tables.items()}
    assert set(loaded.manifest["versions"]) >= {"python", "pandas", "pyarrow"}
    assert loaded.manifest["built_at"].endswith("+00:00")


def test_evidence_list_column_round_trips_as_python_lists(tmp_path):
    tables = full_tables()
    save_store(tmp_path, **tables, inputs_fingerprint="x")
    loaded = load_store(tmp_path).consolidated
    assert loaded["evidence"].tolist() == tables["consolidated"]["evidence"].tolist()
    first = loaded["evidence"].iloc[0]
    assert isinstance(first, list) and isinstance(first[0], dict)
    assert isinstance(loaded["sources"].iloc[0], list)
    # stored as real Parquet list columns, not pickled or JSON strings
    schema = pq.read_schema(tmp_path / "consolidated.parquet")
    assert str(schema.field("evidence").type).startswith("list<element: struct<article_id: string")
    assert str(schema.field("sources").type) == "list<element: string>"


def test_missing_store_gives_empty_tables(tmp_path):
    loaded = load_store(tmp_path / "nowhere")
    assert isinstance(loaded, StoreTables) and loaded.manifest == {}
    for name, dtypes in SCHEMAS.items():
        frame = getattr(loaded, name)
        assert frame.empty and dtypes_of(frame) == dtypes


# --- atomic writes ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("failing_call", [1, 3])
def test_failed_write_keeps_the_old_store(tmp_path, monkeypatch, failing_call):
    old = full_tables()
    save_store(tmp_path, **old, inputs_fingerprint="old")
    real_write = pq.write_table
    calls = {"n": 0}

    def write_then_crash(table, where, **kwargs):
        calls["n"] += 1
        if calls["n"] == failing_call:
            where.write(b"PAR1 half a table")
            raise OSError("disk full")
        real_write(table, where, **kwargs)

    monkeypatch.setattr(pq, "write_table", write_then_crash)
    with pytest.raises(OSError, match="disk full"):
        save_store(tmp_path, **empty_tables(), inputs_fingerprint="new")
    monkeypatch.undo()
    loaded = load_store(tmp_path)
    for name, frame in old.items():
        pd.testing.assert_frame_equal(getattr(loaded, name), frame, obj=name)
    assert loaded.manifest["inputs"] == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([*FILES.values(), "manifest.json"])


def test_save_overwrites_and_manifest_is_written_last(tmp_path, monkeypatch):
    save_store(tmp_path, **full_tables(), inputs_fingerprint="one")
    events = []
    real_replace = store.os.replace

    def recording_replace(source, target):
        events.append((Path(target).name, (tmp_path / "manifest.json").exists()))
        real_replace(source, target)

    monkeypatch.setattr(store.os, "replace", recording_replace)
    save_store(tmp_path, **empty_tables(), inputs_fingerprint="two")
    monkeypatch.undo()
    # every table moves into place while no manifest exists, then the manifest comes last
    assert events == [(name, False) for name in FILES.values()] + [("manifest.json", False)]
    loaded = load_store(tmp_path)
    assert loaded.reactions.empty and loaded.manifest["inputs"] == "two"


# --- corruption ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "file_name, content",
    [
        ("reactions.parquet", b"not a parquet file"),
        ("consolidated.parquet", b""),
        ("articles.parquet", None),  # a valid Parquet file without the schema's columns
        ("manifest.json", b"{not json"),
        ("manifest.json", b"[1, 2]"),
    ],
)
def test_corrupt_file_raises_store_error_naming_it(tmp_path, file_name, content):
    save_store(tmp_path, **full_tables(), inputs_fingerprint="x")
    if content is None:
        pd.DataFrame({"other": [1]}).to_parquet(tmp_path / file_name)
    else:
        (tmp_path / file_name).write_bytes(content)
    with pytest.raises(StoreError, match=file_name.replace(".", r"\.")) as caught:
        load_store(tmp_path)
    assert caught.value.path == tmp_path / file_name and caught.value.reason


# --- merges ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "existing, new, replace_ids, expected",
    [
        # a re-read article's rows are replaced, the others kept
        ([("a1", "silent"), ("a2", "withheld")], [("a2", "congratulated")], (),
         [("a1", "silent"), ("a2", "congratulated")]),
        # a new article is added
        ([("a1", "silent")], [("a3", "critical"), ("a3", "neutral")], (),
         [("a1", "silent"), ("a3", "critical"), ("a3", "neutral")]),
        # an article re-read with no reactions loses its old ones only when named
        ([("a1", "silent"), ("a2", "withheld")], [], ("a2",), [("a1", "silent")]),
        ([("a1", "silent"), ("a2", "withheld")], [], (), [("a1", "silent"), ("a2", "withheld")]),
        ([], [("a1", "silent")], (), [("a1", "silent")]),
        ([], [], (), []),
    ],
)
def test_merge_reactions(existing, new, replace_ids, expected):
    frame = lambda rows: reactions_frame([reaction(article_id, stance) for article_id, stance in rows])  # noqa: E731
    merged = merge_reactions(frame(existing), frame(new), replace_article_ids=replace_ids)
    assert dtypes_of(merged) == REACTION_DTYPES
    assert list(zip(merged["article_id"], merged["stance"])) == expected


@pytest.mark.parametrize(
    "existing, new, expected",
    [
        (["a1", "a2"], ["a2", "a3"], [("a1", "old"), ("a2", "new"), ("a3", "new")]),
        (["a1"], [], [("a1", "old")]),
        ([], ["a1"], [("a1", "new")]),
        ([], [], []),
    ],
)
def test_merge_articles_keeps_old_articles(existing, new, expected):
    merged = merge_articles(articles(*existing, title="old"), articles(*new, title="new"))
    assert dtypes_of(merged) == ARTICLE_DTYPES
    assert list(zip(merged["article_id"], merged["title"])) == expected


# --- fingerprints and staleness --------------------------------------------------------------------------------


def write_inputs(root: Path, files: dict[str, str]) -> list[Path]:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return [root / name for name in files]


@pytest.mark.parametrize(
    "left, right, same",
    [
        ({"a.md": "one", "b.md": "two"}, {"b.md": "two", "a.md": "one"}, True),  # order of paths does not matter
        ({"a.md": "one"}, {"a.md": "One"}, False),  # content
        ({"a.md": "one"}, {"c.md": "one"}, False),  # name
        ({"a.md": "one"}, {"a.md": "one", "b.md": ""}, False),  # an added (even empty) file
    ],
)
def test_inputs_fingerprint(tmp_path, left, right, same):
    one = inputs_fingerprint(write_inputs(tmp_path / "left", left))
    two = inputs_fingerprint(write_inputs(tmp_path / "right", right))
    assert one.startswith("sha256:") and (one == two) == same


def test_fingerprint_of_a_directory_covers_its_files(tmp_path):
    write_inputs(tmp_path / "samples", {"a.md": "one", "sub/b.md": "two", ".hidden": "x"})
    before = inputs_fingerprint([tmp_path / "samples"])
    (tmp_path / "samples" / ".hidden").write_text("changed")
    assert inputs_fingerprint([tmp_path / "samples"]) == before
    (tmp_path / "samples" / "sub" / "b.md").write_text("changed")
    assert inputs_fingerprint([tmp_path / "samples"]) != before


def test_fingerprint_of_a_missing_input_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.md"):
        inputs_fingerprint([tmp_path / "missing.md"])


@pytest.mark.parametrize(
    "damage, fingerprint, stale",
    [
        (None, "fp", False),
        (None, "other", True),
        ("manifest.json", "fp", True),
        ("country_status.parquet", "fp", True),
    ],
)
def test_store_is_stale(tmp_path, damage, fingerprint, stale):
    save_store(tmp_path, **empty_tables(), inputs_fingerprint="fp")
    if damage:
        (tmp_path / damage).unlink()
    assert store_is_stale(tmp_path, fingerprint=fingerprint) is stale


def test_store_is_stale_when_missing_or_unreadable_or_of_another_schema(tmp_path):
    assert store_is_stale(tmp_path / "nowhere", fingerprint="fp")
    save_store(tmp_path, **empty_tables(), inputs_fingerprint="fp")
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    (tmp_path / "manifest.json").write_text(json.dumps({**manifest, "schema": "sha256:old"}))
    assert store_is_stale(tmp_path, fingerprint="fp")
    (tmp_path / "manifest.json").write_text("{broken")
    assert store_is_stale(tmp_path, fingerprint="fp")
    assert store.schema_fingerprint().startswith("sha256:")

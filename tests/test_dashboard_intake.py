"""dashboard.intake: what an upload or a pasted text becomes before the pipeline sees it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import yaml

from dashboard import intake


@pytest.mark.parametrize(
    "name, size, refused_because",
    [
        ("a.txt", 10, ""),
        ("a.MD", 10, ""),
        ("page.html", 10, ""),
        ("batch.jsonl", 10, ""),
        ("a.pdf", 10, "not an accepted file type"),
        ("a.txt.exe", 10, "not an accepted file type"),
        ("noext", 10, "not an accepted file type"),
        ("big.txt", intake.MAX_FILE_BYTES + 1, "over the"),
        ("empty.txt", 0, "empty"),
    ],
)
def test_check_upload(name, size, refused_because):
    reason = intake.check_upload(name, size)
    assert (refused_because in reason and reason.startswith(name)) if refused_because else reason == ""


@pytest.mark.parametrize(
    "name, expected",
    [
        ("report.txt", "report.txt"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\x\\news item.md", "news_item.md"),
        ("<b>x</b>.html", "b_.html"),  # "/" separates: only the last part is kept
        ("a<b>?.txt", "a_b_.txt"),
        ("...", "upload"),
    ],
)
def test_safe_file_name(name, expected):
    assert intake.safe_file_name(name) == expected


def test_prepare_batch_writes_accepted_and_refuses_the_rest(tmp_path):
    batch = intake.prepare_batch(
        uploads=[("a.txt", b"hello"), ("a.txt", b"again"), ("x.pdf", b"%PDF"), ("../b.md", b"# b")],
        pasted=None,
        workdir=tmp_path,
    )
    assert [p.name for p in batch.paths] == ["a.txt", "a-2.txt", "b.md"]
    assert all(p.parent == tmp_path for p in batch.paths)
    assert (tmp_path / "a-2.txt").read_bytes() == b"again"
    assert len(batch.refused) == 1 and batch.refused[0].startswith("x.pdf")


def test_pasted_text_becomes_markdown_with_front_matter(tmp_path):
    pasted = intake.Pasted(text="Body text: with a colon\n---\nand a rule.", title='Title: "quoted"', source="Wire",
                           url="https://example.org/x", published=dt.date(2020, 11, 8), event_id="us-2020-election")
    batch = intake.prepare_batch(uploads=[], pasted=pasted, workdir=tmp_path)
    assert batch.refused == [] and len(batch.paths) == 1
    text = batch.paths[0].read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    assert yaml.safe_load(front) == {"title": 'Title: "quoted"', "source": "Wire", "url": "https://example.org/x",
                                     "published": "2020-11-08", "event": "us-2020-election"}
    assert body.startswith("Body text: with a colon")


@pytest.mark.parametrize(
    "change, refused_because",
    [
        ({"url": "javascript:alert(1)"}, "link must start"),
        ({"text": "x" * (intake.MAX_FILE_BYTES + 1)}, "over the"),
        ({"text": "   "}, None),  # nothing pasted: nothing written, nothing refused
    ],
)
def test_pasted_text_refusals(tmp_path, change, refused_because):
    pasted = dataclasses.replace(intake.Pasted(text="Some text."), **change)
    batch = intake.prepare_batch(uploads=[], pasted=pasted, workdir=tmp_path)
    assert batch.paths == []
    if refused_because:
        assert len(batch.refused) == 1 and refused_because in batch.refused[0]
    else:
        assert batch.refused == []


def test_summarise_report():
    @dataclasses.dataclass
    class Skip:
        path: str
        reason: str

    @dataclasses.dataclass
    class Report:
        read: list
        skipped: list
        n_reactions: int

    summary = intake.summarise(Report(read=["a1"], skipped=[Skip("/tmp/x/bad.txt", "too short (3 words < 20)")], n_reactions=4))
    assert summary.headline == "1 article(s) read, 4 reaction mention(s) found, 1 skipped."
    assert summary.skipped == ["bad.txt: skipped, too short (3 words < 20)."]

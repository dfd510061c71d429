"""Turning what a user uploads or pastes into files the pipeline can read, refusing what it must not.

The Add articles page hands over uploaded (name, bytes) pairs and a pasted text; ``prepare_batch`` writes the
acceptable ones to a fresh working directory and returns their paths, and a plain-text reason for each one
refused (wrong type, too large, empty, bad link). Nothing here touches the store, so a refused upload can
never lose stored data. Messages are plain text: the page escapes them before showing them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import yaml

from pipeline.articles import ArticleDefaults, load_reader_settings

UPLOAD_TYPES: tuple[str, ...] = ("txt", "md", "html", "htm", "jsonl")
MAX_FILE_BYTES: int = load_reader_settings().max_file_bytes
MAX_UPLOAD_MB: int = max(1, math.ceil(MAX_FILE_BYTES / 1_000_000))
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclasses.dataclass(frozen=True)
class Pasted:
    """A text pasted in the form, with the metadata typed beside it."""

    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: dt.date | None = None
    event_id: str | None = None


@dataclasses.dataclass(frozen=True)
class Batch:
    """Files ready for the pipeline, and why the others were refused."""

    paths: list[Path]
    refused: list[str]


@dataclasses.dataclass(frozen=True)
class Summary:
    """What one run of the pipeline did, in sentences for the page."""

    headline: str
    read: list[str]
    skipped: list[str]


def new_workdir() -> Path:
    """A fresh private directory for one batch of uploads."""
    return Path(tempfile.mkdtemp(prefix="reaction-atlas-upload-"))


def safe_file_name(name: str) -> str:
    """The base name with anything but letters, digits, dot, dash and underscore replaced by "_"."""
    base = Path(name.replace("\\", "/")).name
    cleaned = _SAFE_NAME.sub("_", base).strip("._") or "upload"
    return cleaned[:120]


def check_upload(name: str, size: int, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """"" if a file may be read, else the reason it is refused."""
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in UPLOAD_TYPES:
        accepted = ", ".join("." + t for t in UPLOAD_TYPES)
        return f"{name}: refused, not an accepted file type (accepted: {accepted})."
    if size > max_bytes:
        return f"{name}: refused, {size / 1_000_000:.1f} MB is over the {max_bytes / 1_000_000:.1f} MB limit."
    if size == 0:
        return f"{name}: refused, the file is empty."
    return ""


def _front_matter(pasted: Pasted) -> str:
    meta = {
        "title": pasted.title.strip(),
        "source": pasted.source.strip(),
        "url": pasted.url.strip(),
        "published": pasted.published.isoformat() if pasted.published else "",
        "event": pasted.event_id or "",
    }
    meta = {key: value for key, value in meta.items() if value}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" if meta else ""


def check_pasted(pasted: Pasted, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """"" if a pasted text may be read, else the reason it is refused."""
    url = pasted.url.strip()
    if url and not url.lower().startswith(("http://", "https://")):
        return "Pasted text: refused, the link must start with http:// or https://."
    if len(pasted.text.encode("utf-8")) > max_bytes:
        return f"Pasted text: refused, it is over the {max_bytes / 1_000_000:.1f} MB limit."
    return ""


def prepare_batch(*, uploads: Sequence[tuple[str, bytes]], pasted: Pasted | None, workdir: Path) -> Batch:
    """Write accepted uploads and the pasted text (as Markdown with front matter) into ``workdir``."""
    paths: list[Path] = []
    refused: list[str] = []
    used: set[str] = set()
    for name, content in uploads:
        reason = check_upload(name, len(content))
        if reason:
            refused.append(reason)
            continue
        file_name = safe_file_name(name)
        stem, suffix = Path(file_name).stem, Path(file_name).suffix.lower()
        counter = 1
        while file_name in used:
            counter += 1
            file_name = f"{stem}-{counter}{suffix}"
        used.add(file_name)
        path = workdir / file_name
        path.write_bytes(content)
        paths.append(path)
    if pasted is not None and pasted.text.strip():
        reason = check_pasted(pasted)
        if reason:
            refused.append(reason)
        else:
            digest = hashlib.sha1(pasted.text.encode("utf-8")).hexdigest()[:12]
            path = workdir / f"pasted-{digest}.md"
            path.write_text(_front_matter(pasted) + pasted.text.strip() + "\n", encoding="utf-8")
            paths.append(path)
    return Batch(paths=paths, refused=refused)


def defaults(*, event_id: str | None, published: dt.date | None) -> ArticleDefaults:
    """Metadata for files that do not carry their own (file metadata wins)."""
    return ArticleDefaults(event_id=event_id, published=published)


def summarise(report: object) -> Summary:
    """A BuildReport (``read``, ``skipped`` with ``path``/``reason``, ``n_reactions``) in sentences."""
    read = [str(article_id) for article_id in getattr(report, "read", [])]
    skipped = [f"{Path(str(s.path)).name or 'Pasted text'}: skipped, {s.reason}." for s in getattr(report, "skipped", [])]
    n_reactions = int(getattr(report, "n_reactions", 0))
    headline = f"{len(read)} article(s) read, {n_reactions} reaction mention(s) found, {len(skipped)} skipped."
    return Summary(headline=headline, read=read, skipped=skipped)

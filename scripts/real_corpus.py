"""Keep the corpus of real reporting (tests/real/) honest: split, reserved addresses, hashes, duplicates.

    python scripts/real_corpus.py split URL [URL ...]   the split an address falls in, and whether it is reserved
    python scripts/real_corpus.py hash FILE [FILE ...]  the sha256 and length the manifest records for a text
    python scripts/real_corpus.py check [MANIFEST ...]  every row: columns, split, reserved, text hash, gold files,
                                                        and pairs of texts that look like copies of one story
    python scripts/real_corpus.py status                which texts are present, absent or changed (rebuild aid)

The texts are excerpts of stored public pages, copied exactly (see tests/real/README.md for how to get each one
again); this script never fetches anything.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline import real_reporting as rr  # noqa: E402

GOLD_COLUMNS = ["actor", "country_iso3", "actor_type", "official", "stance", "reaction_date", "quote"]
DECOY_COLUMNS = ["actor", "text_snippet", "why"]
STANCES = {"congratulated", "supportive", "neutral", "critical", "withheld", "no_comment", "silent"}
ACTOR_TYPES = {"head_of_state", "head_of_government", "government", "spokesperson", "opposition",
               "former_leader", "royal", "organization", "other"}
# Two texts sharing this share of their word 8-grams are treated as copies of one story.
_COPY_THRESHOLD = 0.25


def _shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(max(len(words) - n + 1, 0))}


def _check_csv(path: Path, columns: list[str]) -> list[str]:
    problems = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != columns:
            return [f"{path}: columns {reader.fieldnames} should be {columns}"]
        for i, row in enumerate(reader, start=2):
            if columns is GOLD_COLUMNS:
                if row["stance"] not in STANCES:
                    problems.append(f"{path}:{i}: unknown stance '{row['stance']}'")
                if row["actor_type"] not in ACTOR_TYPES:
                    problems.append(f"{path}:{i}: unknown actor_type '{row['actor_type']}'")
                if row["official"] not in {"yes", "no"}:
                    problems.append(f"{path}:{i}: official must be yes or no")
                if row["country_iso3"] and not re.fullmatch(r"[A-Z]{3}", row["country_iso3"]):
                    problems.append(f"{path}:{i}: country '{row['country_iso3']}' is not ISO alpha-3")
                if row["reaction_date"] and not re.fullmatch(r"\d{4}-\d\d-\d\d", row["reaction_date"]):
                    problems.append(f"{path}:{i}: reaction_date '{row['reaction_date']}' is not YYYY-MM-DD")
    return problems


def _check_row(row: dict, *, columns, label: str, reserved, seen_ids: set, seen_urls: dict, texts: dict) -> list[str]:
    """The checks every row of a manifest passes: columns, unique id and address, not reserved, text hash."""
    rid = row.get("id", "")
    missing = [c for c in columns if c not in row]
    if missing:
        return [f"{rid}: {label} lacks columns {missing}"]
    problems = []
    if rid in seen_ids:
        problems.append(f"{rid}: duplicate id")
    seen_ids.add(rid)
    url = rr.normalise_url(row["url"])
    if url in seen_urls:
        problems.append(f"{rid}: same address as {seen_urls[url]}")
    seen_urls[url] = rid
    if url in reserved:
        problems.append(f"{rid}: RESERVED address {row['url']} — remove it")
    path = rr.TEXTS_DIR / f"{rid}.txt"
    if path.exists():
        texts[rid] = text = path.read_text(encoding="utf-8")
        if rr.text_sha256(text) != row["sha256"]:
            problems.append(f"{rid}: text hash differs from the {label}")
    else:
        problems.append(f"{rid}: text absent ({path})")
    return problems


def check(manifests: list[Path]) -> int:
    rows = rr.read_manifest_rows(manifests)
    reserved = rr.reserved_urls()
    problems: list[str] = []
    if not reserved:
        problems.append(f"warning: {rr.RESERVED_PATH} is absent; reserved addresses not checked")
    seen = {"reserved": reserved, "seen_ids": set(), "seen_urls": {}, "texts": {}}
    texts = seen["texts"]
    for row in rows:
        row_problems = _check_row(row, columns=rr.MANIFEST_COLUMNS, label="manifest", **seen)
        problems.extend(row_problems)
        if any("lacks columns" in p for p in row_problems):
            continue
        rid = row["id"]
        if row["split"] != rr.split_of(row["url"]):
            problems.append(f"{rid}: split '{row['split']}' but the rule gives '{rr.split_of(row['url'])}'")
        gold = rr.GOLD_DIR / f"{rid}.gold.csv"
        if gold.exists():
            problems.extend(_check_csv(gold, GOLD_COLUMNS))
        else:
            problems.append(f"{rid}: no gold file {gold}")
        decoys = rr.GOLD_DIR / f"{rid}.decoys.csv"
        if decoys.exists():
            problems.extend(_check_csv(decoys, DECOY_COLUMNS))
    # Witness excerpts (unlabelled, never scored): the same checks but for gold and split.
    witness_rows = rr.read_manifest_rows([rr.WITNESS_MANIFEST_PATH]) if rr.WITNESS_MANIFEST_PATH.exists() else []
    for row in witness_rows:
        problems.extend(_check_row(row, columns=rr.WITNESS_MANIFEST_COLUMNS, label="witness manifest", **seen))
    ids = sorted(texts)
    shingles = {rid: _shingles(texts[rid]) for rid in ids}
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            small = min(len(shingles[a]), len(shingles[b])) or 1
            overlap = len(shingles[a] & shingles[b]) / small
            if overlap >= _COPY_THRESHOLD:
                problems.append(f"{a} and {b}: {overlap:.0%} of word 8-grams shared — copies of one story?")
    for problem in problems:
        print(problem)
    n_test = sum(r.get("split") == "test" for r in rows)
    outlets = {r.get("outlet") for r in rows}
    events = {r.get("event") for r in rows}
    print(f"{len(rows)} articles ({len(rows) - n_test} dev, {n_test} test), {len(outlets)} outlets, "
          f"{len(events)} events, {sum(r.get('in_catalogue') == 'no' for r in rows)} outside the catalogue; "
          f"{len(witness_rows)} witness excerpts; {len(problems)} problems")
    return 1 if any(not p.startswith("warning") for p in problems) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    split = sub.add_parser("split")
    split.add_argument("urls", nargs="+")
    hashed = sub.add_parser("hash")
    hashed.add_argument("files", nargs="+", type=Path)
    checked = sub.add_parser("check")
    checked.add_argument("manifests", nargs="*", type=Path)
    sub.add_parser("status")
    args = parser.parse_args(argv)
    if args.command == "split":
        reserved = rr.reserved_urls()
        for url in args.urls:
            flag = "  RESERVED: do not use" if rr.normalise_url(url) in reserved else ""
            print(f"{rr.split_of(url)}\t{url}{flag}")
        return 0
    if args.command == "hash":
        for path in args.files:
            text = path.read_text(encoding="utf-8")
            print(f"{rr.text_sha256(text)}\t{len(text)}\t{path}")
        return 0
    if args.command == "check":
        manifests = args.manifests or [rr.MANIFEST_PATH]
        return check(manifests)
    rows = rr.read_manifest_rows([rr.MANIFEST_PATH])
    present = changed = 0
    for row in rows:
        path = rr.TEXTS_DIR / f"{row['id']}.txt"
        if not path.exists():
            print(f"absent\t{row['id']}\tsearch corpus={row['corpus']} query={row['query']!r} url={row['url']}")
        elif rr.text_sha256(path.read_text(encoding="utf-8")) != row["sha256"]:
            changed += 1
            print(f"changed\t{row['id']}")
        else:
            present += 1
    print(f"{present} present, {changed} changed, {len(rows) - present - changed} absent of {len(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

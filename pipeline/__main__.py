"""Command line: ``python -m pipeline extract | build | evaluate``. Parsing and printing only."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path
from typing import Sequence

from tqdm import tqdm

from pipeline import records
from pipeline.articles import ArticleDefaults, Skipped

# More articles than this get a progress bar.
_PROGRESS_MIN_ARTICLES = 3
_FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {text!r}") from err


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="article files (.txt, .md, .html, .jsonl) or folders of them")
    parser.add_argument("--events", type=Path, metavar="FILE",
                        help="an extra events YAML file (same form as pipeline/data/events.yaml)")
    parser.add_argument("--event", metavar="ID",
                        help="event id for articles whose metadata names none (else matched from the text)")
    parser.add_argument("--published", type=_date, metavar="DATE",
                        help="publication date (YYYY-MM-DD) for articles whose metadata gives none")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Reaction Atlas: extract who reacted to a world event, and how, from news articles.",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser(
        "extract",
        help="write one row per reaction per article",
        description="Extract reactions from articles. Writes CSV to stdout, or to --output (CSV, Parquet or "
        "JSON Lines by its extension). Unreadable, non-English or unmatched articles are reported on stderr "
        "and skipped; the exit status is 0 unless no article could be read.",
    )
    _add_input_options(extract)
    extract.add_argument("--output", "-o", type=Path, metavar="FILE",
                         help="output file: .csv, .parquet or .jsonl (default: CSV on stdout)")

    build = commands.add_parser(
        "build",
        help="build the dashboard's store from articles",
        description="Extract, consolidate (one row per actor and stance, each country's status by day) and "
        "write the store the dashboard reads: Parquet tables plus articles.parquet, the list of articles read "
        "and skipped with reasons.",
    )
    _add_input_options(build)
    build.add_argument("--store", type=Path, required=True, metavar="DIR", help="store folder to (re)write")

    evaluate = commands.add_parser(
        "evaluate",
        help="score extraction against the gold labels",
        description="Extract each corpus and print precision, recall and F1 at actor and country level, per "
        "event kind, event and stance, the decoys reported, and quote and date accuracy. Corpora: seed "
        "(../shared/seed, when present), samples, holdout, and with --real the real-reporting corpus "
        "(tests/real: its dev and test splits, scored on the texts present on this machine; the test split's "
        "errors are never printed).",
    )
    evaluate.add_argument("--real", action="store_true", help="also score the real-reporting corpus (tests/real)")
    evaluate.add_argument("--corpus", action="append", choices=evaluate_corpora(), metavar="NAME",
                          help="score only this corpus (repeatable): " + ", ".join(evaluate_corpora()))
    evaluate.add_argument("--check", action="store_true",
                          help="exit 1 if a figure falls below its floor in tests/eval_floors.yaml")
    evaluate.add_argument("--details", action="store_true",
                          help="also list every missed and spurious row (never for the real test split)")
    return parser


def _report_skipped(skipped: Sequence[Skipped]) -> None:
    for skip in skipped:
        language = f" [{skip.language}]" if skip.language else ""
        print(f"skipped: {skip.path}: {skip.reason}{language}", file=sys.stderr)


class _Bar:
    """A tqdm bar on stderr that appears only for more than a few articles."""

    def __init__(self) -> None:
        self.bar: tqdm | None = None

    def __call__(self, done: int, total: int, label: str) -> None:
        if total <= _PROGRESS_MIN_ARTICLES:
            return
        if self.bar is None:
            self.bar = tqdm(total=total, unit="article", file=sys.stderr, desc="extracting")
        self.bar.update(done - self.bar.n)
        if done >= total:
            self.bar.close()


def _write_table(frame, output: Path | None) -> None:
    if output is None or output.suffix.lower() == ".csv":
        frame = records.lists_as_json(frame)
    if output is None:
        frame.to_csv(sys.stdout, index=False, date_format="%Y-%m-%d")
        return
    kind = _FORMATS.get(output.suffix.lower())
    if kind is None:
        raise SystemExit(f"error: --output {output}: unknown extension (use .csv, .parquet or .jsonl)")
    output.parent.mkdir(parents=True, exist_ok=True)
    if kind == "csv":
        frame.to_csv(output, index=False, date_format="%Y-%m-%d")
    elif kind == "parquet":
        frame.to_parquet(output, index=False)
    else:
        frame.to_json(output, orient="records", lines=True, date_format="iso", force_ascii=False)


def _defaults(args: argparse.Namespace) -> ArticleDefaults:
    return ArticleDefaults(event_id=args.event, published=args.published)


def evaluate_corpora() -> tuple[str, ...]:
    return ("seed", "samples", "holdout", "real-dev", "real-test")


def _evaluate(args: argparse.Namespace) -> int:
    from pipeline import evaluate

    corpora = args.corpus or ["seed", "samples", "holdout", *(["real-dev", "real-test"] if args.real else [])]
    scores = evaluate.evaluate_all(progress=_Bar(), corpora=corpora)
    print(evaluate.format_report(scores, details=args.details))
    scored = {s.name for s in scores}
    absent = evaluate.real_absent()
    for split in ("dev", "test"):
        name = f"real-{split}"
        if name in corpora and name not in scored:
            print(f"== {name}: not scored — none of its {absent[split]} texts is on this machine "
                  "(tests/real/README.md says how to get them back)")
    if args.check:
        failures = evaluate.check_floors(scores)
        for failure in failures:
            print(f"below floor: {failure}", file=sys.stderr)
        return 1 if failures else 0
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    from pipeline import build as builder  # imported after logging is set up, so the model choice is logged
    from pipeline.events import EventCatalogueError

    try:
        if args.command == "extract":
            result = builder.extract_paths(args.paths, events_file=args.events, defaults=_defaults(args),
                                           progress=_Bar())
            _report_skipped(result.skipped)
            if not result.read:
                print("error: no article could be read", file=sys.stderr)
                return 1
            _write_table(result.reactions, args.output)
            return 0
        if args.command == "build":
            report = builder.build_store(args.paths, store_dir=args.store, events_file=args.events,
                                         defaults=_defaults(args), progress=_Bar())
            _report_skipped(report.skipped)
            print(f"store {args.store}: {len(report.read)} articles read, {len(report.skipped)} skipped, "
                  f"{report.n_reactions} reactions", file=sys.stderr)
            return 0 if report.read else 1
        if args.command == "evaluate":
            return _evaluate(args)
    except EventCatalogueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())

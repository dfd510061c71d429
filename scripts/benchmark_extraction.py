"""Benchmark of the extraction pipeline against baselines timed in the same process.

Prints figures, asserts nothing: how many words per second our full pipeline (the spaCy model plus the gazetteer
ruler, our components and the judging in ``pipeline.extract``) processes, and how that compares with the spaCy
tokenizer alone and with the bare model (``spacy.load`` of the same package, nothing of ours added) over the
same texts, with the same batch size. Also: time to build the pipeline, memory (peak RSS and the tracemalloc
peak of Python allocations), and the cost of consolidation relative to extraction.

Run from the repository root:
    python scripts/benchmark_extraction.py [--repeat N] [--corpus PATH] [--scale K] [--join]
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Callable, TypeVar

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

import pandas as pd  # noqa: E402
import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.pipeline import SpanRuler  # noqa: E402

from pipeline import build, consolidate, extract  # noqa: E402
from pipeline.articles import read_articles  # noqa: E402
from pipeline.events import load_events  # noqa: E402
from pipeline.gazetteer import load_gazetteer  # noqa: E402
from pipeline.nlp import build_nlp, model_package  # noqa: E402

T = TypeVar("T")
# The batch size extract_reactions passes to nlp.pipe; the bare model gets the same.
BATCH_SIZE = extract._BATCH_SIZE
MIB = 1024 * 1024


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(
            "Time the Reaction Atlas extraction on a corpus against two baselines run in the same process: the "
            "spaCy tokenizer alone and the bare model package. Prints words/s, time ratios, the CPU time of each "
            "pipe, build time, peak RSS, the tracemalloc peak and the consolidation cost. Ratios use CPU time, "
            "which other processes on the machine disturb less than wall time. Words are whitespace-separated "
            "words of the article texts as read (front matter and HTML boilerplate removed)."
        ),
        epilog="Example: python scripts/benchmark_extraction.py --repeat 5 --scale 4",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, metavar="N",
        help="time each stage N times and keep the best (default: 3)",
    )
    parser.add_argument(
        "--corpus", type=Path, default=build.sample_dir(), metavar="PATH",
        help="a file or folder of articles, read as the pipeline reads them; articles that match no event "
        "in the catalogue are left out (default: the sample articles, %(default)s)",
    )
    parser.add_argument(
        "--scale", type=int, default=1, metavar="K",
        help="process the corpus K times over in each run, for a longer and steadier run (default: 1)",
    )
    parser.add_argument(
        "--join", action="store_true",
        help="join the (scaled) corpus into one article of the first article's event: a cost that grows faster "
        "than the text shows as a larger full/bare ratio than without --join",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.scale < 1:
        parser.error("--repeat and --scale must be at least 1")
    return args


@dataclasses.dataclass(frozen=True)
class Timing:
    wall: float  # seconds
    cpu: float  # seconds of this process's CPU time: steadier than wall time on a shared machine


def best_of(repeat: int, run: Callable[[], T]) -> tuple[Timing, T]:
    """The shortest wall and CPU times of `repeat` runs (each the minimum on its own), and the last result."""
    wall = cpu = float("inf")
    result = None
    for _ in range(repeat):
        result = None  # free the last result before the clock starts, not inside the timed run
        gc.collect()
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        result = run()
        wall = min(wall, time.perf_counter() - start_wall)
        cpu = min(cpu, time.process_time() - start_cpu)
    return Timing(wall, cpu), result


def traced_peak(run: Callable[[], object]) -> int:
    """Peak bytes of Python allocations made during one (untimed: tracing slows it) run."""
    gc.collect()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def peak_rss_mib() -> float:
    """The process's resident-set high-water mark so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_corpus(path: Path, *, scale: int, join: bool) -> tuple[list, list, int]:
    """The articles of `path` matched to their events (as a build matches them), `scale` times over (or joined
    into one), and how many inputs were left out."""
    events = load_events()
    articles, skipped = read_articles([path], known_event_ids=events)
    articles, matches, unmatched = build.match_articles(articles, events=events)
    articles, matches = articles * scale, matches * scale
    if join and articles:
        text = "\n\n".join(article.text for article in articles)
        articles, matches = [dataclasses.replace(articles[0], text=text)], matches[:1]
    return articles, matches, len(skipped) + len(unmatched)


def add_gazetteer_patterns(nlp: Language) -> int:
    """Our share of a build: make the gazetteer's patterns and add them to a span ruler, as build_nlp does."""
    ruler = SpanRuler(nlp, "gazetteer_ruler", phrase_matcher_attr=None)
    ruler.add_patterns(load_gazetteer().patterns())
    return len(ruler.patterns)


def component_times(nlp: Language, articles: list, matches: list) -> list[tuple[str, float]]:
    """CPU seconds of each pipe over the whole corpus in one pass (pipe after pipe, as nlp.pipe runs them per
    batch), then of judging the mentions (extract.reactions_from_doc)."""
    docs = [extract.prepare_doc(nlp, article, match.event) for article, match in zip(articles, matches)]
    times = []
    for name, pipe in nlp.pipeline:
        start = time.process_time()
        docs = list(pipe.pipe(docs, batch_size=BATCH_SIZE)) if hasattr(pipe, "pipe") else [pipe(d) for d in docs]
        times.append((name, time.process_time() - start))
    start = time.process_time()
    for doc, article, match in zip(docs, articles, matches):
        extract.reactions_from_doc(doc, article=article, match=match)
    return [*times, ("judging (extract.py)", time.process_time() - start)]


@dataclasses.dataclass(frozen=True)
class Stage:
    name: str
    timing: Timing
    rss_mib: float | None = None  # the process's RSS high-water mark after the stage
    traced_mib: float | None = None


def measure_baselines(texts: list[str], *, package: str, repeat: int) -> tuple[list[Stage], set[str]]:
    """The tokenizer and the bare model over the texts, and the model's pipe names. The tokenizer caches what
    it has split, so its first pass over unseen text is timed on its own."""
    bare = spacy.load(package)
    tokens_first, _ = best_of(1, lambda: [bare.tokenizer(text) for text in texts])
    tokens_cached, _ = best_of(repeat, lambda: [bare.tokenizer(text) for text in texts])
    list(bare.pipe(texts[:1]))  # warm-up, untimed
    model, _ = best_of(repeat, lambda: list(bare.pipe(texts, batch_size=BATCH_SIZE)))
    traced = traced_peak(lambda: list(bare.pipe(texts, batch_size=BATCH_SIZE)))
    stages = [
        Stage("tokenizer, first pass", tokens_first),
        Stage("tokenizer, cached", tokens_cached),
        Stage("bare model", model, peak_rss_mib(), traced / MIB),
    ]
    return stages, set(bare.pipe_names)


def print_table(stages: list[Stage], *, words: int) -> None:
    bare, tokenizer = stages[2].timing.cpu, stages[0].timing.cpu
    print(f"\n{'stage':<24}{'wall s':>8}{'cpu s':>8}{'words/s':>11}{'x bare':>8}{'x tok':>8}"
          f"{'peak RSS MiB':>14}{'traced MiB':>12}")
    for stage in stages:
        rss = "" if stage.rss_mib is None else f"{stage.rss_mib:.0f}"
        traced = "" if stage.traced_mib is None else f"{stage.traced_mib:.0f}"
        print(f"{stage.name:<24}{stage.timing.wall:>8.2f}{stage.timing.cpu:>8.2f}{words / stage.timing.cpu:>11,.0f}"
              f"{stage.timing.cpu / bare:>8.2f}{stage.timing.cpu / tokenizer:>8.1f}{rss:>14}{traced:>12}")
    print("(words/s and the x columns are from CPU time; x tok is against the tokenizer's first pass)")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    articles, matches, n_skipped = load_corpus(args.corpus, scale=args.scale, join=args.join)
    if not articles:
        sys.exit(f"no article of {args.corpus} was read and matched to an event ({n_skipped} inputs skipped)")
    texts = [article.text for article in articles]
    words = sum(len(text.split()) for text in texts)
    package = model_package()
    print(f"corpus: {args.corpus} x{args.scale}{' joined' if args.join else ''}: {len(articles)} articles, "
          f"{words:,} words, {n_skipped} inputs skipped; model {package}; batch size {BATCH_SIZE}; "
          f"best of {args.repeat}")
    rss_start = peak_rss_mib()
    stages, model_pipes = measure_baselines(texts, package=package, repeat=args.repeat)

    # Ours: the build (the first reads and caches the data files) and its parts, then the extraction.
    build_first, nlp = best_of(1, build_nlp)
    load, _ = best_of(args.repeat, lambda: spacy.load(package))
    build_again, nlp = best_of(args.repeat, build_nlp)
    patterns, n_patterns = best_of(args.repeat, lambda: add_gazetteer_patterns(nlp))
    extract.extract_reactions(nlp, articles[:1], matches[:1])  # warm-up (lazy data loads), untimed
    full, reactions = best_of(args.repeat, lambda: extract.extract_reactions(nlp, articles, matches))
    traced = traced_peak(lambda: extract.extract_reactions(nlp, articles, matches))
    stages.append(Stage("full pipeline", full, peak_rss_mib(), traced / MIB))
    by_pipe = component_times(nlp, articles, matches)

    def consolidate_all() -> tuple[pd.DataFrame, pd.DataFrame]:
        consolidated = consolidate.consolidate_reactions(reactions)
        return consolidated, build.country_status(consolidated, events=load_events())

    consolidation, (consolidated, status) = best_of(args.repeat, consolidate_all)

    print_table(stages, words=words)
    total = sum(seconds for _, seconds in by_pipe)
    print(f"\n{'pipe (one pass)':<24}{'cpu s':>8}{'share':>8}  whose")
    for name, seconds in by_pipe:
        print(f"{name:<24}{seconds:>8.2f}{seconds / total:>8.0%}  {'model' if name in model_pipes else 'ours'}")
    bare = stages[2].timing.cpu
    print(f"\nfull / bare model: {full.cpu / bare:.2f}x (ours adds {full.cpu - bare:.2f} cpu s, "
          f"{(full.cpu - bare) / full.cpu:.0%} of the full run)")
    print(f"full / tokenizer:  {full.cpu / stages[0].timing.cpu:.0f}x")
    print(f"peak RSS (a high-water mark, never goes down): {rss_start:.0f} MiB after imports and reading, "
          f"{stages[2].rss_mib:.0f} after the bare model, {stages[-1].rss_mib:.0f} after the full pipeline")
    print(f"build: build_nlp() {build_first.wall:.2f} s the first time (data files read), {build_again.wall:.2f} s "
          f"after; of which spacy.load {load.wall:.2f} s, the gazetteer's {n_patterns:,} patterns "
          f"{patterns.wall:.2f} s")
    print(f"consolidation: {consolidation.cpu:.3f} cpu s = {consolidation.cpu / full.cpu:.1%} of extraction "
          f"({len(reactions)} reactions -> {len(consolidated)} consolidated rows, {len(status):,} country-days)")


if __name__ == "__main__":
    main()

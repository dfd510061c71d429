"""Scoring extraction against gold labels, and the floors the test suite gates on.

Gold: ``tests/gold/<article id>.gold.csv`` for each sample article (columns actor, country_iso3, actor_type,
official, stance, reaction_date, quote) with optional ``.decoys.csv`` (actor, text_snippet, why); and the seed
article in ``../shared/seed/`` with its own gold and decoys, when that folder is present.

Matching: a predicted row matches a gold row of the same article and stance when both name the same actor —
the gold name is resolved through the same gazetteer as the pipeline (so "Kremlin" and "the Kremlin" are
``gov:RUS``, "Erdogan" is ``person:recep-tayyip-erdogan``) — for actor-level scores; for country-level scores,
the same (article, country, stance). A decoy counts as reported when a predicted row's actor matches the decoy's
actor and its evidence sentence overlaps the decoy's text. Quote accuracy: matched gold rows with a quote whose
predicted quote contains the gold prefix. Date accuracy: matched gold rows with a date predicted exactly.

The floors live in ``tests/eval_floors.yaml``; a floor is only ever raised (trafilatura's eval gate idea).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd
import yaml

from pipeline.articles import ArticleDefaults, normalise_text, read_articles
from pipeline.build import REPO_DIR, match_articles, sample_dir
from pipeline.events import load_events
from pipeline.gazetteer import fold, load_gazetteer, slug

GOLD_DIR = REPO_DIR / "tests" / "gold"
# Articles written apart from the rules and never used to tune them; scored only on request (--holdout).
HOLDOUT_DIR = REPO_DIR / "tests" / "holdout"
FLOORS_PATH = REPO_DIR / "tests" / "eval_floors.yaml"
SEED_DIR = REPO_DIR.parent / "shared" / "seed"
SEED_METADATA = {"event_id": "us-2020-election", "published": dt.date(2020, 11, 9)}
_SEED_GOLD_RENAMES = {"actor_country_iso3": "country_iso3", "quote_start": "quote"}


@dataclasses.dataclass(frozen=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def prf(gold: set, predicted: set) -> PRF:
    return PRF(tp=len(gold & predicted), fp=len(predicted - gold), fn=len(gold - predicted))


@dataclasses.dataclass(frozen=True)
class Corpus:
    """Gold and predictions for a set of articles."""

    name: str
    gold: pd.DataFrame  # article_id, event_id, actor, key, country_iso3, stance, reaction_date, quote
    predicted: pd.DataFrame  # the reactions table plus a key column
    decoys: pd.DataFrame  # article_id, actor, text_snippet, why


@dataclasses.dataclass(frozen=True)
class Scores:
    name: str
    actor: PRF
    country: PRF
    by_event: dict[str, tuple[PRF, PRF]]
    by_stance: dict[str, PRF]
    decoys_reported: list[str]
    n_decoys: int
    quotes: tuple[int, int]  # correct, gold quotes among matched rows
    dates: tuple[int, int]  # correct, gold dates among matched rows
    dates_spurious: int  # matched rows dated where gold gives no date
    missed: list[str]
    spurious: list[str]


def gold_key(row: pd.Series) -> str:
    """The actor id a gold row names, resolved like the pipeline resolves names."""
    gazetteer = load_gazetteer()
    name = str(row["actor"]).strip()
    country = str(row.get("country_iso3") or "")
    actor_type = str(row.get("actor_type") or "")
    found = gazetteer.lookup_name(name)
    if found:
        return found
    if actor_type == "royal" and country:
        return f"royal:{country}"
    if actor_type in {"government", "spokesperson"} and country and fold(name).endswith(
        ("government", "ministry", "embassy", "kremlin", "office")
    ):
        return f"gov:{country}"
    return f"person:{slug(name)}"


def _read_gold(path: Path, *, article_id: str, event_id: str) -> pd.DataFrame:
    gold = pd.read_csv(path, dtype=str, keep_default_na=False).rename(columns=_SEED_GOLD_RENAMES)
    gold["article_id"] = article_id
    gold["event_id"] = event_id
    gold["key"] = [gold_key(row) for _, row in gold.iterrows()] if len(gold) else []
    gold["quote"] = gold["quote"].map(normalise_text) if len(gold) else []
    return gold


def _read_decoys(path: Path, *, article_id: str) -> pd.DataFrame:
    if not path.exists():
        return pd.DataFrame(columns=["article_id", "actor", "text_snippet", "why"])
    decoys = pd.read_csv(path, dtype=str, keep_default_na=False)
    decoys["article_id"] = article_id
    decoys["text_snippet"] = decoys["text_snippet"].map(normalise_text)
    return decoys


def _predict(paths: list[Path], *, defaults: ArticleDefaults, progress=None) -> tuple[pd.DataFrame, dict[str, str]]:
    from pipeline.extract import extract_reactions
    from pipeline.nlp import shared_nlp

    events = load_events()
    articles, skipped = read_articles(paths, defaults=defaults, known_event_ids=events)
    if skipped:
        raise ValueError("gold articles could not be read: " + "; ".join(f"{s.path}: {s.reason}" for s in skipped))
    articles, matches, unmatched = match_articles(articles, events=events, cli_event=defaults.event_id)
    if unmatched:
        raise ValueError("gold articles without an event: " + "; ".join(s.path for s in unmatched))
    predicted = extract_reactions(shared_nlp(), articles, matches, progress=progress)
    predicted["key"] = predicted["actor_id"]
    return predicted, {a.article_id: m.event.id for a, m in zip(articles, matches)}


def folder_corpus(name: str, *, articles_dir: Path, gold_dir: Path, progress=None) -> Corpus:
    """Articles of a folder scored against <id>.gold.csv / <id>.decoys.csv in gold_dir."""
    paths = sorted(
        p for p in articles_dir.iterdir() if p.suffix in {".md", ".txt", ".html"} and p.name != "README.md"
    )
    predicted, events = _predict(paths, defaults=ArticleDefaults(), progress=progress)
    gold, decoys = [], []
    for article_id, event_id in events.items():
        gold_path = gold_dir / f"{article_id}.gold.csv"
        if not gold_path.exists():
            raise FileNotFoundError(f"no gold labels for article '{article_id}': expected {gold_path}")
        gold.append(_read_gold(gold_path, article_id=article_id, event_id=event_id))
        decoys.append(_read_decoys(gold_dir / f"{article_id}.decoys.csv", article_id=article_id))
    return Corpus(name, pd.concat(gold, ignore_index=True), predicted, pd.concat(decoys, ignore_index=True))


def sample_corpus(*, progress=None) -> Corpus:
    return folder_corpus("samples", articles_dir=sample_dir(), gold_dir=GOLD_DIR, progress=progress)


def seed_corpus() -> Corpus | None:
    """The seed article's corpus, or None where ../shared/seed is absent."""
    texts = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not texts:
        return None
    predicted, events = _predict(
        texts, defaults=ArticleDefaults(event_id=SEED_METADATA["event_id"], published=SEED_METADATA["published"])
    )
    gold, decoys = [], []
    for text in texts:
        article_id = text.stem
        gold.append(_read_gold(text.with_suffix(".gold.csv"), article_id=article_id, event_id=events[article_id]))
        decoys.append(_read_decoys(text.with_suffix(".decoys.csv"), article_id=article_id))
    return Corpus("seed", pd.concat(gold, ignore_index=True), predicted, pd.concat(decoys, ignore_index=True))


def _actor_set(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(zip(frame["article_id"], frame["key"], frame["stance"]))


def _country_set(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    rows = frame[frame["country_iso3"].astype(str) != ""]
    return set(zip(rows["article_id"], rows["country_iso3"], rows["stance"]))


def _decoys_reported(corpus: Corpus) -> list[str]:
    """Decoys a predicted row reports: same actor, overlapping sentence, and not itself a gold reaction (the
    sentence that holds a decoy can also hold a true reaction of the same actor)."""
    reported = []
    gold = _actor_set(corpus.gold)
    for decoy in corpus.decoys.itertuples(index=False):
        rows = corpus.predicted[corpus.predicted["article_id"] == decoy.article_id]
        rows = rows[[(a, k, s) not in gold for a, k, s in zip(rows["article_id"], rows["key"], rows["stance"])]]
        name = fold(decoy.actor)
        key = gold_key(pd.Series({"actor": decoy.actor}))
        snippet = fold(decoy.text_snippet)
        for row in rows.itertuples(index=False):
            same_actor = row.key == key or name in fold(row.actor) or fold(row.actor) in name
            sentence = fold(row.sentence)
            if same_actor and (snippet in sentence or sentence in snippet):
                reported.append(f"{decoy.article_id}: {decoy.actor}: {decoy.text_snippet}")
                break
    return reported


def score(corpus: Corpus) -> Scores:
    gold, predicted = corpus.gold, corpus.predicted
    by_event = {}
    for event_id in sorted(set(gold["event_id"])):
        articles = set(gold.loc[gold["event_id"] == event_id, "article_id"])
        g, p = gold[gold["article_id"].isin(articles)], predicted[predicted["article_id"].isin(articles)]
        by_event[event_id] = (prf(_actor_set(g), _actor_set(p)), prf(_country_set(g), _country_set(p)))
    by_stance = {
        stance: prf(_actor_set(gold[gold["stance"] == stance]), _actor_set(predicted[predicted["stance"] == stance]))
        for stance in sorted(set(gold["stance"]) | set(predicted["stance"]))
    }
    merged = gold.merge(
        predicted[["article_id", "key", "stance", "quote", "reaction_date"]],
        on=["article_id", "key", "stance"],
        how="inner",
        suffixes=("_gold", "_pred"),
    )
    quoted = merged[merged["quote_gold"] != ""]
    quotes_ok = sum(
        fold(" ".join(g.split())) in fold(" ".join(str(p).split()))
        for g, p in zip(quoted["quote_gold"], quoted["quote_pred"])
    )
    dated = merged[merged["reaction_date_gold"] != ""]
    pred_dates = pd.to_datetime(dated["reaction_date_pred"]).dt.strftime("%Y-%m-%d").fillna("")
    dates_ok = int((pred_dates.to_numpy() == dated["reaction_date_gold"].to_numpy()).sum())
    undated = merged[merged["reaction_date_gold"] == ""]
    spurious_dates = int(undated["reaction_date_pred"].notna().sum())
    gold_set, pred_set = _actor_set(gold), _actor_set(predicted)
    return Scores(
        name=corpus.name,
        actor=prf(gold_set, pred_set),
        country=prf(_country_set(gold), _country_set(predicted)),
        by_event=by_event,
        by_stance=by_stance,
        decoys_reported=_decoys_reported(corpus),
        n_decoys=len(corpus.decoys),
        quotes=(int(quotes_ok), len(quoted)),
        dates=(dates_ok, len(dated)),
        dates_spurious=spurious_dates,
        missed=sorted(" | ".join(row) for row in gold_set - pred_set),
        spurious=sorted(" | ".join(row) for row in pred_set - gold_set),
    )


def evaluate_all(
    *, progress: Callable[[int, int, str], None] | None = None, holdout: bool = False
) -> list[Scores]:
    """Scores for the seed (when present), the samples and, on request, the held-out articles."""
    results = [score(sample_corpus(progress=progress))]
    seed = seed_corpus()
    if seed is not None:
        results.insert(0, score(seed))
    if holdout:
        results.append(score(folder_corpus("holdout", articles_dir=HOLDOUT_DIR, gold_dir=HOLDOUT_DIR)))
    return results


def _line(label: str, value: PRF) -> str:
    return f"  {label:<34} P {value.precision:.3f}  R {value.recall:.3f}  F1 {value.f1:.3f}  (tp {value.tp}, fp {value.fp}, fn {value.fn})"


def format_report(results: Iterable[Scores], *, details: bool = False) -> str:
    lines = []
    for s in results:
        lines.append(f"== {s.name}")
        lines.append(_line("actor level", s.actor))
        lines.append(_line("country level", s.country))
        for event_id, (actor, country) in s.by_event.items():
            lines.append(_line(f"{event_id} (actor)", actor))
            lines.append(_line(f"{event_id} (country)", country))
        for stance, value in s.by_stance.items():
            lines.append(_line(f"stance {stance}", value))
        lines.append(f"  decoys reported: {len(s.decoys_reported)} of {s.n_decoys}")
        lines.extend(f"    - {d}" for d in s.decoys_reported)
        q_ok, q_all = s.quotes
        d_ok, d_all = s.dates
        lines.append(f"  quote accuracy: {q_ok}/{q_all}" + (f" = {q_ok / q_all:.3f}" if q_all else ""))
        lines.append(f"  date accuracy: {d_ok}/{d_all}" + (f" = {d_ok / d_all:.3f}" if d_all else "")
                     + f"; dated where gold has no date: {s.dates_spurious}")
        if details:
            lines.extend(f"    missed: {m}" for m in s.missed)
            lines.extend(f"    spurious: {m}" for m in s.spurious)
    return "\n".join(lines)


def figures(scores: Scores) -> dict[str, float]:
    """The figures the floors file can name."""
    q_ok, q_all = scores.quotes
    d_ok, d_all = scores.dates
    return {
        "actor_f1": scores.actor.f1,
        "actor_precision": scores.actor.precision,
        "actor_recall": scores.actor.recall,
        "country_f1": scores.country.f1,
        "decoys_reported": float(len(scores.decoys_reported)),
        "quote_accuracy": q_ok / q_all if q_all else 1.0,
        "date_accuracy": d_ok / d_all if d_all else 1.0,
    }


def load_floors(path: Path = FLOORS_PATH) -> dict[str, dict[str, float]]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def check_floors(results: Iterable[Scores], *, floors: dict | None = None) -> list[str]:
    """Figures below their floor (or, for decoys_reported, above its ceiling)."""
    floors = load_floors() if floors is None else floors
    failures = []
    for s in results:
        values = figures(s)
        for name, floor in (floors.get(s.name) or {}).items():
            if name == "decoys_reported":
                if values[name] > floor:
                    failures.append(f"{s.name} {name} {values[name]:.0f} > {floor}")
            elif values[name] < floor:
                failures.append(f"{s.name} {name} {values[name]:.3f} < {floor}")
    return failures

"""Scoring extraction against gold labels, per corpus, and the floors the test suite gates on.

Corpora (each with ``<article id>.gold.csv`` and optional ``.decoys.csv``; columns in tests/gold/README.md):

- ``seed``: the founding article in ``../shared/seed/`` (when that folder is present);
- ``samples``: the project's own articles (``sample_articles/``, gold in ``tests/gold/``) — rules were written
  against them, so their figure flatters;
- ``holdout``: ``tests/holdout/``, written apart from the rules and never used to tune them;
- ``real-dev`` and ``real-test``: real news excerpts (``tests/real/``; texts present only where they were
  fetched, see its README). Rules are written against dev; for test only figures are shown, never its errors.

Matching does not use the pipeline's gazetteer, so a wrong alias in the pipeline's tables shows as an error:
within an article and a stance, a predicted row matches a gold row when their actors agree (``actors_agree``) —
a government or royal family by its country, an organisation or a person by name (spelling variants allowed)
with countries that do not disagree. Each gold row matches at most one predicted row and the other way round.
Country-level scores compare (article, country, stance) sets. Quote and date accuracy count over every gold row
that has a quote or a date: a row that was not found counts as wrong. A decoy counts as reported when a predicted
row that matches no gold row names the decoy's actor and one of its evidence sentences overlaps the decoy's text.

The floors live in ``tests/eval_floors.yaml``; a floor is only ever raised (trafilatura's eval gate idea).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pandas as pd
import yaml

from pipeline import real_reporting
from pipeline.articles import Article, ArticleDefaults, normalise_text, read_articles, read_text_article
from pipeline.build import REPO_DIR, match_articles, sample_dir
from pipeline.events import load_events
from pipeline.names import fold

GOLD_DIR = REPO_DIR / "tests" / "gold"
# Articles written apart from the rules and never used to tune them.
HOLDOUT_DIR = REPO_DIR / "tests" / "holdout"
FLOORS_PATH = REPO_DIR / "tests" / "eval_floors.yaml"
SEED_DIR = REPO_DIR.parent / "shared" / "seed"
SEED_METADATA = {"event_id": "us-2020-election", "published": dt.date(2020, 11, 9)}
_SEED_GOLD_RENAMES = {"actor_country_iso3": "country_iso3", "quote_start": "quote"}
CORPORA = ("seed", "samples", "holdout", "real-dev", "real-test")
# Corpora whose errors are never printed: their texts and errors are not to be read.
BLIND_CORPORA = frozenset({"real-test"})
# A gold name that stands for a government or a royal family rather than a person.
_BODY_SUFFIXES = ("government", "ministry", "embassy", "office", "kremlin", "royal family", "royal court")
# Words that do not tell two names apart ("Mohammed bin Salman", "Abdel Fattah el-Sisi").
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "da", "do", "dos", "van", "von", "der", "la", "le", "the", "of"})
# Spelling variants of one name (transliterations: "Zelensky" / "Zelenskyy") are at least this similar.
_SPELLING_RATIO = 0.85


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
    gold: pd.DataFrame  # article_id, event_id, event_kind, actor, country_iso3, actor_type, stance, date, quote
    predicted: pd.DataFrame  # the reactions table
    decoys: pd.DataFrame  # article_id, actor, text_snippet, why
    texts: dict[str, str]  # article id -> normalised text (evidence offsets index into it)
    absent: tuple[str, ...] = ()  # articles of the corpus whose text is not on this machine


@dataclasses.dataclass(frozen=True)
class Scores:
    name: str
    n_articles: int
    actor: PRF
    country: PRF
    by_event: dict[str, tuple[PRF, PRF]]
    by_kind: dict[str, tuple[PRF, PRF]]
    by_stance: dict[str, PRF]
    decoys_reported: list[str]
    n_decoys: int
    quotes: tuple[int, int]  # correct, gold rows with a quote
    dates: tuple[int, int]  # correct, gold rows with a date
    dates_spurious: int  # matched rows dated where gold gives no date
    missed: list[str]
    spurious: list[str]
    absent: tuple[str, ...] = ()

    @property
    def blind(self) -> bool:
        return self.name in BLIND_CORPORA


# --- actors agree ----------------------------------------------------------------------------------------------


def _name_words(name: str) -> list[str]:
    return [w for w in re.split(r"[^\w]+", fold(name)) if w]


def _is_body(name: str) -> bool:
    return fold(name).strip().endswith(_BODY_SUFFIXES)


def names_agree(a: str, b: str) -> bool:
    """Two names of one person or organisation: equal, one within the other ("Lula" in "Luiz Inácio Lula da
    Silva", "Tamim bin Hamad Al Thani" in "Sheikh Tamim bin Hamad Al Thani"), or spelled nearly alike."""
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if set(short) <= set(long_) and set(short) - _PARTICLES:
        return True
    joined_a, joined_b = " ".join(wa), " ".join(wb)
    if difflib.SequenceMatcher(None, joined_a, joined_b).ratio() >= _SPELLING_RATIO:
        return True
    # One spelling variant in the surname, the rest the same: "Volodymyr Zelensky" / "Volodymyr Zelenskyy".
    return (
        len(wa) == len(wb) > 1 and wa[:-1] == wb[:-1]
        and difflib.SequenceMatcher(None, wa[-1], wb[-1]).ratio() >= _SPELLING_RATIO
    )


def actors_agree(gold: dict, predicted: dict) -> bool:
    """Whether a gold row and a predicted row name the same actor (see the module docstring)."""
    gold_country, pred_country = gold.get("country_iso3", ""), predicted.get("country_iso3", "")
    actor_id = str(predicted.get("actor_id", ""))
    kind, _, key = actor_id.partition(":")
    if _is_body(gold["actor"]) or gold.get("actor_type") == "royal" and "royal" in fold(gold["actor"]):
        wanted = "royal" if gold.get("actor_type") == "royal" else "gov"
        return kind == wanted and bool(gold_country) and key == gold_country
    if gold_country and pred_country and gold_country != pred_country:
        return False
    if kind == "org":
        # An organisation is named by its name or by its acronym ("G7" is the "Group of Seven").
        return names_agree(gold["actor"], predicted["actor"]) or names_agree(gold["actor"], key.replace("_", " "))
    if kind in {"gov", "royal"}:
        return False  # a person or an organisation in gold; a government in the prediction
    return names_agree(gold["actor"], predicted["actor"])


def match_rows(gold: pd.DataFrame, predicted: pd.DataFrame) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs: same article, same stance, actors agree; one-to-one, greedy in
    gold order, exact names first."""
    pairs: list[tuple[int, int]] = []
    by_key: dict[tuple[str, str], list[tuple[int, dict]]] = {}
    for index, row in zip(predicted.index, predicted.to_dict("records")):
        by_key.setdefault((row["article_id"], row["stance"]), []).append((index, row))
    taken: set[int] = set()
    gold_rows = list(zip(gold.index, gold.to_dict("records")))
    for exact_only in (True, False):
        matched_gold = {g for g, _ in pairs}
        for g_index, g_row in gold_rows:
            if g_index in matched_gold:
                continue
            for p_index, p_row in by_key.get((g_row["article_id"], g_row["stance"]), []):
                if p_index in taken:
                    continue
                exact = fold(g_row["actor"]) == fold(p_row["actor"])
                if (exact if exact_only else actors_agree(g_row, p_row)):
                    pairs.append((g_index, p_index))
                    taken.add(p_index)
                    break
    return pairs


# --- corpora ---------------------------------------------------------------------------------------------------


def _read_gold(path: Path, *, article_id: str, event_id: str, event_kind: str) -> pd.DataFrame:
    gold = pd.read_csv(path, dtype=str, keep_default_na=False).rename(columns=_SEED_GOLD_RENAMES)
    gold["article_id"] = article_id
    gold["event_id"] = event_id
    gold["event_kind"] = event_kind
    gold["quote"] = gold["quote"].map(normalise_text) if len(gold) else []
    return gold


def _read_decoys(path: Path, *, article_id: str) -> pd.DataFrame:
    if not path.exists():
        return pd.DataFrame(columns=["article_id", "actor", "text_snippet", "why"])
    decoys = pd.read_csv(path, dtype=str, keep_default_na=False)
    decoys["article_id"] = article_id
    decoys["text_snippet"] = decoys["text_snippet"].map(normalise_text)
    return decoys


def _extract(articles: list[Article], *, events_file: Path | None, cli_event: str | None = None, progress=None):
    from pipeline.extract import extract_reactions
    from pipeline.nlp import shared_nlp

    events = load_events(events_file)
    articles, matches, unmatched = match_articles(articles, events=events, cli_event=cli_event)
    if unmatched:
        raise ValueError("gold articles without an event: " + "; ".join(s.path for s in unmatched))
    predicted = extract_reactions(shared_nlp(), articles, matches, progress=progress)
    return predicted, {a.article_id: m.event for a, m in zip(articles, matches)}, {a.article_id: a.text for a in articles}


def _corpus(name: str, articles: list[Article], gold_path: Callable[[str], Path], *, events_file: Path | None = None,
            cli_event: str | None = None, progress=None, absent: Sequence[str] = ()) -> Corpus:
    predicted, events, texts = _extract(articles, events_file=events_file, cli_event=cli_event, progress=progress)
    gold, decoys = [], []
    for article_id, event in events.items():
        path = gold_path(article_id)
        if not path.exists():
            raise FileNotFoundError(f"no gold labels for article '{article_id}': expected {path}")
        gold.append(_read_gold(path, article_id=article_id, event_id=event.id, event_kind=event.kind))
        decoys.append(_read_decoys(path.with_name(f"{article_id}.decoys.csv"), article_id=article_id))
    return Corpus(name, pd.concat(gold, ignore_index=True), predicted, pd.concat(decoys, ignore_index=True),
                  texts, tuple(absent))


def _read_folder(paths: list[Path], *, defaults: ArticleDefaults = ArticleDefaults()) -> list[Article]:
    articles, skipped = read_articles(paths, defaults=defaults, known_event_ids=load_events())
    if skipped:
        raise ValueError("gold articles could not be read: " + "; ".join(f"{s.path}: {s.reason}" for s in skipped))
    return articles


def folder_corpus(name: str, *, articles_dir: Path, gold_dir: Path, progress=None) -> Corpus:
    """Articles of a folder scored against <id>.gold.csv / <id>.decoys.csv in gold_dir."""
    paths = sorted(
        p for p in articles_dir.iterdir() if p.suffix in {".md", ".txt", ".html"} and p.name != "README.md"
    )
    return _corpus(name, _read_folder(paths), lambda article_id: gold_dir / f"{article_id}.gold.csv",
                   progress=progress)


def sample_corpus(*, progress=None) -> Corpus:
    return folder_corpus("samples", articles_dir=sample_dir(), gold_dir=GOLD_DIR, progress=progress)


def holdout_corpus(*, progress=None) -> Corpus:
    return folder_corpus("holdout", articles_dir=HOLDOUT_DIR, gold_dir=HOLDOUT_DIR, progress=progress)


def seed_corpus() -> Corpus | None:
    """The seed article's corpus, or None where ../shared/seed is absent."""
    texts = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not texts:
        return None
    defaults = ArticleDefaults(event_id=SEED_METADATA["event_id"], published=SEED_METADATA["published"])
    return _corpus("seed", _read_folder(texts, defaults=defaults), lambda article_id: SEED_DIR / f"{article_id}.gold.csv",
                   cli_event=SEED_METADATA["event_id"])


def real_articles(split: str) -> tuple[list[Article], list[str]]:
    """The real-reporting articles of a split whose text is present and unchanged, and the ids of the others."""
    present, absent = [], []
    for row in real_reporting.load_manifest():
        if row.split != split:
            continue
        path = row.text_path
        text = path.read_text(encoding="utf-8") if path.exists() else None
        if text is None or real_reporting.text_sha256(text) != row.sha256:
            absent.append(row.id)
            continue
        article = read_text_article(
            text, article_id=row.id, source=row.outlet, url=row.url,
            published=row.published or None, event_id=row.event,
        )
        if not isinstance(article, Article):
            raise ValueError(f"real article {row.id} could not be read: {article.reason}")
        present.append(article)
    return present, absent


def real_corpus(split: str, *, progress=None) -> Corpus | None:
    """A split of the real-reporting corpus, or None when none of its texts is on this machine."""
    articles, absent = real_articles(split)
    if not articles:
        return None
    return _corpus(f"real-{split}", articles, lambda article_id: real_reporting.GOLD_DIR / f"{article_id}.gold.csv",
                   events_file=real_reporting.EVENTS_PATH, progress=progress, absent=absent)


def real_absent() -> dict[str, int]:
    """Per split, how many manifest articles have no (unchanged) text on this machine."""
    counts = {split: 0 for split in real_reporting.SPLITS}
    for row in real_reporting.load_manifest():
        ok = row.text_path.exists() and real_reporting.text_sha256(
            row.text_path.read_text(encoding="utf-8")) == row.sha256
        counts[row.split] += 0 if ok else 1
    return counts


def load_corpus(name: str, *, progress=None) -> Corpus | None:
    """A corpus by name (CORPORA), or None when it is not on this machine."""
    if name == "seed":
        return seed_corpus()
    if name == "samples":
        return sample_corpus(progress=progress)
    if name == "holdout":
        return holdout_corpus(progress=progress)
    if name in {"real-dev", "real-test"}:
        return real_corpus(name.removeprefix("real-"), progress=progress)
    raise ValueError(f"unknown corpus '{name}' (known: {', '.join(CORPORA)})")


# --- scoring ---------------------------------------------------------------------------------------------------


def _country_set(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    rows = frame[frame["country_iso3"].astype(str) != ""]
    return set(zip(rows["article_id"], rows["country_iso3"], rows["stance"]))


def _actor_prf(gold: pd.DataFrame, predicted: pd.DataFrame, pairs: list[tuple[int, int]]) -> PRF:
    g, p = set(gold.index), set(predicted.index)
    tp = sum(1 for gi, pi in pairs if gi in g and pi in p)
    return PRF(tp=tp, fp=len(p) - tp, fn=len(g) - tp)


def _evidence_texts(row: dict, texts: dict[str, str]) -> list[str]:
    text = texts.get(row["article_id"], "")
    spans = row.get("evidence_spans") or []
    found = [text[s["start_char"]:s["end_char"]] for s in spans if text]
    return found or [row["sentence"]]


def _decoys_reported(corpus: Corpus, unmatched: pd.DataFrame) -> list[str]:
    """Decoys a predicted row that matches no gold row reports: same actor, and one of its evidence sentences
    overlaps the decoy's text (the sentence that holds a decoy can also hold a true reaction)."""
    reported = []
    rows_by_article: dict[str, list[dict]] = {}
    for row in unmatched.to_dict("records"):
        rows_by_article.setdefault(row["article_id"], []).append(row)
    for decoy in corpus.decoys.itertuples(index=False):
        name, snippet = fold(decoy.actor), fold(decoy.text_snippet)
        for row in rows_by_article.get(decoy.article_id, []):
            same_actor = names_agree(decoy.actor, row["actor"]) or name in fold(row["actor"]) or (
                fold(row["actor"]) in name
            )
            sentences = [fold(s) for s in _evidence_texts(row, corpus.texts)]
            if same_actor and any(snippet in s or s in snippet for s in sentences):
                reported.append(f"{decoy.article_id}: {decoy.actor}: {decoy.text_snippet}")
                break
    return reported


def _row_label(row: dict) -> str:
    return f"{row['article_id']} | {row['actor']} | {row['stance']}"


def score(corpus: Corpus) -> Scores:
    gold, predicted = corpus.gold, corpus.predicted
    pairs = match_rows(gold, predicted)
    gold_of = dict(pairs)
    pred_matched = {p for _, p in pairs}

    def split_prf(column: str, value: str) -> tuple[PRF, PRF]:
        articles = set(gold.loc[gold[column] == value, "article_id"])
        g, p = gold[gold["article_id"].isin(articles)], predicted[predicted["article_id"].isin(articles)]
        return _actor_prf(g, p, pairs), prf(_country_set(g), _country_set(p))

    quoted = gold[gold["quote"] != ""]
    quotes_ok = 0
    for g_index, row in quoted.iterrows():
        if g_index in gold_of:
            predicted_quote = str(predicted.at[gold_of[g_index], "quote"])
            quotes_ok += fold(" ".join(row["quote"].split())) in fold(" ".join(predicted_quote.split()))
    dated = gold[gold["reaction_date"] != ""]
    dates_ok = 0
    for g_index, row in dated.iterrows():
        if g_index in gold_of:
            day = predicted.at[gold_of[g_index], "reaction_date"]
            dates_ok += not pd.isna(day) and day.strftime("%Y-%m-%d") == row["reaction_date"]
    undated = [g for g in gold.index if gold.at[g, "reaction_date"] == "" and g in gold_of]
    spurious_dates = sum(not pd.isna(predicted.at[gold_of[g], "reaction_date"]) for g in undated)
    unmatched = predicted[~predicted.index.isin(pred_matched)]
    return Scores(
        name=corpus.name,
        n_articles=len(corpus.texts),
        actor=_actor_prf(gold, predicted, pairs),
        country=prf(_country_set(gold), _country_set(predicted)),
        by_event={e: split_prf("event_id", e) for e in sorted(set(gold["event_id"]))},
        by_kind={k: split_prf("event_kind", k) for k in sorted(set(gold["event_kind"]))},
        by_stance={
            stance: _actor_prf(gold[gold["stance"] == stance], predicted[predicted["stance"] == stance], pairs)
            for stance in sorted(set(gold["stance"]) | set(predicted["stance"]))
        },
        decoys_reported=_decoys_reported(corpus, unmatched),
        n_decoys=len(corpus.decoys),
        quotes=(int(quotes_ok), len(quoted)),
        dates=(int(dates_ok), len(dated)),
        dates_spurious=int(spurious_dates),
        missed=sorted(_row_label(r) for i, r in zip(gold.index, gold.to_dict("records")) if i not in gold_of),
        spurious=sorted(_row_label(r) for r in unmatched.to_dict("records")),
        absent=corpus.absent,
    )


def evaluate_all(
    *, progress: Callable[[int, int, str], None] | None = None, corpora: Iterable[str] = ("seed", "samples")
) -> list[Scores]:
    """Scores for each named corpus that is on this machine, in CORPORA order."""
    wanted = set(corpora)
    results = []
    for name in CORPORA:
        if name in wanted and (corpus := load_corpus(name, progress=progress)) is not None:
            results.append(score(corpus))
    return results


# --- reporting and floors --------------------------------------------------------------------------------------


def _line(label: str, value: PRF) -> str:
    return (f"  {label:<40} P {value.precision:.3f}  R {value.recall:.3f}  F1 {value.f1:.3f}"
            f"  (tp {value.tp}, fp {value.fp}, fn {value.fn})")


def format_report(results: Iterable[Scores], *, details: bool = False) -> str:
    lines = []
    for s in results:
        absent = f"; {len(s.absent)} absent (texts not on this machine)" if s.absent else ""
        lines.append(f"== {s.name} ({s.n_articles} articles{absent})")
        lines.append(_line("actor level", s.actor))
        lines.append(_line("country level", s.country))
        for kind, (actor, country) in s.by_kind.items():
            lines.append(_line(f"kind {kind} (actor)", actor))
        for event_id, (actor, country) in s.by_event.items():
            lines.append(_line(f"{event_id} (actor)", actor))
            lines.append(_line(f"{event_id} (country)", country))
        for stance, value in s.by_stance.items():
            lines.append(_line(f"stance {stance}", value))
        lines.append(f"  decoys reported: {len(s.decoys_reported)} of {s.n_decoys}")
        if not s.blind:
            lines.extend(f"    - {d}" for d in s.decoys_reported)
        q_ok, q_all = s.quotes
        d_ok, d_all = s.dates
        lines.append(f"  quotes right: {q_ok}/{q_all}" + (f" = {q_ok / q_all:.3f}" if q_all else "")
                     + " (of all gold rows with a quote)")
        lines.append(f"  dates right: {d_ok}/{d_all}" + (f" = {d_ok / d_all:.3f}" if d_all else "")
                     + f" (of all gold rows with a date); dated where gold has no date: {s.dates_spurious}")
        if details and s.blind:
            lines.append("  (errors of this corpus are not shown: its texts and errors are not to be read)")
        elif details:
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

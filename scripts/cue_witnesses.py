"""Record where each phrase of the cue lexicon is witnessed, and list the phrases with too few witnesses.

    python scripts/cue_witnesses.py            search the seed, the samples and the real dev split (those present),
                                               write tests/cue_witnesses.csv, print the phrases short of witnesses

Rows of corpora that are absent on this machine (the real texts, the seed) are kept from the existing file, so a
run without them does not forget what was witnessed there. See pipeline/witnesses.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline import witnesses as w  # noqa: E402


def main() -> int:
    kept = [x for x in w.read_witnesses()]
    found = []
    searched = []
    for corpus in w.WITNESS_CORPORA:
        articles = w.corpus_articles(corpus)
        if not articles:
            print(f"{corpus}: not on this machine; its recorded witnesses are kept", file=sys.stderr)
            continue
        searched.append(corpus)
        found.extend(w.find_witnesses(corpus, articles))
    rows = [x for x in kept if x.corpus not in searched] + found
    w.write_witnesses(rows)
    short = w.short_of_witnesses(w.lexicon_phrase_ids(), rows)
    print(f"{len(set(rows))} witnesses of {len(w.lexicon_phrase_ids())} phrases written to {w.WITNESS_PATH}")
    for phrase_id, n in sorted(short.items()):
        print(f"short: {phrase_id} ({n} source{'s' if n != 1 else ''})")
    return 1 if short else 0


if __name__ == "__main__":
    sys.exit(main())

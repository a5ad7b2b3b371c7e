"""Latency of the document-reference finder per article.

usage: python bench/bench_documents.py [--shared ../shared] [--n 500] [--seed 13] [--repeat 3]

``run(texts)`` times ``DocumentRefFinder.find`` on each text (already prepared) and returns per-article
latency percentiles in ms, plus the same normalised to 3,000 characters. The ``__main__`` samples ~500 real
articles (fixed seed) from shared/data/topic/vnexpress_dantri_2024.jsonl.gz, prepares them with
``tagger.text.prepare`` (not timed) and prints the figures.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tagger.documents import DocumentRefFinder
from tagger.text import prepare


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def run(texts: list[str], repeat: int = 3, finder: DocumentRefFinder | None = None) -> dict:
    """Best-of-``repeat`` latency of ``find`` per text; returns ms figures."""
    finder = finder or DocumentRefFinder()
    for t in texts[:20]:  # warm-up
        finder.find(t)
    per, per3k, refs = [], [], 0
    for t in texts:
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            out = finder.find(t)
            best = min(best, time.perf_counter() - t0)
        refs += len(out)
        ms = best * 1000
        per.append(ms)
        per3k.append(ms * 3000 / max(len(t), 1))
    return {
        "articles": len(texts),
        "mean_chars": round(statistics.mean(len(t) for t in texts), 1) if texts else 0,
        "p50_ms": round(_pct(per, 0.5), 4), "p95_ms": round(_pct(per, 0.95), 4), "max_ms": round(max(per), 4),
        "p50_ms_per_3000_chars": round(_pct(per3k, 0.5), 4), "p95_ms_per_3000_chars": round(_pct(per3k, 0.95), 4),
        "documents_found": refs,
    }


def load_articles(shared: Path, n: int, seed: int) -> list[str]:
    path = shared / "data" / "topic" / "vnexpress_dantri_2024.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(ln) for ln in f]
    random.Random(seed).shuffle(rows)
    texts = []
    for r in rows[:n]:
        body = ((r.get("title") or "") + "\n" + (r.get("text") or "")).strip()
        texts.append(prepare(body).clean)
    return texts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    texts = load_articles(Path(args.shared), args.n, args.seed)
    res = run(texts, repeat=args.repeat)
    print(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Latency of the topic stage (section + is_political + topics) per article.

    python bench/bench_topics.py [--shared ../shared] [--model models/default/topics] [--n 500]

``run(texts)`` times ``TopicClassifier.predict`` on each text (as the engine calls it, on the
cleaned text) and returns p50/p95/mean milliseconds per article. The __main__ samples ~500 real
articles (fixed seed) from ../shared/data/topic/, cut to 3,000 characters like a typical article.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tagger.text import normalize, prepare  # noqa: E402
from tagger.topics import TopicClassifier  # noqa: E402

DEFAULT_MODEL = ROOT / "models" / "default" / "topics"
FILES = ("vnexpress_dantri_2024.jsonl.gz", "vn4src_2017_2020.jsonl.gz", "dantri_2020_2021.jsonl.gz",
         "vnexpress_2024_sections.jsonl.gz")


def sample_articles(shared: Path, n: int = 500, chars: int = 3000, seed: int = 0) -> list[str]:
    """n articles of at least ``chars`` characters (cut to that length), drawn with a fixed seed."""
    pool = []
    for name in FILES:
        with gzip.open(Path(shared) / "data" / "topic" / name, "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i >= 3000:
                    break
                d = json.loads(line)
                text = normalize("\n".join(p for p in (d.get("title"), d.get("sapo"), d.get("text")) if p))
                if len(text) >= chars:
                    pool.append(text[:chars])
    random.Random(seed).shuffle(pool)
    return pool[:n]


def run(texts: list[str], model: Path | str = DEFAULT_MODEL, top_k: int | None = None) -> dict:
    """p50/p95/mean ms per article for the topic stage on the given texts."""
    model = Path(model)
    config = json.loads((model / "component.json").read_text(encoding="utf-8"))["config"]
    clf = TopicClassifier.load(model, config)
    cleaned = [prepare(t).clean for t in texts]
    for t in cleaned[:20]:  # warm up
        clf.predict(t, top_k=top_k)
    times = []
    for t in cleaned:
        t0 = time.perf_counter()
        clf.predict(t, top_k=top_k)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    n = len(times)
    return {"articles": n, "mean_chars": round(sum(map(len, cleaned)) / max(n, 1)),
            "p50_ms": round(times[n // 2], 3), "p95_ms": round(times[min(n - 1, int(n * 0.95))], 3),
            "mean_ms": round(sum(times) / max(n, 1), 3)}


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--n", type=int, default=500)
    args = ap.parse_args()
    print(json.dumps(run(sample_articles(args.shared, args.n), args.model)))

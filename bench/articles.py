"""The fixed benchmark sample: real articles of mixed length from ``shared/data/topic/``.

The same seed and the same corpus files give the same articles in the same order, so two runs
(or two machines) measure the same work. Lengths are stratified so that short CMS items, the
"3,000-character article" of the latency target and long features are all represented whatever
the corpus's own distribution; each length band is drawn half from each corpus (VnExpress/Dân trí
2024 articles carry a title; vn4src 2017-2020 is body only).

Nothing here is written into the repository: the corpora may not be redistributed.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import random
from pathlib import Path

SEED = 20241124
SOURCES = ("vnexpress_dantri_2024", "vn4src_2017_2020")
# (low, high, share of the sample): chars of title + "\n" + body, i.e. what the engine reads
BANDS = (
    (300, 1500, 0.20),
    (1500, 2500, 0.20),
    (2500, 3500, 0.30),   # the "3,000-character article" of the latency target
    (3500, 6000, 0.20),
    (6000, 15000, 0.10),
)
TARGET_BAND = (2500, 3500)


def article_chars(article: dict) -> int:
    title = article.get("title")
    return len(article["body"]) + (len(title) + 1 if title else 0)


def _read(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            body = (rec.get("text") or "").strip()
            if not body:
                continue
            art = {"id": str(rec.get("id")), "body": body}
            if rec.get("title"):
                art["title"] = rec["title"].strip()
            yield art


def _quotas(n: int) -> list[int]:
    """Split n over the bands by share, largest remainders first, so the total is exactly n."""
    raw = [n * share for *_, share in BANDS]
    quotas = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - quotas[i], reverse=True)[: n - sum(quotas)]:
        quotas[i] += 1
    return quotas


def load_sample(shared: str | Path = "../shared", n: int = 500, seed: int = SEED) -> list[dict]:
    """``n`` articles ({"id", "title"?, "body"}), stratified by length, deterministic for a seed."""
    topic = Path(shared) / "data" / "topic"
    missing = [s for s in SOURCES if not (topic / f"{s}.jsonl.gz").exists()]
    if missing:
        raise FileNotFoundError(f"benchmark corpora not found under {topic}: {', '.join(missing)} "
                                f"(pass --shared PATH to the shared data directory)")
    rng = random.Random(seed)
    # per source, per band: candidates in file order (deterministic), duplicates dropped
    pools: dict[tuple[str, int], list[dict]] = {}
    seen: set[str] = set()
    for source in SOURCES:
        for art in _read(topic / f"{source}.jsonl.gz"):
            digest = hashlib.sha1(art["body"].encode("utf-8")).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            chars = article_chars(art)
            for b, (lo, hi, _) in enumerate(BANDS):
                if lo <= chars < hi:
                    art["source"] = source
                    pools.setdefault((source, b), []).append(art)
                    break
    sample: list[dict] = []
    for b, quota in enumerate(_quotas(n)):
        halves = (quota - quota // 2, quota // 2)
        for source, k in zip(SOURCES, halves):
            pool = pools.get((source, b), [])
            sample.extend(rng.sample(pool, min(k, len(pool))))
    rng.shuffle(sample)  # mixed lengths in request order, not sorted by band
    return sample


def length_summary(articles: list[dict]) -> dict:
    lengths = sorted(article_chars(a) for a in articles)
    n = len(lengths)
    if not n:
        return {"n": 0}

    def q(p: float) -> int:
        return lengths[min(n - 1, int(p * n))]

    return {
        "n": n,
        "min": lengths[0], "p10": q(0.10), "p50": q(0.50), "p90": q(0.90), "max": lengths[-1],
        "mean": round(sum(lengths) / n),
        "bands": {f"{lo}-{hi}": sum(lo <= x < hi for x in lengths) for lo, hi, _ in BANDS},
        "by_source": {s: sum(a.get("source") == s for a in articles) for s in SOURCES},
    }


def in_target_band(article: dict) -> bool:
    lo, hi = TARGET_BAND
    return lo <= article_chars(article) <= hi

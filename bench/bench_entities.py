"""Entity-stage benchmark: ms per article of ``EntityRecognizer.predict`` and the ratio to underthesea.ner.

    .venv/bin/python -m bench.bench_entities --shared ../shared [--model models/default/entities]
        [--n 500] [--ner-n 50]

Articles: the fixed benchmark sample of ``bench.articles`` (real articles from shared/data/topic, seeded,
stratified by length). Each article is prepared once (``tagger.text.prepare``); only ``predict`` is timed,
on one core. underthesea.ner is slow, so both models are timed on the same first ``--ner-n`` articles,
interleaved article by article in the same process, and the ratio is the ratio of their total times.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tagger.text import build_text, prepare  # noqa: E402


def _pct(values: list[float], p: float) -> float:
    v = sorted(values)
    if not v:
        return 0.0
    k = (len(v) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def _load_recognizer(model: Path | None = None):
    from tagger.entities import EntityRecognizer
    return EntityRecognizer.load(Path(model) if model else ROOT / "models" / "default" / "entities")


def run(prepared_texts, recognizer=None, repeat: int = 1) -> dict:
    """Time ``predict`` over prepared texts (``PreparedText`` or plain strings): p50/p95/mean ms per article,
    and p50 for articles of 2,500-3,500 characters (the "3,000-character article")."""
    rec = recognizer or _load_recognizer()
    preps = [p if hasattr(p, "clean") else prepare(p) for p in prepared_texts]
    if preps:
        rec.predict(preps[0])  # warm caches (feature lru_caches, lazy imports) before timing
    times, band, n_ents = [], [], 0
    for p in preps:
        best = None
        for _ in range(max(1, repeat)):
            t0 = time.perf_counter()
            ents = rec.predict(p)
            dt = (time.perf_counter() - t0) * 1000
            best = dt if best is None else min(best, dt)
        n_ents += len(ents)
        times.append(best)
        if 2500 <= len(p.text) <= 3500:
            band.append(best)
    chars = sum(len(p.text) for p in preps)
    return {"articles": len(preps), "p50_ms": round(_pct(times, 50), 3), "p95_ms": round(_pct(times, 95), 3),
            "mean_ms": round(statistics.fmean(times), 3) if times else 0.0,
            "p50_ms_2500_3500_chars": round(_pct(band, 50), 3), "articles_2500_3500_chars": len(band),
            "ms_per_1000_chars": round(sum(times) / max(1, chars) * 1000, 3), "entities": n_ents}


def load_articles(shared: Path, n: int = 500) -> list[str]:
    """Article texts (title + body) of the benchmark sample."""
    from bench.articles import load_sample
    return [build_text(a["body"], title=a.get("title")) for a in load_sample(shared, n=n)]


def compare_underthesea(texts: list[str], recognizer=None) -> dict:
    """Our predict vs underthesea.ner on the same articles, interleaved, in this process. underthesea.ner
    is given one sentence at a time (``underthesea.sent_tokenize``), as ``python -m bench`` does: on a
    whole article at once it is much slower, which would flatter the ratio."""
    from underthesea import ner, sent_tokenize
    rec = recognizer or _load_recognizer()
    preps = [prepare(t) for t in texts]
    ner(texts[0][:200])  # load its model before timing
    rec.predict(preps[0])
    ours, theirs, chars = [], [], 0
    for t, p in zip(texts, preps):
        t0 = time.perf_counter()
        rec.predict(p)
        t1 = time.perf_counter()
        for s in sent_tokenize(t):
            if s.strip():
                ner(s)
        t2 = time.perf_counter()
        ours.append((t1 - t0) * 1000)
        theirs.append((t2 - t1) * 1000)
        chars += len(p.text)
    return {"articles": len(texts), "method": "underthesea.sent_tokenize, then underthesea.ner per sentence; "
            "interleaved with EntityRecognizer.predict (entity stage only)",
            "ours_mean_ms": round(statistics.fmean(ours), 3),
            "ours_ms_per_3000_chars": round(sum(ours) / max(1, chars) * 3000, 3),
            "underthesea_ner_mean_ms": round(statistics.fmean(theirs), 3),
            "ours_p50_ms": round(_pct(ours, 50), 3), "underthesea_ner_p50_ms": round(_pct(theirs, 50), 3),
            "speedup": round(sum(theirs) / max(1e-9, sum(ours)), 1)}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--model", default=str(ROOT / "models" / "default" / "entities"))
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--ner-n", type=int, default=50)
    args = ap.parse_args(argv)
    rec = _load_recognizer(Path(args.model))
    texts = load_articles(Path(args.shared), args.n)
    out = {"entities": run(texts, rec)}
    if args.ner_n:
        out["vs_underthesea_ner"] = compare_underthesea(texts[: args.ner_n], rec)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()

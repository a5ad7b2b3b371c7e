"""Distributional word clusters for the entity features, learnt from unlabelled news text.

    .venv/bin/python -m training.clusters --shared ../shared --out /tmp/clusters.tsv.gz

What it does (deterministic: fixed corpus order, seeded SVD and k-means):

1. reads the articles of ``shared/data/topic`` listed in ``CORPORA`` (VNTC and the 2017-2020 four-source
   corpus; the 2024 corpora are left out because the project's held-out and tuning gold articles are drawn
   from them, and the articles of ``gold/dev.jsonl`` are skipped by ``training.exclusion.DevFilter``), one
   copy of each text;
2. cuts them into syllable tokens exactly as the tagger does (``tagger.text.TOKEN_RE`` over the normalised
   text) and keys them by ``norm_syllable`` (lower case, one tone placement);
3. counts, for the frequent syllables and for the frequent syllable bigrams (Vietnamese words are mostly
   one or two syllables: "Hà Nội", "công ty"), the tokens at each offset -2, -1, +1, +2 around them
   (directional contexts, so "ông" left of a name and "cho" right of a verb are different contexts);
4. turns the counts into positive PMI (context counts smoothed by ^0.75), reduces them with a truncated SVD
   and clusters the unit-length vectors with k-means at several granularities (``LEVELS``);
5. also records, per syllable, how often the corpus writes it capitalised inside a sentence (a name-likeness
   prior for syllables an article writes only at the start of a sentence).

The table (``tagger.features.WordClusters``) goes into the entity component directory, where the bundle
manifest hashes it and the recognizer loads it once.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from array import array
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tagger.bundle import sha256_file  # noqa: E402
from tagger.features import CLUSTER_FILE, WordClusters  # noqa: E402
from tagger.lexicons import norm_syllable  # noqa: E402
from tagger.text import TOKEN_RE, normalize  # noqa: E402
from training.exclusion import DevFilter  # noqa: E402
from training.ner_data import read_jsonl  # noqa: E402

# the unlabelled corpora (shared/data/topic) and their terms
CORPORA = {
    "vntc10_train.jsonl.gz": "VNTC (Hoang et al., RIVF 2007): MIT licence",
    "vntc10_test.jsonl.gz": "VNTC (Hoang et al., RIVF 2007): MIT licence",
    "vn4src_2017_2020.jsonl.gz": "Vietnamnet, Dân trí, Thanh Niên, VnExpress 2017-2020: no licence stated "
                                 "(news articles, copyright of their publishers)",
}
DEFAULTS = {
    "levels": [64, 256, 1024],   # k-means granularities
    "syllables": 40000,          # most frequent syllables clustered (at least min_count occurrences)
    "bigrams": 100000,           # most frequent syllable bigrams clustered
    "min_count": 5,
    "contexts": 6000,            # most frequent tokens used as contexts (at each offset)
    "dim": 100,                  # SVD dimensions
    "seed": 0,
    "max_articles": 0,           # 0: all
    # feature options stored with the table (tagger.features.WordClusters); the capitalisation share did
    # not help on VLSP 2016 dev (0.8646 with, 0.8661 without), neighbours two away or the bigrams next to
    # the syllable's own neither (0.8634, 0.8649)
    "options": {"caps": False},
}
OFFSETS = (-2, -1, 1, 2)


def read_texts(shared: Path, max_articles: int = 0):
    """The unlabelled texts in a fixed order, without the dev gold articles (by id or text) and without repeated texts."""
    shared = Path(shared)
    dev = DevFilter(shared)
    seen: set[bytes] = set()
    n = 0
    for fname in CORPORA:
        for rec in read_jsonl(shared / "data" / "topic" / fname):
            text = "\n".join(x for x in (rec.get("title"), rec.get("sapo"), rec.get("text")) if x)
            if dev(rec) or dev.has_text(text):
                continue
            h = hashlib.sha1(text.encode("utf-8")).digest()
            if h in seen or not text.strip():
                continue
            seen.add(h)
            yield text
            n += 1
            if max_articles and n >= max_articles:
                return


def tokenize_corpus(texts) -> tuple[np.ndarray, list[str]]:
    """Every token of every text as an id into the returned list of distinct raw tokens; -1 between texts."""
    index: dict[str, int] = {}
    ids = array("i")
    for text in texts:
        toks = TOKEN_RE.findall(normalize(text))
        ids.extend([index.setdefault(t, len(index)) for t in toks])
        ids.append(-1)
    raw = [""] * len(index)
    for t, k in index.items():
        raw[k] = t
    return np.frombuffer(ids, dtype=np.int32), raw


def _is_word(s: str) -> bool:
    return any(c.isalpha() for c in s)


def _count_pairs(pairs, n_cols: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (row, column) pairs as keys row * n_cols + column, with their counts; ``pairs`` yields
    (rows, columns) arrays (one per context offset) so only one offset is in memory at a time."""
    keys, counts = [], []
    for rows, cols in pairs:
        k, c = np.unique(rows.astype(np.int64) * n_cols + cols, return_counts=True)
        keys.append(k)
        counts.append(c)
    return np.concatenate(keys), np.concatenate(counts).astype(np.float64)


def _ppmi_svd(keys: np.ndarray, counts: np.ndarray, n_rows: int, n_cols: int, dim: int, seed: int) -> np.ndarray:
    from scipy import sparse
    from sklearn.decomposition import TruncatedSVD
    m = sparse.csr_matrix((counts, (keys // n_cols, keys % n_cols)), shape=(n_rows, n_cols))
    total = m.sum()
    row_sum = np.asarray(m.sum(1)).ravel()
    col_sum = np.asarray(m.sum(0)).ravel() ** 0.75
    col_p = col_sum / col_sum.sum()
    m = m.tocoo()
    pmi = np.log(m.data / total) - np.log(row_sum[m.row] / total) - np.log(col_p[m.col])
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=(n_rows, n_cols))
    svd = TruncatedSVD(n_components=dim, algorithm="randomized", n_iter=7, random_state=seed)
    u = svd.fit_transform(ppmi)                     # U * S
    u = u / np.sqrt(svd.singular_values_)           # U * S^0.5 (better word similarities than U * S)
    norms = np.linalg.norm(u, axis=1, keepdims=True)
    return u / np.maximum(norms, 1e-12)


def _kmeans(x: np.ndarray, k: int, seed: int) -> np.ndarray:
    from sklearn.cluster import KMeans
    k = min(k, len(x))
    km = KMeans(n_clusters=k, n_init=1, max_iter=60, random_state=seed, algorithm="lloyd")
    return km.fit_predict(x)


def build_clusters(shared: Path, params: dict | None = None, log=print) -> tuple[WordClusters, dict]:
    p = {**DEFAULTS, **(params or {})}
    t0 = time.time()
    raw_ids, raw = tokenize_corpus(read_texts(shared, int(p["max_articles"])))
    log(f"tokens: {len(raw_ids)}, distinct raw: {len(raw)} ({time.time() - t0:.0f} s)")
    # raw token -> normalised key, capitalised flag
    norm_index: dict[str, int] = {}
    raw_norm = np.array([norm_index.setdefault(norm_syllable(t), len(norm_index)) for t in raw], dtype=np.int32)
    norms = [""] * len(norm_index)
    for t, k in norm_index.items():
        norms[k] = t
    raw_cap = np.array([t[:1].isupper() for t in raw], dtype=bool)
    raw_word = np.array([_is_word(t) for t in raw], dtype=bool)
    sep = raw_ids < 0
    safe = np.where(sep, 0, raw_ids)
    tok = np.where(sep, np.int32(-1), raw_norm[safe])           # normalised id per token, -1 between texts
    is_word = ~sep & raw_word[safe]
    cap = ~sep & raw_cap[safe]
    del raw_ids, safe
    counts = np.bincount(tok[tok >= 0], minlength=len(norms))
    norm_word = np.array([_is_word(t) for t in norms], dtype=bool)

    # contexts: the most frequent normalised tokens (punctuation too); other tokens and text edges -> none
    order = np.argsort(-counts, kind="stable")
    ctx_ids = order[: int(p["contexts"])]
    ctx_of = np.full(len(norms) + 1, -1, dtype=np.int32)        # index -1 (text edge) -> -1
    ctx_of[ctx_ids] = np.arange(len(ctx_ids))
    n_ctx = len(ctx_ids)

    # syllables to cluster: frequent words
    cand = [k for k in order if norm_word[k] and counts[k] >= p["min_count"]][: int(p["syllables"])]
    syl_of = np.full(len(norms) + 1, -1, dtype=np.int32)
    syl_of[cand] = np.arange(len(cand))
    n = len(tok)
    srow = syl_of[tok]
    n_cols = len(OFFSETS) * n_ctx

    def syllable_pairs():
        for k, off in enumerate(OFFSETS):
            lo, hi = max(0, -off), min(n, n - off)
            r, c = srow[lo:hi], ctx_of[tok[lo + off:hi + off]]
            ok = (r >= 0) & (c >= 0)
            yield r[ok], c[ok] + k * n_ctx

    keys, cnt = _count_pairs(syllable_pairs(), n_cols)
    vec = _ppmi_svd(keys, cnt, len(cand), n_cols, int(p["dim"]), int(p["seed"]))
    del keys, cnt, srow
    syl_ids = {lvl: _kmeans(vec, lvl, int(p["seed"])) for lvl in p["levels"]}
    log(f"syllables clustered: {len(cand)} ({time.time() - t0:.0f} s)")

    # bigrams of two words, both frequent syllables
    both = is_word[:-1] & is_word[1:] & (syl_of[tok[:-1]] >= 0) & (syl_of[tok[1:]] >= 0)
    pos = np.nonzero(both)[0]
    key = syl_of[tok[pos]].astype(np.int64) * len(cand) + syl_of[tok[pos + 1]]
    uniq, inv, bc = np.unique(key, return_inverse=True, return_counts=True)
    border = np.argsort(-bc, kind="stable")
    border = border[bc[border] >= p["min_count"]][: int(p["bigrams"])]
    big_of = np.full(len(uniq), -1, dtype=np.int64)
    big_of[border] = np.arange(len(border))
    brow = big_of[inv]
    ok_b = brow >= 0
    pos, brow = pos[ok_b], brow[ok_b]
    del inv, key, ok_b

    def bigram_pairs():
        for k, off in enumerate(OFFSETS):
            q = pos + off if off < 0 else pos + 1 + off     # left of the first syllable, right of the second
            c = ctx_of[tok[np.clip(q, 0, n - 1)]]
            c[(q < 0) | (q >= n)] = -1
            ok = c >= 0
            yield brow[ok], c[ok] + k * n_ctx

    keys, cnt = _count_pairs(bigram_pairs(), n_cols)
    bvec = _ppmi_svd(keys, cnt, len(border), n_cols, int(p["dim"]), int(p["seed"]))
    del keys, cnt, pos, brow
    big_ids = {lvl: _kmeans(bvec, lvl, int(p["seed"])) for lvl in p["levels"]}
    log(f"bigrams clustered: {len(border)} ({time.time() - t0:.0f} s)")

    # capitalised inside a sentence: after a word token, in the same text
    prev_word = np.zeros(n, dtype=bool)
    prev_word[1:] = is_word[:-1]
    mid = is_word & prev_word
    mid_tok = tok[mid]
    mid_all = np.bincount(mid_tok, minlength=len(norms))
    mid_cap = np.bincount(mid_tok[cap[mid]], minlength=len(norms))

    levels = [int(x) for x in p["levels"]]
    syllables = {}
    for i, k in enumerate(cand):
        m = int(mid_all[k])
        caps = round(mid_cap[k] / m, 2) if m >= 5 else -1.0
        syllables[norms[k]] = (tuple(int(syl_ids[lvl][i]) for lvl in levels), caps)
    bigrams = {}
    for j, u in enumerate(uniq[border]):
        a, b = divmod(int(u), len(cand))
        bigrams[norms[cand[a]] + " " + norms[cand[b]]] = tuple(int(big_ids[lvl][j]) for lvl in levels)
    info = {"params": p, "tokens": int((~sep).sum()), "texts": int(sep.sum()), "syllables_clustered": len(syllables),
            "bigrams_clustered": len(bigrams), "seconds": round(time.time() - t0, 1)}
    return WordClusters(levels, syllables, bigrams, options=p.get("options")), info


def training_record(shared: Path, info: dict) -> dict:
    """The unlabelled corpora as one training_data record of the entity component."""
    files = [Path(shared) / "data" / "topic" / f for f in CORPORA]
    return {"name": "unlabelled news (word clusters)", "path": ", ".join(str(Path("data/topic") / f) for f in CORPORA),
            "sha256": hashlib.sha256("".join(sha256_file(f) for f in files).encode()).hexdigest(),
            "records": info.get("texts"),
            "licence": "; ".join(f"{f}: {t}" for f, t in CORPORA.items()) + "; unlabelled text, used only through "
                       "the cluster ids of syllables and bigrams (no text is shipped)"}


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m training.clusters")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", required=True, help=f"table file (normally COMPONENT_DIR/{CLUSTER_FILE})")
    ap.add_argument("--params", default="", help="JSON object overriding DEFAULTS")
    args = ap.parse_args(argv)
    params = json.loads(args.params) if args.params else {}
    table, info = build_clusters(Path(args.shared), params)
    table.write(Path(args.out))
    Path(str(args.out) + ".json").write_text(json.dumps(info) + "\n", encoding="utf-8")   # for ner build --clusters-from
    print(json.dumps(info))


if __name__ == "__main__":
    main()

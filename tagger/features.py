"""CRF features for one sentence of syllables, shared by training (``training.ner``) and inference.

Per syllable: the lowercased syllable and its shape, the same for two neighbours each side, syllable and
shape bigrams, and the lexicon phrases the syllable starts, continues or ends (titles, forms of address,
organisation heads, places, surnames, gazetteers), also seen from the neighbours. What depends on one
syllable only is cached, so a long article costs mostly list concatenation.

Article features (``DocContext``): a capitalised syllable at the start of a sentence is ambiguous ("Lâm
bị thương", "Những ngày ấy"); the rest of the article usually settles it, so every capitalised syllable
sees whether the article also writes it capitalised inside a sentence, and whether it writes it in
lower case. Training groups corpus sentences into their documents the same way. Each capitalised run also
sees the words written just before the same run elsewhere in the article ("tập đoàn Unilever" tells a bare
"Unilever" later on), and whether it is the head or the tail of a longer run ("ông Chiến" after "Lê Văn
Chiến"): the evidence an editor uses for a name the sentence alone leaves open. On VLSP 2016 (train ->
dev, VLSP alone, same clusters) these took F1 from 0.864 to 0.881 (PER 0.900 -> 0.925, LOC 0.874 -> 0.881).

Word clusters (``WordClusters``, optional: a table in the entity component directory): ids of k-means
clusters at several granularities of the syllable, its neighbours and the two syllable bigrams around it,
learnt from unlabelled news text (``training.clusters``), and how often that text writes the syllable
capitalised inside a sentence. They let a syllable the labelled corpora never saw borrow the weights of
syllables used like it ("Vinamilk" like "Viettel", "Arsenal" like "Chelsea").
"""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

from .lexicons import Lexicons, norm_syllable

FEATURE_VERSION = 5
CLUSTER_FILE = "clusters.tsv.gz"


@lru_cache(maxsize=200_000)
def shape(s: str) -> str:
    """Xx (capitalised), X (one capital), XX (all caps, abbreviations: UBND), x (lower), d (number),
    Xd / xd (letters with digits: U23, 3G), Xx. / XX. (with a dot: TP.HCM), the character for punctuation."""
    if not s:
        return "_"
    if not any(c.isalnum() for c in s):
        return s if len(s) == 1 else "P"
    has_digit = any(c.isdigit() for c in s)
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return "d"
    if has_digit:
        return "Xd" if letters[0].isupper() else "xd"
    dot = "." if "." in s else ""
    if all(c.isupper() for c in letters):
        return ("X" if len(letters) == 1 else "XX") + dot
    if letters[0].isupper():
        return ("Xx" if all(c.islower() for c in letters[1:]) else "XxX") + dot
    return ("x" if all(c.islower() for c in letters) else "xX") + dot


@lru_cache(maxsize=200_000)
def _unigram(lower: str, shp: str) -> dict[int, tuple[str, ...]]:
    """The features a syllable contributes at each relative position."""
    return {
        0: ("w=" + lower, "s=" + shp),
        -1: ("w-1=" + lower, "s-1=" + shp),
        1: ("w+1=" + lower, "s+1=" + shp),
        -2: ("w-2=" + lower, "s-2=" + shp),
        2: ("w+2=" + lower, "s+2=" + shp),
    }


class DocContext:
    """How an article writes its syllables: ``mid_caps`` counts each syllable (normalised) written
    capitalised after a word inside a sentence; ``lower`` holds those written in lower case. ``runs``:
    each run of capitalised syllables (normalised, joined by spaces) -> the words seen just before it
    anywhere in the article; ``parts``: the shorter runs that are the start or the end of a longer one
    ("Chiến" of "Lê Văn Chiến", "Vinamilk" of "Vinamilk Việt Nam")."""

    __slots__ = ("mid_caps", "lower", "runs", "parts")

    def __init__(self):
        self.mid_caps: dict[str, int] = {}
        self.lower: set[str] = set()
        self.runs: dict[str, set[str]] = {}
        self.parts: dict[str, str] = {}

    @classmethod
    def of(cls, sentences) -> "DocContext":
        """From the syllable lists of an article's sentences."""
        ctx = cls()
        for syls in sentences:
            ctx.add(syls)
        return ctx

    def add(self, syllables: list[str]) -> None:
        mid, lower = self.mid_caps, self.lower
        prev_word = False
        norm = [norm_syllable(s) for s in syllables]
        shapes = [shape(s) for s in syllables]
        for i, shp in enumerate(shapes):
            if shp == "x":
                lower.add(norm[i])
            elif prev_word and shp in _CAPITALISED:
                mid[norm[i]] = mid.get(norm[i], 0) + 1
            prev_word = shp not in _PUNCT_SHAPES
        for i, j in _run_spans(shapes):
            self._add_run(norm, i, j)

    def _add_run(self, norm: list[str], i: int, j: int) -> None:
        if i == 0 and j > 1:
            # a sentence's first word is capitalised anyway: "Nhưng Unilever" is also a mention of "Unilever"
            self._add_run(norm, 1, j)
        key = " ".join(norm[i:j])
        before = self.runs.setdefault(key, set())
        if i > 0:
            before.add(norm[i - 1])
        if 1 < j - i <= 6:
            for k in range(1, j - i):
                self.parts.setdefault(" ".join(norm[i:i + k]), "H")     # head of a longer run
                self.parts.setdefault(" ".join(norm[i + k:j]), "T")     # its tail

    def run_features(self, key: str) -> list[str]:
        """Article evidence about one capitalised run, for each of its syllables: the words before its
        mentions anywhere in the article (at most 4, sorted; "tập đoàn" before "Unilever" once tells the next bare
        "Unilever") and whether it is the head or tail of a longer run (a surname-less "ông Chiến")."""
        out = ["dp=" + w for w in sorted(self.runs.get(key, ()))[:4]]
        part = self.parts.get(key)
        if part is not None:
            out.append("dr=" + part)
        return out


def _doc_feature(syls: list[str], shapes: list[str], norm: list[str], i: int, ctx: DocContext) -> str | None:
    if shapes[i] not in _CAPITALISED:
        return None
    mid = i > 0 and shapes[i - 1] not in _PUNCT_SHAPES
    others = ctx.mid_caps.get(norm[i], 0) - (1 if mid else 0)
    return "dc=" + ("C" if others > 0 else "c") + ("L" if norm[i] in ctx.lower else "l") + ("M" if mid else "S")


class WordClusters:
    """Cluster ids of syllables and syllable bigrams (normalised, ``norm_syllable``) at several
    granularities (``levels``, e.g. 64, 256, 1024 clusters), and per syllable the share of its in-sentence
    occurrences written capitalised in the unlabelled text (-1: too rare to say). ``options`` (stored with
    the table, so a model is served with the features it was trained with):

    - ``window``: neighbours each side whose syllable clusters are features (default 1);
    - ``neighbour_levels``: how many of the levels (coarsest first) the neighbours use (default all);
    - ``bigrams``: bigram clusters of (previous, this) and (this, next) (default true);
    - ``outer_bigrams``: also of the bigram just before (two previous) and just after (two next), at the
      neighbours' levels ("công ty | Vinamilk", "đội bóng | Thể Công") (default false);
    - ``caps``: the capitalisation share, bucketed, joined with whether this syllable is capitalised.

    File (``CLUSTER_FILE``, gzipped tsv): a first line ``#`` + JSON {"levels", "options"}, then
    ``s<TAB>syllable<TAB>caps<TAB>id...`` and ``b<TAB>syllable syllable<TAB>id...``."""

    def __init__(self, levels, syllables: dict[str, tuple[tuple[int, ...], float]],
                 bigrams: dict[str, tuple[int, ...]], options: dict | None = None):
        self.levels = [int(x) for x in levels]
        self.syllables = syllables
        self.bigrams = bigrams
        self.options = {"window": 1, "neighbour_levels": len(self.levels), "bigrams": True, "caps": True,
                        "outer_bigrams": False, **(options or {})}
        self._window = int(self.options["window"])
        self._nl = int(self.options["neighbour_levels"])
        self._caps = bool(self.options["caps"])
        self._big = bool(self.options["bigrams"])
        self._outer = bool(self.options["outer_bigrams"])
        self._uni: dict[str, dict[int, tuple[str, ...]]] = {}
        self._kept_for = None
        self._uni_kept: dict[str, dict[int, tuple]] = {}
        self._big_cache: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {}
        self._big_kept_for = None
        self._big_kept: dict[tuple[str, str], tuple[tuple, ...]] = {}

    # ------------------------------------------------------------------ file
    @classmethod
    def load(cls, component_dir: Path) -> "WordClusters | None":
        """The table in a component directory, or None when it has none (features without clusters)."""
        path = Path(component_dir) / CLUSTER_FILE
        if not path.is_file():
            return None
        syllables, bigrams = {}, {}
        with gzip.open(path, "rt", encoding="utf-8") as f:
            head = json.loads(f.readline()[1:])
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if parts[0] == "s":
                    syllables[parts[1]] = (tuple(int(x) for x in parts[3:]), float(parts[2]))
                elif parts[0] == "b":
                    bigrams[parts[1]] = tuple(int(x) for x in parts[2:])
        return cls(head["levels"], syllables, bigrams, head.get("options"))

    def write(self, path: Path) -> None:
        """Gzipped, sorted and without a time stamp: the same table gives the same bytes."""
        lines = ["#" + json.dumps({"levels": self.levels, "options": self.options}, sort_keys=True)]
        for k in sorted(self.syllables):
            ids, caps = self.syllables[k]
            lines.append("\t".join(["s", k, f"{caps:.2f}", *map(str, ids)]))
        for k in sorted(self.bigrams):
            lines.append("\t".join(["b", k, *map(str, self.bigrams[k])]))
        data = ("\n".join(lines) + "\n").encode("utf-8")
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
            f.write(data)

    # ------------------------------------------------------------------ features
    def unigram(self, lower: str, capitalised: bool) -> dict[int, tuple[str, ...]]:
        """The features a syllable contributes at each relative position (cached)."""
        key = lower + ("\x01" if capitalised else "")
        got = self._uni.get(key)
        if got is None:
            got = {}
            entry = self.syllables.get(lower)
            if entry is not None:
                ids, caps = entry
                own = ["c%d=%d" % (lvl, c) for lvl, c in zip(self.levels, ids)]
                if self._caps and caps >= 0:
                    own.append("cp=" + _caps_bucket(caps) + ("C" if capitalised else "l"))
                got[0] = tuple(own)
                for d in range(1, self._window + 1):
                    for rel in (-d, d):
                        got[rel] = tuple("c%d%+d=%d" % (lvl, rel, c)
                                         for lvl, c in list(zip(self.levels, ids))[:self._nl])
            self._uni[key] = got
        return got

    def unigram_kept(self, lower: str, capitalised: bool, keep) -> dict[int, tuple]:
        if keep is not self._kept_for:
            self._kept_for, self._uni_kept = keep, {}
        key = lower + ("\x01" if capitalised else "")
        got = self._uni_kept.get(key)
        if got is None:
            got = {rel: _keep_only(fs, keep) for rel, fs in self.unigram(lower, capitalised).items()}
            self._uni_kept[key] = got
        return got

    def bigram(self, a: str, b: str) -> tuple[tuple[str, ...], ...]:
        """Features of the bigram (a, b) for b (seen from the right: "cb-") and for a ("cb+"), and with
        ``outer_bigrams`` for the syllable after b ("cb<") and the one before a ("cb>")."""
        got = self._big_cache.get((a, b))
        if got is None:
            ids = self.bigrams.get(a + " " + b) if self._big else None
            if ids is None:
                got = ((), (), (), ())
            else:
                pairs = list(zip(self.levels, ids))
                got = (tuple("cb%d-=%d" % (lvl, c) for lvl, c in pairs),
                       tuple("cb%d+=%d" % (lvl, c) for lvl, c in pairs),
                       tuple("cb%d<=%d" % (lvl, c) for lvl, c in pairs[:self._nl]) if self._outer else (),
                       tuple("cb%d>=%d" % (lvl, c) for lvl, c in pairs[:self._nl]) if self._outer else ())
            if len(self._big_cache) > 500_000:
                self._big_cache.clear()
            self._big_cache[(a, b)] = got
        return got

    def features(self, norm: list[str], shapes: list[str], keep) -> list[list]:
        """Per syllable, its cluster features: strings, or only those ``keep`` has (their ids for a
        ``FeatureIndex``)."""
        n = len(norm)
        caps = [s in _CAPITALISED for s in shapes]
        if keep is None:
            uni = [self.unigram(norm[i], caps[i]) for i in range(n)]
        else:
            uni = [self.unigram_kept(norm[i], caps[i], keep) for i in range(n)]
        out: list[list] = [[] for _ in range(n)]
        w = self._window
        for i in range(n):
            f = out[i]
            u = uni[i].get(0)
            if u:
                f.extend(u)
            for d in range(1, w + 1):
                if i - d >= 0:
                    u = uni[i - d].get(-d)
                    if u:
                        f.extend(u)
                if i + d < n:
                    u = uni[i + d].get(d)
                    if u:
                        f.extend(u)
        if self._big:
            if keep is not None and keep is not self._big_kept_for:
                self._big_kept_for, self._big_kept = keep, {}
            for i in range(n - 1):
                if keep is None:
                    left, right, after, before = self.bigram(norm[i], norm[i + 1])
                else:
                    key = (norm[i], norm[i + 1])
                    got = self._big_kept.get(key)
                    if got is None:
                        got = tuple(_keep_only(fs, keep) for fs in self.bigram(*key))
                        if len(self._big_kept) > 500_000:
                            self._big_kept.clear()
                        self._big_kept[key] = got
                    left, right, after, before = got
                if left:
                    out[i + 1].extend(left)
                if right:
                    out[i].extend(right)
                if after and i + 2 < n:
                    out[i + 2].extend(after)
                if before and i > 0:
                    out[i - 1].extend(before)
        return out


def _caps_bucket(share: float) -> str:
    return "0" if share < 0.05 else "1" if share < 0.3 else "2" if share < 0.7 else "3" if share < 0.95 else "4"


def load_feature_lexicons(component_dir: Path) -> Lexicons:
    """The lexicons of an entity component with its word clusters attached (``lexicons.clusters``, None
    without a table): what ``sentence_features`` reads. Loaded once with the component."""
    lexicons = Lexicons.load(component_dir)
    lexicons.clusters = WordClusters.load(component_dir)
    return lexicons


class FeatureIndex(dict):
    """Feature string -> id of a trained model; hashable by identity, so per-syllable work can be cached
    per model (``sentence_features(keep=index)`` returns ids). ``pair_ids`` and ``shape_ids`` keep the ids
    of syllable-pair and shape-triple features, which repeat across articles."""

    __hash__ = object.__hash__

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pair_ids: dict[tuple[str, str], tuple] = {}
        self.shape_ids: dict[tuple[str, str, str], object] = {}


def sentence_features(syllables: list[str], lexicons: Lexicons, extra: list[list[str]] | None = None,
                      run_features: bool = True, doc: DocContext | None = None,
                      keep: frozenset[str] | FeatureIndex | None = None) -> list[list]:
    """One feature list per syllable. ``extra``: optional per-syllable features added as they are.
    Word-cluster features come from ``lexicons.clusters`` when set (``load_feature_lexicons``).
    ``doc``: the article the sentence belongs to (without it, the sentence alone). ``keep``: only
    these features (the ones a trained model has weights for), in the same order; a ``FeatureIndex``
    gives their ids instead of the strings."""
    n = len(syllables)
    norm = [norm_syllable(s) for s in syllables]
    shapes = [shape(s) for s in syllables]
    if doc is None:
        doc = DocContext.of([syllables])
    if keep is None:
        uni = [_unigram(norm[i], shapes[i]) for i in range(n)]
        get = _same
    else:
        uni = [_unigram_kept(norm[i], shapes[i], keep) for i in range(n)]
        get = keep.get if isinstance(keep, FeatureIndex) else (lambda x: x if x in keep else None)
    lex = lexicons.match(norm)
    spans = _run_spans(shapes) if run_features else None
    runs = _cap_runs(spans, n, norm) if run_features else None
    doc_runs = _doc_runs(spans, n, norm, doc) if run_features else None
    clusters = getattr(lexicons, "clusters", None)
    cl = clusters.features(norm, shapes, keep) if clusters is not None else None
    bias, bos, eos = get("b"), get("BOS"), get("EOS")
    # a model keeps the ids of pair and shape features across articles; strings are built per sentence
    pair_cache, shape_cache = (keep.pair_ids, keep.shape_ids) if isinstance(keep, FeatureIndex) else ({}, {})
    pairs = []    # per pair (i, i + 1): its feature for syllable i ("ww+=") and for syllable i + 1 ("ww-=")
    for k in range(n - 1):
        key = (norm[k], norm[k + 1])
        got = pair_cache.get(key)
        if got is None:
            got = (get("ww+=" + key[0] + "|" + key[1]), get("ww-=" + key[0] + "|" + key[1]))
            if len(pair_cache) > 200_000:   # bounded: ~25 MB at most in a long-running worker
                pair_cache.clear()
            pair_cache[key] = got
        pairs.append(got)
    out = []
    for i in range(n):
        f = [bias] if bias is not None else []
        if cl is not None:
            f.extend(cl[i])
        f.extend(uni[i][0])
        s0 = shapes[i]
        if i > 0:
            f.extend(uni[i - 1][-1])
            v = pairs[i - 1][1]
            if v is not None:
                f.append(v)
            sp = shapes[i - 1]
            if i > 1:
                f.extend(uni[i - 2][-2])
        else:
            if bos is not None:
                f.append(bos)
            sp = "^"
        if i < n - 1:
            f.extend(uni[i + 1][1])
            v = pairs[i][0]
            if v is not None:
                f.append(v)
            sn = shapes[i + 1]
            if i < n - 2:
                f.extend(uni[i + 2][2])
        else:
            if eos is not None:
                f.append(eos)
            sn = "$"
        key3 = (sp, s0, sn)
        v = shape_cache.get(key3, shape_cache)
        if v is shape_cache:
            v = shape_cache[key3] = get("sss=" + sp + "|" + s0 + "|" + sn)
        if v is not None:
            f.append(v)
        for x in lex[i]:
            v = get("L=" + x)
            if v is not None:
                f.append(v)
        if i > 0:
            for x in lex[i - 1]:
                v = get("L-1=" + x)
                if v is not None:
                    f.append(v)
        if i < n - 1:
            for x in lex[i + 1]:
                v = get("L+1=" + x)
                if v is not None:
                    f.append(v)
        if runs is not None and runs[i] is not None:
            for x in runs[i]:
                v = get(x)
                if v is not None:
                    f.append(v)
            d = _doc_feature(syllables, shapes, norm, i, doc)
            if d is not None:
                v = get(d)
                if v is not None:
                    f.append(v)
            for x in doc_runs[i]:
                v = get(x)
                if v is not None:
                    f.append(v)
        if extra is not None and extra[i]:
            f.extend(v for v in map(get, extra[i]) if v is not None)
        out.append(f)
    return out


def _same(x: str) -> str:
    return x


@lru_cache(maxsize=200_000)
def _unigram_kept(lower: str, shp: str, keep) -> dict[int, tuple]:
    """``_unigram`` without the features ``keep`` lacks (or their ids, for a ``FeatureIndex``); ``keep``
    is hashed by identity or cached hash, a cheap key."""
    return {k: _keep_only(v, keep) for k, v in _unigram(lower, shp).items()}


def _keep_only(features, keep) -> tuple:
    """The features ``keep`` has, in order (their ids when ``keep`` is a ``FeatureIndex``)."""
    if isinstance(keep, FeatureIndex):
        return tuple(keep[x] for x in features if x in keep)
    return tuple(x for x in features if x in keep)


_CAPITALISED = {"Xx", "X", "XX", "XxX", "Xx.", "XX.", "Xd"}
_PUNCT_SHAPES = {"P", "_"} | set(".,;:!?\"'()[]{}“”‘’-–—…/*•")


def _run_spans(shapes: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of capitalised syllables, left to right."""
    n = len(shapes)
    spans = []
    i = 0
    while i < n:
        if shapes[i] not in _CAPITALISED:
            i += 1
            continue
        j = i + 1
        while j < n and shapes[j] in _CAPITALISED:
            j += 1
        spans.append((i, j))
        i = j
    return spans


def _cap_runs(spans: list[tuple[int, int]], n: int, norm: list[str]) -> list[list[str] | None]:
    """Names are runs of capitalised syllables: every syllable of a run sees the run's length, its place in
    it and the words just before and after the run ("đội | Thể Công |", "ông | Lê Văn Chiến | ,")."""
    out: list[list[str] | None] = [None] * n
    for i, j in spans:
        length = j - i
        prev = norm[i - 1] if i > 0 else "^"
        nxt = norm[j] if j < n else "$"
        ln = str(min(length, 5))
        for k in range(i, j):
            pos = "U" if length == 1 else ("B" if k == i else ("E" if k == j - 1 else "I"))
            out[k] = ["rl=" + ln + pos, "rp=" + prev, "rn=" + nxt, "rpn=" + prev + "|" + nxt[:12]]
    return out


def _doc_runs(spans: list[tuple[int, int]], n: int, norm: list[str], doc: DocContext) -> list[list[str]]:
    """``DocContext.run_features`` of the capitalised run each syllable is in (empty outside runs)."""
    out: list[list[str]] = [[]] * n
    for i, j in spans:
        feats = doc.run_features(" ".join(norm[i:j]))
        for k in range(i, j):
            out[k] = feats
        if i == 0 and j > 1:    # as DocContext._add_run: the run without the sentence's first word
            rest = doc.run_features(" ".join(norm[1:j]))
            if rest:
                for k in range(1, j):
                    out[k] = feats + ["+" + x for x in rest]
    return out

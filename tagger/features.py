"""CRF features for one sentence of syllables, shared by training (``training.ner``) and inference.

Per syllable: the lowercased syllable and its shape, the same for two neighbours each side, syllable and
shape bigrams, and the lexicon phrases the syllable starts, continues or ends (titles, forms of address,
organisation heads, places, surnames, gazetteers), also seen from the neighbours. What depends on one
syllable only is cached, so a long article costs mostly list concatenation.

Article features (``DocContext``): a capitalised syllable at the start of a sentence is ambiguous ("Lâm
bị thương", "Những ngày ấy"); the rest of the article usually settles it, so every capitalised syllable
sees whether the article also writes it capitalised inside a sentence, and whether it writes it in
lower case. Training groups corpus sentences into their documents the same way.
"""
from __future__ import annotations

from functools import lru_cache

from .lexicons import Lexicons, norm_syllable

FEATURE_VERSION = 3


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
    capitalised after a word inside a sentence; ``lower`` holds those written in lower case."""

    __slots__ = ("mid_caps", "lower")

    def __init__(self):
        self.mid_caps: dict[str, int] = {}
        self.lower: set[str] = set()

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
        for s in syllables:
            shp = shape(s)
            if shp == "x":
                lower.add(norm_syllable(s))
            elif prev_word and shp in _CAPITALISED:
                k = norm_syllable(s)
                mid[k] = mid.get(k, 0) + 1
            prev_word = shp not in _PUNCT_SHAPES


def _doc_feature(syls: list[str], shapes: list[str], norm: list[str], i: int, ctx: DocContext) -> str | None:
    if shapes[i] not in _CAPITALISED:
        return None
    mid = i > 0 and shapes[i - 1] not in _PUNCT_SHAPES
    others = ctx.mid_caps.get(norm[i], 0) - (1 if mid else 0)
    return "dc=" + ("C" if others > 0 else "c") + ("L" if norm[i] in ctx.lower else "l") + ("M" if mid else "S")


class FeatureIndex(dict):
    """Feature string -> id of a trained model; hashable by identity, so per-syllable work can be cached
    per model (``sentence_features(keep=index)`` returns ids)."""

    __hash__ = object.__hash__


def sentence_features(syllables: list[str], lexicons: Lexicons, extra: list[list[str]] | None = None,
                      run_features: bool = True, doc: DocContext | None = None,
                      keep: frozenset[str] | FeatureIndex | None = None) -> list[list]:
    """One feature list per syllable. ``extra``: optional per-syllable features added as they are.
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
    runs = _cap_runs(syllables, shapes, norm) if run_features else None
    bias, bos, eos = get("b"), get("BOS"), get("EOS")
    out = []
    for i in range(n):
        f = [bias] if bias is not None else []
        f.extend(uni[i][0])
        s0 = shapes[i]
        if i > 0:
            f.extend(uni[i - 1][-1])
            v = get("ww-=" + norm[i - 1] + "|" + norm[i])
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
            v = get("ww+=" + norm[i] + "|" + norm[i + 1])
            if v is not None:
                f.append(v)
            sn = shapes[i + 1]
            if i < n - 2:
                f.extend(uni[i + 2][2])
        else:
            if eos is not None:
                f.append(eos)
            sn = "$"
        v = get("sss=" + sp + "|" + s0 + "|" + sn)
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
    if isinstance(keep, FeatureIndex):
        return {k: tuple(keep[x] for x in v if x in keep) for k, v in _unigram(lower, shp).items()}
    return {k: tuple(x for x in v if x in keep) for k, v in _unigram(lower, shp).items()}


_CAPITALISED = {"Xx", "X", "XX", "XxX", "Xx.", "XX.", "Xd"}
_PUNCT_SHAPES = {"P", "_"} | set(".,;:!?\"'()[]{}“”‘’-–—…/*•")


def _cap_runs(syllables: list[str], shapes: list[str], norm: list[str]) -> list[list[str] | None]:
    """Names are runs of capitalised syllables: every syllable of a run sees the run's length, its place in
    it and the words just before and after the run ("đội | Thể Công |", "ông | Lê Văn Chiến | ,")."""
    n = len(syllables)
    out: list[list[str] | None] = [None] * n
    i = 0
    while i < n:
        if shapes[i] not in _CAPITALISED:
            i += 1
            continue
        j = i + 1
        while j < n and shapes[j] in _CAPITALISED:
            j += 1
        length = j - i
        prev = norm[i - 1] if i > 0 else "^"
        nxt = norm[j] if j < n else "$"
        ln = str(min(length, 5))
        for k in range(i, j):
            pos = "U" if length == 1 else ("B" if k == i else ("E" if k == j - 1 else "I"))
            out[k] = ["rl=" + ln + pos, "rp=" + prev, "rn=" + nxt, "rpn=" + prev + "|" + nxt[:12]]
        i = j
    return out

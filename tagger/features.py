"""CRF features for one sentence of syllables, shared by training (``training.ner``) and inference.

Per syllable: the lowercased syllable and its shape, the same for two neighbours each side, syllable and
shape bigrams, and the lexicon phrases the syllable starts, continues or ends (titles, forms of address,
organisation heads, places, surnames, gazetteers), also seen from the neighbours. What depends on one
syllable only is cached, so a long article costs mostly list concatenation.
"""
from __future__ import annotations

from functools import lru_cache

from .lexicons import Lexicons, norm_syllable

FEATURE_VERSION = 2


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


def sentence_features(syllables: list[str], lexicons: Lexicons, extra: list[list[str]] | None = None,
                      run_features: bool = True) -> list[list[str]]:
    """One feature list per syllable. ``extra``: optional per-syllable features added as they are."""
    n = len(syllables)
    norm = [norm_syllable(s) for s in syllables]
    shapes = [shape(s) for s in syllables]
    uni = [_unigram(norm[i], shapes[i]) for i in range(n)]
    lex = lexicons.match(norm)
    runs = _cap_runs(syllables, shapes, norm) if run_features else None
    out = []
    for i in range(n):
        f = ["b"]
        f.extend(uni[i][0])
        s0 = shapes[i]
        if i > 0:
            f.extend(uni[i - 1][-1])
            f.append("ww-=" + norm[i - 1] + "|" + norm[i])
            sp = shapes[i - 1]
            if i > 1:
                f.extend(uni[i - 2][-2])
        else:
            f.append("BOS")
            sp = "^"
        if i < n - 1:
            f.extend(uni[i + 1][1])
            f.append("ww+=" + norm[i] + "|" + norm[i + 1])
            sn = shapes[i + 1]
            if i < n - 2:
                f.extend(uni[i + 2][2])
        else:
            f.append("EOS")
            sn = "$"
        f.append("sss=" + sp + "|" + s0 + "|" + sn)
        for x in lex[i]:
            f.append("L=" + x)
        if i > 0:
            for x in lex[i - 1]:
                f.append("L-1=" + x)
        if i < n - 1:
            for x in lex[i + 1]:
                f.append("L+1=" + x)
        if runs is not None and runs[i] is not None:
            f.extend(runs[i])
        if extra is not None and extra[i]:
            f.extend(extra[i])
        out.append(f)
    return out


_CAPITALISED = {"Xx", "X", "XX", "XxX", "Xx.", "XX.", "Xd"}


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

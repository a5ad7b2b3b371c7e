"""Phrase lexicons the entity features look up: titles, forms of address, organisation heads, places, surnames.

Two sources, one format (``<category>.txt``, one phrase per line, ``#`` comments):

- the package's ``tagger/data/lexicons/``: facts from ``shared/domain`` (titles, abbreviations, provinces)
  written by ``python -m training.ner lexicons`` plus hand-written lists (surnames, organisation heads,
  administrative-unit words, countries, job roles);
- the entity component's own directory (``gaz_*.txt``): lists derived from the gazetteers in
  ``shared/data/gazetteers``, which state no licence and therefore stay out of the package.

Matching is case- and tone-placement-insensitive (``norm_syllable``) and runs once per sentence as a
longest match over the syllable sequence, so a feature costs a dict lookup, not a regex.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from .text import TOKEN_RE, unify_tones

PACKAGE_DIR = "lexicons"
MAX_PHRASE = 12          # syllables; longer gazetteer entries are dropped (they never help a feature)


@lru_cache(maxsize=200_000)
def norm_syllable(s: str) -> str:
    """Lowercase with one tone placement: "Hoà" and "hòa" are the same key."""
    return unify_tones(s).lower()


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A phrase as the tuple of normalised syllables the matcher compares."""
    return tuple(norm_syllable(m.group()) for m in TOKEN_RE.finditer(phrase))


def read_phrases(lines: Iterable[str]) -> list[str]:
    out = []
    for line in lines:
        line = line.split("\t", 1)[0].strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


class Lexicons:
    """Categories of phrases with a longest-match lookup over a sentence."""

    def __init__(self, categories: dict[str, Iterable[str]]):
        self.categories = sorted(categories)
        self._phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
        lengths: dict[str, set[int]] = {}
        cats_of: dict[tuple[str, ...], set[str]] = {}
        for cat, phrases in categories.items():
            for p in phrases:
                key = phrase_key(p)
                if not key or len(key) > MAX_PHRASE:
                    continue
                cats_of.setdefault(key, set()).add(cat)
                lengths.setdefault(key[0], set()).add(len(key))
        self._phrases = {k: tuple(sorted(v)) for k, v in cats_of.items()}
        self._lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}

    def __contains__(self, item: tuple[str, str]) -> bool:
        """("title", "Chủ tịch") in lexicons."""
        cat, phrase = item
        return cat in self._phrases.get(phrase_key(phrase), ())

    def categories_of(self, phrase: str) -> tuple[str, ...]:
        return self._phrases.get(phrase_key(phrase), ())

    @classmethod
    def load(cls, extra_dir: Path | None = None) -> "Lexicons":
        """The package lexicons, plus every ``gaz_*.txt`` in ``extra_dir`` (a model component dir)."""
        cats: dict[str, list[str]] = {}
        root = resources.files("tagger.data").joinpath(PACKAGE_DIR)
        for entry in sorted(root.iterdir(), key=lambda p: p.name):
            if entry.name.endswith(".txt"):
                cats.setdefault(entry.name[:-4], []).extend(read_phrases(entry.read_text(encoding="utf-8").splitlines()))
        if extra_dir is not None:
            for p in sorted(Path(extra_dir).glob("gaz_*.txt")):
                cats.setdefault(p.stem, []).extend(read_phrases(p.read_text(encoding="utf-8").splitlines()))
        return cls(cats)

    def spans(self, norm: list[str]) -> list[tuple[int, int, str]]:
        """(start, end, category) longest matches, non-overlapping within a category, left to right."""
        out = []
        n = len(norm)
        covered: dict[str, int] = {}
        lengths, phrases = self._lengths, self._phrases
        for i in range(n):
            lens = lengths.get(norm[i])
            if not lens:
                continue
            seen: set[str] = set()
            for L in lens:
                if i + L > n:
                    continue
                cats = phrases.get(tuple(norm[i:i + L]))
                if not cats:
                    continue
                for cat in cats:
                    if cat in seen:
                        continue
                    seen.add(cat)
                    if covered.get(cat, 0) > i:
                        continue
                    covered[cat] = i + L
                    out.append((i, i + L, cat))
        return out

    def match(self, norm: list[str]) -> list[list[str]]:
        """Per syllable, the lexicon features ``cat:U`` (whole phrase), ``cat:B``, ``cat:I``, ``cat:E``."""
        feats: list[list[str]] = [[] for _ in norm]
        for a, b, cat in self.spans(norm):
            if b - a == 1:
                feats[a].append(cat + ":U")
                continue
            feats[a].append(cat + ":B")
            for j in range(a + 1, b - 1):
                feats[j].append(cat + ":I")
            feats[b - 1].append(cat + ":E")
        return feats

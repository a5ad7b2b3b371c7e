"""Converters of the NER corpora in ``shared/data/ner`` to one syllable-level BIO scheme.

Every converter yields ``{"id", "tokens", "tags"}`` with tokens NFC-normalised syllables and tags in
``O``, ``B-/I-`` + ``PERSON | ORGANIZATION | LOCATION | TITLE`` (``LABELS``):

| corpus | kept as | dropped (O) |
|---|---|---|
| VLSP 2016 (syllable view) | PER, ORG, LOC | MISC |
| VLSP 2018 (outermost level) | PERSON, ORGANIZATION, LOCATION | MISCELLANEOUS |
| VLSP 2021 part | PERSON, ORGANIZATION, LOCATION, PERSONTYPE -> TITLE | the other 11 types |
| PhoNER COVID-19 | NAME -> PERSON, JOB -> TITLE, ORGANIZATION, LOCATION | dates, ids, symptoms ... |

VLSP 2016 and 2018 never annotate titles, so ``add_titles`` marks title-lexicon phrases that are ``O`` in
them as TITLE; otherwise the CRF would learn that "Chủ tịch" is not a title in two thirds of its data.
A TITLE is the role words only ("Phó Chủ tịch Thường trực"); the body it belongs to keeps its own
ORGANIZATION tag, as the corpora annotate it (the recognizer joins them at inference).
"""
from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path
from typing import Iterable, Iterator

from tagger.lexicons import Lexicons, norm_syllable
from tagger.text import normalize

TYPES = ("PERSON", "ORGANIZATION", "LOCATION", "TITLE")
LABELS = ("O",) + tuple(f"{p}-{t}" for t in TYPES for p in "BI")

VLSP2016_MAP = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}
VLSP2018_MAP = {"PERSON": "PERSON", "ORGANIZATION": "ORGANIZATION", "LOCATION": "LOCATION"}
VLSP2021_MAP = {"PERSON": "PERSON", "ORGANIZATION": "ORGANIZATION", "LOCATION": "LOCATION", "PERSONTYPE": "TITLE"}
PHONER_MAP = {"NAME": "PERSON", "JOB": "TITLE", "ORGANIZATION": "ORGANIZATION", "LOCATION": "LOCATION"}

# the corpora (name, folder, file stem, converter key); the VLSP 2016 test split is kept out of training
CORPORA = {
    "vlsp2016": ("vlsp2016", ("train", "dev"), "vlsp2016"),
    "vlsp2018": ("vlsp2018", ("train", "dev", "test"), "vlsp2018"),
    "vlsp2021": ("vlsp2021_syl", ("part_dev", "part_test"), "vlsp2021"),
    "phoner": ("phoner_covid19_syllable", ("train", "dev", "test"), "phoner"),
}


def map_tags(tags: Iterable[str], mapping: dict[str, str]) -> list[str]:
    """Rename entity types by ``mapping`` (others become O) and repair BIO: an I- that does not continue
    an entity of its type becomes B-."""
    out: list[str] = []
    prev = "O"
    for t in tags:
        if t == "O" or "-" not in t:
            out.append("O")
            prev = "O"
            continue
        prefix, typ = t.split("-", 1)
        new = mapping.get(typ)
        if new is None:
            out.append("O")
            prev = "O"
            continue
        if prefix == "I" and prev in (f"B-{new}", f"I-{new}"):
            tag = f"I-{new}"
        else:
            tag = f"B-{new}"
        out.append(tag)
        prev = tag
    return out


def clean_token(tok: str) -> str:
    tok = unicodedata.normalize("NFC", tok)
    return normalize(tok).replace(" ", "_") or "_"


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) entity spans of a BIO sequence (an I- without its B- opens a span)."""
    out, cur = [], None
    for i, t in enumerate(tags + ["O"]):
        if t.startswith("I-") and cur is not None and cur[2] == t[2:]:
            cur[1] = i + 1
            continue
        if cur is not None:
            out.append(tuple(cur))
            cur = None
        if t != "O":
            cur = [i, i + 1, t[2:]]
    return out


def read_jsonl(path: Path) -> Iterator[dict]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def convert(record: dict, corpus: str) -> dict:
    """One corpus record -> {"id", "tokens", "tags"} in the common scheme."""
    if corpus == "vlsp2016":
        toks, tags, mapping = record.get("syl_tokens") or record["tokens"], record.get("syl_tags") or record["tags"], VLSP2016_MAP
    elif corpus == "vlsp2018":
        toks, tags, mapping = record["tokens"], record["tags"], VLSP2018_MAP
    elif corpus == "vlsp2021":
        toks, tags, mapping = record["tokens"], record["tags"], VLSP2021_MAP
    elif corpus == "phoner":
        toks, tags, mapping = record["tokens"], record["tags"], PHONER_MAP
    else:
        raise ValueError(f"unknown corpus {corpus!r}")
    if len(toks) != len(tags):
        raise ValueError(f"{record.get('id')}: {len(toks)} tokens, {len(tags)} tags")
    return {"id": record.get("id"), "tokens": [clean_token(t) for t in toks], "tags": map_tags(tags, mapping)}


# titles that are also common nouns: only capitalised they are a title in running text
TITLE_CATEGORIES = ("titles",)
JOB_CATEGORIES = ("job_roles",)


def add_titles(tokens: list[str], tags: list[str], lexicons: Lexicons) -> list[str]:
    """Mark title-lexicon phrases lying on O tokens as TITLE (corpora that never annotate titles).
    A phrase that runs into an annotated entity is cut at it ("Bộ trưởng" + ORG "Bộ Công an")."""
    norm = [norm_syllable(t) for t in tokens]
    out = list(tags)
    for a, b, cat in lexicons.spans(norm):
        if cat not in TITLE_CATEGORIES and cat not in JOB_CATEGORIES:
            continue
        if cat in JOB_CATEGORIES and not tokens[a][:1].isupper():
            continue
        end = a
        while end < b and out[end] == "O":
            end += 1
        if end == a or (a > 0 and out[a - 1] != "O" and out[a - 1].endswith("TITLE")):
            continue
        for j in range(a, end):
            out[j] = ("B-" if j == a else "I-") + "TITLE"
    return out


def load_corpus(shared: Path, name: str, splits: Iterable[str] | None = None,
                lexicons: Lexicons | None = None) -> Iterator[dict]:
    """Sentences of one corpus in the common scheme, titles added where the corpus has none."""
    folder, default_splits, conv = CORPORA[name]
    for split in splits or default_splits:
        for rec in read_jsonl(Path(shared) / "data" / "ner" / folder / f"{split}.jsonl.gz"):
            s = convert(rec, conv)
            if lexicons is not None and conv in ("vlsp2016", "vlsp2018"):
                s["tags"] = add_titles(s["tokens"], s["tags"], lexicons)
            if s["tokens"]:
                yield s

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
from functools import lru_cache
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
    toks = [clean_token(t) for t in toks]
    tags = map_tags(tags, mapping)
    if corpus == "phoner":
        tags = _phoner_organizations(toks, tags)
    return {"id": record.get("id"), "tokens": toks, "tags": tags}


@lru_cache(maxsize=1)
def _phoner_heads() -> tuple[tuple[str, ...], ...]:
    from tagger.lexicons import phrase_key, read_phrases
    path = Path(__file__).with_name("data") / "phoner_org_heads.txt"
    return tuple(phrase_key(p) for p in read_phrases(path.read_text(encoding="utf-8").splitlines()))


def _phoner_organizations(tokens: list[str], tags: list[str]) -> list[str]:
    """PhoNER LOCATION spans headed by an institution ("Bệnh viện Bạch Mai") become ORGANIZATION."""
    out = list(tags)
    for a, b, typ in spans(tags):
        if typ != "LOCATION":
            continue
        low = tuple(norm_syllable(t) for t in tokens[a:b])
        if any(low[:len(h)] == h for h in _phoner_heads()):
            for j in range(a, b):
                out[j] = ("B-" if j == a else "I-") + "ORGANIZATION"
    return out


# VLSP 2016 keeps the sentences of an article in order but marks no article boundary: blocks of this
# many consecutive sentences stand in for articles (for the article features of tagger.features)
VLSP2016_BLOCK = 40


def doc_key(name: str, split: str, index: int, record: dict) -> str | None:
    """Which document a sentence belongs to: VLSP 2018 names it, VLSP 2016 sentences are grouped in
    blocks of consecutive sentences; VLSP 2021 records are paragraphs and PhoNER sentences stand alone."""
    if name == "vlsp2018" and record.get("doc"):
        return f"{name}:{split}:{record['doc']}"
    if name == "vlsp2016":
        return f"{name}:{split}:{index // VLSP2016_BLOCK}"
    return None


# titles that are also common nouns: only capitalised they are a title in running text
TITLE_CATEGORIES = ("titles",)
BODY_CATEGORIES = ("org_heads", "org_names")
JOB_CATEGORIES = ("job_roles",)


def role_end(tokens: list[str], norm: list[str], a: int, b: int, lexicons: Lexicons) -> int:
    """Where the role words of the title phrase ``a:b`` end. The title lexicon also lists whole
    positions ("Bộ trưởng Bộ Công an", "Chủ tịch Ủy ban nhân dân tỉnh"); a TITLE is the role only and
    the body keeps its own ORGANIZATION tag (the corpora's convention; the recognizer joins them), so
    the phrase is cut after its longest proper prefix that is itself a title and is followed by a
    body: what follows starts with an organisation head or name ("Bộ", "Ủy ban", "Tỉnh ủy", "Quốc hội";
    not "Thường trực" of "Phó Chủ tịch Thường trực")."""
    for end in range(b - 1, a, -1):
        if tokens[end][:1].isupper() and _starts_body(norm, end, b, lexicons) and \
                any(c in TITLE_CATEGORIES or c in JOB_CATEGORIES for c in lexicons.categories_of(" ".join(norm[a:end]))):
            return end
    return b


def _starts_body(norm: list[str], i: int, b: int, lexicons: Lexicons) -> bool:
    return any(c in BODY_CATEGORIES for k in range(i + 1, min(b, i + 4) + 1)
               for c in lexicons.categories_of(" ".join(norm[i:k])))


def add_titles(tokens: list[str], tags: list[str], lexicons: Lexicons) -> list[str]:
    """Mark title-lexicon phrases lying on O tokens as TITLE (corpora that never annotate titles).
    Only the role words are marked ("Bộ trưởng" of "Bộ trưởng Bộ Công an", see ``role_end``), and a
    phrase that runs into an annotated entity is cut at it."""
    norm = [norm_syllable(t) for t in tokens]
    out = list(tags)
    for a, b, cat in lexicons.spans(norm):
        if cat not in TITLE_CATEGORIES and cat not in JOB_CATEGORIES:
            continue
        if cat in JOB_CATEGORIES and not tokens[a][:1].isupper():
            continue
        b = role_end(tokens, norm, a, b, lexicons)
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
        for k, rec in enumerate(read_jsonl(Path(shared) / "data" / "ner" / folder / f"{split}.jsonl.gz")):
            s = convert(rec, conv)
            s["doc"] = doc_key(name, split, k, rec)
            if lexicons is not None and conv in ("vlsp2016", "vlsp2018"):
                s["tags"] = add_titles(s["tokens"], s["tags"], lexicons)
            if s["tokens"]:
                yield s

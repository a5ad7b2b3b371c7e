"""Weak supervision: political articles from ``shared/data/topic`` labelled without a human.

The NER corpora are general news (and COVID-19 reports); political prose has long chains of offices,
bodies and names the corpora rarely show ("Phó Chủ tịch Thường trực UBND tỉnh Lê Văn Chiến"). Sentences of
political articles are labelled by

1. a base model trained on the corpora alone (what it gets right in general news it mostly gets right here),
2. overridden by high-precision rules, in order:
   - document references (``tagger.documents``) are O: "Nghị quyết số 25" is no place;
   - title-lexicon phrases are TITLE (role words only: "Phó Chủ tịch Thường trực"; a capitalised job
     role only when capitalised);
   - a form of address ("ông", "đồng chí") is O, and the capitalised syllables right after it are a PERSON;
   - a known body ("UBND", "HĐND", "Tỉnh ủy", "Bộ Nội vụ" ...) followed by an administrative unit and a
     capitalised name is one ORGANIZATION ("UBND tỉnh Đắk Nông");
   - provinces and countries outside any other entity are LOCATION.

Only sentences where a rule fired are kept (they are the political prose the corpora lack). Articles whose
text also appears in ``gold/dev.jsonl`` are skipped (``training.exclusion.DevFilter``, the same rule as the other builders).
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from tagger.features import DocContext
from tagger.lexicons import Lexicons, norm_syllable
from tagger.text import build_text, prepare, tokens
from training.exclusion import DevFilter
from training.ner_data import JOB_CATEGORIES, TITLE_CATEGORIES, role_end

SOURCES = (("vnexpress_dantri_2024", {"politics"}), ("vn4src_2017_2020", {"CTXH"}))
ADDRESS_CATEGORIES = ("address",)
ORG_CATEGORIES = ("org_names",)
PLACE_CATEGORIES = ("provinces", "countries")
UNIT_CATEGORY = "admin_units"
# bodies that take an administrative unit and a place name after them ("UBND tỉnh Đắk Nông")
_UNIT_BODIES = {"ubnd", "hđnd", "ủy ban nhân dân", "hội đồng nhân dân", "ủy ban mặt trận tổ quốc", "ubmttq",
                "mttq", "công an", "tand", "vksnd", "tòa án nhân dân", "viện kiểm sát nhân dân", "đảng ủy",
                "đảng bộ", "bộ chỉ huy quân sự", "liên đoàn lao động", "hội nông dân", "hội liên hiệp phụ nữ",
                "đoàn đại biểu quốc hội", "văn phòng ubnd", "văn phòng hđnd"}


def _article_key(text: str) -> str:
    return hashlib.sha1(" ".join(text.split())[:300].encode("utf-8")).hexdigest()


def political_articles(shared: Path, n: int, seed: int = 0) -> list[str]:
    """``n`` political article texts, deterministic: ordered by a hash of (seed, id), dev-gold texts excluded."""
    dev = DevFilter(shared)
    cands = []
    for name, labels in SOURCES:
        with gzip.open(Path(shared) / "data" / "topic" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("label") not in labels or not (r.get("text") or "").strip():
                    continue
                text = build_text(r["text"], title=r.get("title"))
                if dev(r) or dev.has_text(text):
                    continue
                h = hashlib.sha1(f"{seed}:{name}:{r.get('id')}".encode()).hexdigest()
                cands.append((h, text))
    cands.sort()
    seen, out = set(), []
    for _, text in cands:
        k = _article_key(text)
        if k not in seen:
            seen.add(k)
            out.append(text)
        if len(out) >= n:
            break
    return out


def _set(tags: list[str], a: int, b: int, typ: str) -> None:
    for j in range(a, b):
        tags[j] = ("B-" if j == a else "I-") + typ if typ != "O" else "O"


def _repair(tags: list[str]) -> list[str]:
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def apply_rules(syls: list[str], tags: list[str], lexicons: Lexicons, doc_mask: list[bool]) -> tuple[list[str], int]:
    """Override ``tags`` with the rules of the module docstring; returns (tags, number of rules fired)."""
    n = len(syls)
    norm = [norm_syllable(s) for s in syls]
    tags = list(tags)
    fired = 0
    lex_spans = lexicons.spans(norm)
    by_cat: dict[str, list[tuple[int, int]]] = {}
    for a, b, cat in lex_spans:
        by_cat.setdefault(cat, []).append((a, b))
    locked = [False] * n
    # titles
    for cat in TITLE_CATEGORIES + JOB_CATEGORIES:
        for a, b in by_cat.get(cat, []):
            if any(doc_mask[a:b]) or any(locked[a:b]):
                continue
            if cat in JOB_CATEGORIES and not syls[a][:1].isupper():
                continue
            r = role_end(syls, norm, a, b, lexicons)
            if r < b:   # the body after the role words: left to the model and the body rules below
                for j in range(r, b):
                    if tags[j].endswith("TITLE"):
                        tags[j] = "O"
                b = r
            _set(tags, a, b, "TITLE")
            for j in range(a, b):
                locked[j] = True
            fired += 1
    # bodies with a unit and a place: "UBND tỉnh Đắk Nông", "Công an huyện Krông Nô"
    units = {a: b for a, b in by_cat.get(UNIT_CATEGORY, [])}
    for cat in ORG_CATEGORIES + ("org_heads",):
        for a, b in by_cat.get(cat, []):
            if not syls[a][:1].isupper() or any(locked[a:b]) or any(doc_mask[a:b]):
                continue
            if " ".join(norm[a:b]) not in _UNIT_BODIES:
                if cat in ORG_CATEGORIES and b - a >= 2 and all(t == "O" for t in tags[a:b]):
                    _set(tags, a, b, "ORGANIZATION")   # a known full name the model missed: "Bộ Nội vụ"
                    fired += 1
                continue
            end = b
            if end in units:
                end = units[end]
                k = end
                while k < n and syls[k][:1].isupper() and syls[k][:1].isalpha() and k - end < 4:
                    k += 1
                end = k
            if end > b and not any(locked[a:end]) and not any(doc_mask[a:end]):
                _set(tags, a, end, "ORGANIZATION")
                for j in range(a, end):
                    locked[j] = True
                fired += 1
    # forms of address then a name
    for a, b in by_cat.get("address", []):
        if any(locked[a:b]):
            continue
        k = b
        while k < n and syls[k][:1].isupper() and syls[k].isalpha() and k - b < 4:
            k += 1
        if k > b and not any(doc_mask[b:k]) and not any(locked[b:k]):
            _set(tags, a, b, "O")
            _set(tags, b, k, "PERSON")
            if k < n and tags[k].startswith("I-"):
                tags[k] = "O"
            for j in range(a, k):
                locked[j] = True
            fired += 1
    # provinces and countries outside other entities
    for cat in PLACE_CATEGORIES:
        for a, b in by_cat.get(cat, []):
            if not syls[a][:1].isupper() or any(locked[a:b]) or any(doc_mask[a:b]):
                continue
            if all(t == "O" for t in tags[a:b]) and (b >= n or tags[b] == "O" or tags[b].startswith("B-")) \
                    and (a == 0 or tags[a - 1] == "O" or tags[a - 1].endswith("TITLE")):
                _set(tags, a, b, "LOCATION")
                fired += 1
    # documents: nothing inside a reference but the issuer's bodies
    for j in range(n):
        if doc_mask[j] and tags[j] != "O" and not tags[j].endswith("ORGANIZATION"):
            tags[j] = "O"
            fired += 1
    return _repair(tags), fired


def label_article(text: str, recognizer, lexicons: Lexicons, finder=None) -> list[dict]:
    prepared = prepare(text)
    docs = finder.find(prepared.clean) if finder else []
    doc_spans = [(m.start, m.end) for d in docs for m in (d.mentions or [d])]
    out = []
    sents = [tokens(prepared.clean, a, b) for a, b in prepared.sentences]
    ctx = DocContext.of([prepared.clean[s:e] for s, e in toks] for toks in sents)
    for toks in sents:
        if len(toks) < 4 or len(toks) > 200:
            continue
        syls = [prepared.clean[s:e] for s, e in toks]
        tags = recognizer.tag_tokens(syls, ctx)[0] if recognizer is not None else ["O"] * len(syls)
        mask = [any(s < de and ds < e for ds, de in doc_spans) for s, e in toks]
        tags, fired = apply_rules(syls, tags, lexicons, mask)
        if fired:
            out.append({"tokens": syls, "tags": tags, "ctx": ctx})
    return out


def weak_sentences(shared: Path, lexicons: Lexicons, n_articles: int = 3000, base_params: dict | None = None,
                   recognizer=None, max_sentences: int = 20000, base_sentences=None) -> tuple[list[dict], dict]:
    """Weakly labelled political sentences and their training_data record. Without a ``recognizer`` a
    base model is trained on ``base_sentences`` first (in a temporary directory)."""
    import tempfile
    shared = Path(shared)
    tmp = None
    if recognizer is None and base_sentences is not None:
        from tagger.entities import EntityRecognizer
        from training.ner import train_entity_component
        tmp = tempfile.TemporaryDirectory()
        bp = base_params or {}
        p = {**bp, "max_iterations": min(int(bp.get("weak_base_iterations", 40)), int(bp.get("max_iterations", 60)))}
        train_entity_component(base_sentences, Path(tmp.name), p, seed=0)
        recognizer = EntityRecognizer.load(Path(tmp.name))
    try:
        from tagger.documents import DocumentRefFinder
        finder = DocumentRefFinder()
    except Exception:  # noqa: BLE001 - the document parser may be absent in an older checkout
        finder = None
    sents = []
    arts = political_articles(shared, n_articles)
    for text in arts:
        sents.extend(label_article(text, recognizer, lexicons, finder))
        if len(sents) >= max_sentences:
            break
    if tmp is not None:
        tmp.cleanup()
    record = {"name": "weak_political", "path": "data/topic/vnexpress_dantri_2024.jsonl.gz (politics), "
              "data/topic/vn4src_2017_2020.jsonl.gz (CTXH)", "sha256": None, "records": len(sents),
              "licence": "no licence stated for these news corpora; labels by this project's base model and rules"}
    return sents[:max_sentences], record

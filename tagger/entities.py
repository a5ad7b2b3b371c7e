"""Entity recognizer: PERSON, ORGANIZATION, LOCATION and TITLE spans from a CRF over syllables.

    rec = EntityRecognizer.load(component_dir, config)      # component_dir = BUNDLE/entities
    entities = rec.predict(prepared, documents)             # list[tagger.types.Entity]

How it reads an article: each sentence of ``prepared.clean`` (noise already blanked) is cut into syllable
tokens (``tagger.text.tokens``), turned into features (``tagger.features``: syllables, shapes, neighbours,
lexicon phrases) and tagged by a linear-chain CRF (underthesea_core) in a BIO scheme. Spans are decoded from
the BIO tags; an entity's ``score`` is the mean marginal probability of its tags (how sure the CRF is of
every syllable of it, not just of the best path).

What the spans cover (for the positions/persons stage):

- PERSON: the name only; forms of address and academic titles in front (ông, bà, đồng chí, GS.TS, Đại tá)
  are not part of it (they are trimmed when the model includes them).
- TITLE: the whole position phrase as the article writes it, role plus the body it belongs to:
  "Phó Chủ tịch Thường trực UBND tỉnh", "Bộ trưởng Bộ Nội vụ", "Thủ tướng Anh". The CRF tags the role
  words ("Phó Chủ tịch Thường trực", as the corpora annotate them); when an ORGANIZATION (or a LOCATION,
  for "Tổng thống Ấn Độ") follows directly, the TITLE is extended over it. The ORGANIZATION / LOCATION is
  still reported on its own, so a TITLE may contain another entity; the role is the TITLE's text up to
  the start of the contained entity. "Phó", "Thường trực" are part of the role; a "nguyên" / "cựu" in
  front usually is not (the gold surface leaves it out): look at the word before a TITLE for it.
- ORGANIZATION, LOCATION: the most complete name the sentence gives ("UBND tỉnh Đắk Nông",
  "tỉnh Đắk Nông" or "Đắk Nông" as written).
- Nothing inside a document reference comes out, except an ORGANIZATION inside the reference's issuer
  ("Ban Chấp hành Trung ương Đảng" in "Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương Đảng").
"""
from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Sequence

from .features import DocContext, sentence_features
from .lexicons import Lexicons, norm_syllable
from .text import PreparedText, tokens
from .types import DocumentRef, Entity

MODEL_FILE = "model.crfsuite"
TYPES = ("PERSON", "ORGANIZATION", "LOCATION", "TITLE")
MAX_SENTENCE = 300       # syllables per CRF call; longer "sentences" (lists, tables) are cut


class EntityRecognizer:
    def __init__(self, tagger, lexicons: Lexicons, config: dict | None = None):
        self.tagger = tagger
        self.lexicons = lexicons
        self.config = dict(config or {})
        self.min_score = float(self.config.get("min_score", 0.0))
        self.with_scores = bool(self.config.get("scores", True))
        labels = list(tagger.labels())
        self._label_index = {lab: i for i, lab in enumerate(labels)}
        self.active: frozenset[str] | None = None   # features with a weight in the model (see load)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, component_dir: Path, config: dict | None = None) -> "EntityRecognizer":
        from underthesea_core import CRFTagger
        component_dir = Path(component_dir)
        if config is None:
            spec = json.loads((component_dir / "component.json").read_text(encoding="utf-8"))
            config = spec.get("config", {})
        path = component_dir / config.get("model_file", MODEL_FILE)
        tagger = CRFTagger()
        tagger.load(str(path))
        rec = cls(tagger, Lexicons.load(component_dir), config)
        try:
            rec.active = active_attributes(path)
        except (ValueError, struct.error):  # not a CRFsuite file we can read: pass every feature
            rec.active = None
        return rec

    # ------------------------------------------------------------------ tagging
    def tag_tokens(self, syllables: list[str], doc: DocContext | None = None) -> tuple[list[str], list[float]]:
        """BIO tags for one sentence of syllables, with the marginal probability of each chosen tag.
        ``doc``: the article the sentence comes from (``DocContext.of(sentences)``); default the sentence."""
        if not syllables:
            return [], []
        feats = sentence_features(syllables, self.lexicons, doc=doc, keep=self.active)
        tags = list(self.tagger.tag(feats))
        if not self.with_scores or all(t == "O" for t in tags):
            return tags, [1.0] * len(tags)
        marg = self.tagger.marginals(feats)
        idx = self._label_index
        return tags, [float(marg[i][idx[t]]) if t in idx else 1.0 for i, t in enumerate(tags)]

    def predict(self, prepared: PreparedText, documents: Sequence[DocumentRef] = ()) -> list[Entity]:
        text = prepared.clean
        out: list[Entity] = []
        sentences = prepared.sentences or [(0, len(text))]
        chunks = []
        for a, b in sentences:
            toks = tokens(text, a, b)
            for k in range(0, len(toks), MAX_SENTENCE):
                chunk = toks[k:k + MAX_SENTENCE]
                chunks.append((chunk, [text[s:e] for s, e in chunk]))
        doc = DocContext.of(syls for _, syls in chunks)
        for chunk, syls in chunks:
            tags, probs = self.tag_tokens(syls, doc)
            out.extend(self._decode(prepared.text, chunk, syls, tags, probs))
        out = self._join_titles(prepared.text, out)
        if documents:
            out = _drop_in_documents(out, documents)
        if self.min_score:
            out = [e for e in out if e.score >= self.min_score]
        out.sort(key=lambda e: (e.start, -e.end))
        return out

    # ------------------------------------------------------------------ decoding
    def _decode(self, text: str, toks, syls, tags, probs) -> list[Entity]:
        out = []
        i, n = 0, len(tags)
        while i < n:
            t = tags[i]
            if t == "O":
                i += 1
                continue
            typ = t[2:]
            j = i + 1
            while j < n and tags[j] == "I-" + typ:
                j += 1
            a, b = i, j
            if typ == "PERSON":
                a = self._skip_address(syls, a, b)
            if a < b:
                score = sum(probs[a:b]) / (b - a)
                s, e = toks[a][0], toks[b - 1][1]
                out.append(Entity(type=typ, text=text[s:e], start=s, end=e, score=round(score, 4)))
            i = j
        return out

    def _skip_address(self, syls, a: int, b: int) -> int:
        """Trim forms of address / academic titles the model left at the start of a name."""
        while a < b:
            best = 0
            for L in range(min(4, b - a - 1), 0, -1):
                phrase = " ".join(syls[a:a + L])
                cats = self.lexicons.categories_of(phrase)
                if "address" in cats or "title_modifiers" in cats:
                    best = L
                    break
            if not best:
                # a dot-joined academic prefix like "GS.TS" or a lone punctuation mark
                if not any(c.isalnum() for c in syls[a]) and b - a > 1:
                    best = 1
                else:
                    break
            a += best
        return a

    @staticmethod
    def _join_titles(text: str, ents: list[Entity]) -> list[Entity]:
        """Extend a TITLE over the ORGANIZATION / LOCATION right after it (only spaces between)."""
        ents.sort(key=lambda e: (e.start, -e.end))
        for i, e in enumerate(ents):
            if e.type != "TITLE":
                continue
            end = e.end
            for f in ents[i + 1:]:
                if f.start < end:
                    continue
                if f.type in ("ORGANIZATION", "LOCATION") and not text[end:f.start].strip() and f.start - end <= 2:
                    end = f.end
                    if f.type == "LOCATION":
                        break
                    continue
                break
            if end != e.end:
                e.end = end
                e.text = text[e.start:end]
        return ents


def active_attributes(path: Path) -> frozenset[str]:
    """The attributes (feature strings) that carry a non-zero state weight in a CRFsuite model file.

    Training with L1 leaves most attributes of the dictionary without any weight (84k of 576k); a
    feature string the model ignores still costs a hash lookup in each of ``tag`` and ``marginals``,
    so the recognizer drops them before the calls. Dropping a zero-weight feature changes no sum, so
    tags and marginals stay bit-identical. File layout (CRFsuite ``crf1d``): a 48-byte header with the
    offsets of the feature chunk (``FEAT``: type, source attribute, target label, weight per feature)
    and of the attribute dictionary (``CQDB``: a backward array from id to ``id, size, string``)."""
    b = Path(path).read_bytes()
    magic, _, kind, _, _, _, n_attrs, off_feat, _, off_attrs = struct.unpack_from("<4sI4sIIIIIII", b, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError("not a CRFsuite crf1d model")
    chunk, _, n_feat = struct.unpack_from("<4sII", b, off_feat)
    if chunk != b"FEAT":
        raise ValueError("no feature chunk")
    ids = set()
    for typ, src, _, weight in struct.iter_unpack("<IIId", b[off_feat + 12: off_feat + 12 + 20 * n_feat]):
        if typ == 0 and weight != 0.0:
            ids.add(src)
    chunk, _, _, _, bwd_size, bwd_off = struct.unpack_from("<4sIIIII", b, off_attrs)
    if chunk != b"CQDB" or bwd_size != n_attrs:
        raise ValueError("no attribute dictionary")
    out = []
    for i in sorted(ids):
        (o,) = struct.unpack_from("<I", b, off_attrs + bwd_off + 4 * i)
        idn, size = struct.unpack_from("<II", b, off_attrs + o)
        if idn != i:
            raise ValueError("attribute dictionary out of order")
        out.append(b[off_attrs + o + 8: off_attrs + o + 7 + size].decode("utf-8"))
    return frozenset(out)


def _drop_in_documents(ents: list[Entity], documents: Sequence[DocumentRef]) -> list[Entity]:
    spans = []
    for d in documents:
        for m in (d.mentions or [d]):
            spans.append((m.start, m.end, d))
    out = []
    for e in ents:
        hit = [(s, t, d) for s, t, d in spans if s < e.end and e.start < t]
        if not hit:
            out.append(e)
            continue
        if e.type == "ORGANIZATION" and any(d.issuer and _norm(e.text) in _norm(d.issuer) for _, _, d in hit):
            out.append(e)
    return out


def _norm(s: str) -> str:
    return " ".join(norm_syllable(w) for w in s.split())

"""Entity recognizer: PERSON, ORGANIZATION, LOCATION and TITLE spans from a CRF over syllables.

    rec = EntityRecognizer.load(component_dir, config)      # component_dir = BUNDLE/entities
    entities = rec.predict(prepared, documents)             # list[tagger.types.Entity]

How it reads an article: each sentence of ``prepared.clean`` (noise already blanked) is cut into syllable
tokens (``tagger.text.tokens``), turned into features (``tagger.features``: syllables, shapes, neighbours,
lexicon phrases, the article's capitalisation) and tagged by a linear-chain CRF in a BIO scheme, trained
by underthesea_core and run here in numpy (``LinearChainCRF``: the sentences of an article in one batch). Spans are decoded from
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
import re
import struct
import warnings
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Sequence

from .features import FEATURE_VERSION, DocContext, FeatureIndex, load_feature_lexicons, sentence_features
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
        self.active: FeatureIndex | frozenset[str] | None = None   # features with a weight (see load)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, component_dir: Path, config: dict | None = None) -> "EntityRecognizer":
        component_dir = Path(component_dir)
        if config is None:
            spec = json.loads((component_dir / "component.json").read_text(encoding="utf-8"))
            config = spec.get("config", {})
        if config.get("feature_version", FEATURE_VERSION) != FEATURE_VERSION:
            # the model was trained on other features than this code builds: it runs, but worse
            warnings.warn(f"entity model {component_dir} was trained with feature version "
                          f"{config.get('feature_version')}, this code builds version {FEATURE_VERSION}: rebuild it "
                          "(python -m training.ner build)", RuntimeWarning, stacklevel=2)
        path = component_dir / config.get("model_file", MODEL_FILE)
        try:
            tagger = LinearChainCRF.read(path)
        except (ValueError, struct.error):  # not a CRFsuite file we can read: underthesea_core's tagger
            from underthesea_core import CRFTagger
            tagger = CRFTagger()
            tagger.load(str(path))
        rec = cls(tagger, load_feature_lexicons(component_dir), config)   # + word clusters, if shipped
        rec.active = getattr(tagger, "active", None)
        return rec

    # ------------------------------------------------------------------ tagging
    def tag_tokens(self, syllables: list[str], doc: DocContext | None = None) -> tuple[list[str], list[float]]:
        """BIO tags for one sentence of syllables, with the marginal probability of each chosen tag.
        ``doc``: the article the sentence comes from (``DocContext.of(sentences)``); default the sentence."""
        if not syllables:
            return [], []
        return self.tag_sentences([syllables], doc)[0]

    def tag_sentences(self, sentences: list[list[str]], doc: DocContext | None = None
                      ) -> list[tuple[list[str], list[float]]]:
        """``tag_tokens`` for the sentences of one article at once (one CRF pass over all of them)."""
        feats = [sentence_features(syls, self.lexicons, doc=doc, keep=self.active) if syls else [] for syls in sentences]
        batch = getattr(self.tagger, "tag_batch", None)
        if batch is not None:
            return batch(feats, self.with_scores)
        out = []
        for f in feats:
            if not f:
                out.append(([], []))
                continue
            tags = list(self.tagger.tag(f))
            if not self.with_scores or all(t == "O" for t in tags):
                out.append((tags, [1.0] * len(tags)))
                continue
            marg = self.tagger.marginals(f)
            idx = self._label_index
            out.append((tags, [float(marg[i][idx[t]]) if t in idx else 1.0 for i, t in enumerate(tags)]))
        return out

    def predict(self, prepared: PreparedText, documents: Sequence[DocumentRef] = ()) -> list[Entity]:
        text = prepared.clean
        out: list[Entity] = []
        if prepared.sentences:
            sentence_tokens, sentence_words = prepared.sentence_tokens(), prepared.sentence_words()
        else:
            sentence_tokens = [tokens(text, 0, len(text))]
            sentence_words = [[text[s:e] for s, e in sentence_tokens[0]]]
        chunks = []
        for toks, words in zip(sentence_tokens, sentence_words):
            if 0 < len(toks) <= MAX_SENTENCE:
                chunks.append((toks, words))
                continue
            for k in range(0, len(toks), MAX_SENTENCE):
                chunks.append((toks[k:k + MAX_SENTENCE], words[k:k + MAX_SENTENCE]))
        doc = DocContext.of(syls for _, syls in chunks)
        for (chunk, syls), (tags, probs) in zip(chunks, self.tag_sentences([syls for _, syls in chunks], doc)):
            out.extend(self._decode(prepared.text, chunk, syls, tags, probs))
        out = self._repair_names(prepared.text, out)
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

    # ------------------------------------------------------------------ names cut by the model
    def _is_surname(self, word: str) -> bool:
        k = norm_syllable(word)
        rules = _name_rules()
        if k in rules["not_surnames"] or not _title_word(word):
            return False
        return k in rules["extra_surnames"] or "surnames" in self.lexicons.categories_of(word)

    def _unfuse(self, e: Entity) -> bool:
        """Cut a PERSON span after a dateline fused with the lead ("Hà TĩnhÔng Lê Xuân Tiến"): the part before the
        fusion must be a place; False when nothing but the lead's first word is left ("Hà NộiSau")."""
        m = _FUSED.search(e.text)
        if m is None or not set(self.lexicons.categories_of(e.text[:m.start() + 1])) & _PLACE_CATEGORIES:
            return True
        rest = e.text[m.end():]
        if " " not in rest.strip():
            return False
        e.start += m.end()
        e.text = rest
        return True

    def _repair_names(self, text: str, ents: list[Entity]) -> list[Entity]:
        """Join the pieces of a Vietnamese name the CRF cut at a syllable that is also a common word or a
        place ("Nguyễn Anh Trí" read as "Nguyễn" + "Trí", "Đỗ Hoàng Anh Tuấn" as "Đỗ Hoàng" + "Tuấn",
        "Đặng Quốc Khánh" as "Khánh", "Bùi Văn Từ" as "Bùi Văn", "Nguyễn Quốc Vương" as "Nguyễn" + a
        TITLE). Only capitalised syllables separated by single spaces are joined, the whole must start
        with a family name and stay within ``max_syllables``; entities inside the joined span go."""
        if not any(e.type == "PERSON" for e in ents):
            return ents
        ents = [e for e in ents if e.type != "PERSON" or self._unfuse(e)]
        rules = _name_rules()
        limit = rules["max_syllables"]
        middle = rules["middle_names"]
        ents.sort(key=lambda e: (e.start, -e.end))
        dropped: set[int] = set()
        for n, e in enumerate(ents):
            if e.type != "PERSON" or n in dropped:
                continue
            words = e.text.split(" ")
            if len(words) > 3 or not all(_title_word(w) for w in words):
                continue
            start, end = e.start, e.end
            # to the right: capitalised syllables up to another PERSON piece, or after an unfinished name
            run = _cap_run(text, end, limit - len(words))
            if run and self._is_surname(words[0]):
                run_end = run[-1][1]
                inside = [k for k, f in enumerate(ents) if k != n and k not in dropped
                          and f.start < run_end and f.end > end]
                if all(ents[k].end <= run_end for k in inside):
                    person_end = max((ents[k].end for k in inside if ents[k].type == "PERSON"), default=None)
                    unfinished = len(words) == 1 or norm_syllable(words[-1]) in middle
                    closed = _cap_run(text, run_end, 1) == []   # the run is the whole capitalised stretch
                    tail = text[end:run_end].split()
                    placed = any(set(self.lexicons.categories_of(" ".join(tail[k:k + 2]))) & _PLACE_CATEGORIES
                                 for k in range(len(tail) - 1))   # "Hoàng Anh Gia Lai": a company named after a place
                    if not placed and (person_end == run_end or (unfinished and closed and person_end is None)):
                        end = run_end
                        dropped.update(inside)
            # to the left: one or two capitalised syllables not in any entity, the first a family name
            if end == e.end and len(words) <= 3:
                back = _cap_run_before(text, start, limit - len(words))
                for take in range(len(back), 0, -1):
                    first_s, _ = back[-take]
                    if not self._is_surname(text[first_s:back[-take][1]]):
                        continue
                    if any(f.start < start and f.end > first_s for k, f in enumerate(ents) if k != n and k not in dropped):
                        continue
                    before = _cap_run_before(text, first_s, 1)
                    if before and not any(f.end == first_s - 1 for f in ents):
                        continue  # more capitalised words before: not the start of this name
                    prefix = text[first_s:start].strip()
                    if set(self.lexicons.categories_of(prefix)) & _PLACE_CATEGORIES:
                        continue  # "Đồng Tháp", "Hà Nam" before a name is a place
                    start = first_s
                    break
            if (start, end) != (e.start, e.end):
                e.start, e.end = start, end
                e.text = text[start:end]
        return [e for k, e in enumerate(ents) if k not in dropped]

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


class LinearChainCRF:
    """Inference for a CRFsuite (``crf1d``) model file as written by underthesea_core, in numpy.

    Same model and numbers as ``underthesea_core.CRFTagger`` (tags identical, marginals within 1e-11
    on 1,493 news sentences; ``tests/test_entities.py`` checks it on a small model), but it runs all
    the sentences of an article as one batch, and only looks up the features that carry a weight:
    training with L1 leaves most attributes of the dictionary without one (84k of 576k), and a string
    the model ignores still costs a lookup. About half the CRF time of calling the Rust tagger per
    sentence (once for the tags, once more for the marginals).

    File layout: a 48-byte header with the offsets of the feature chunk (``FEAT``: type, source,
    target, weight per feature; type 0 = attribute -> label, 1 = label -> label) and of the label and
    attribute dictionaries (``CQDB``: a backward array from id to ``id, size, string``).
    """

    def __init__(self, labels: list[str], index: dict[str, int], weights, transitions):
        import numpy as np
        self._labels = list(labels)
        self.index = FeatureIndex(index)       # attribute -> row of ``weights``; the last row is zeros
        self.weights = weights                 # (attributes + 1) x labels
        self.transitions = transitions         # labels x labels
        self._exp_transitions = np.exp(transitions)
        self.active = self.index               # what the recognizer passes as ``keep``: ids come back

    def labels(self) -> list[str]:
        return list(self._labels)

    @classmethod
    def read(cls, path: Path) -> "LinearChainCRF":
        import numpy as np
        b = Path(path).read_bytes()
        magic, _, kind, _, _, n_labels, n_attrs, off_feat, off_labels, off_attrs = struct.unpack_from("<4sI4sIIIIIII", b, 0)
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError("not a CRFsuite crf1d model")
        chunk, _, n_feat = struct.unpack_from("<4sII", b, off_feat)
        if chunk != b"FEAT":
            raise ValueError("no feature chunk")
        rec = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")])
        feats = np.frombuffer(b, dtype=rec, count=n_feat, offset=off_feat + 12)
        state = feats[(feats["type"] == 0) & (feats["w"] != 0.0)]
        trans = feats[feats["type"] == 1]
        if len(state) + len(trans) != len(feats[feats["w"] != 0.0]) or \
                (len(trans) and (trans["src"].max() >= n_labels or trans["dst"].max() >= n_labels)) or \
                (len(state) and state["dst"].max() >= n_labels):
            raise ValueError("unexpected feature types")
        attr_ids, rows = np.unique(state["src"], return_inverse=True)
        weights = np.zeros((len(attr_ids) + 1, n_labels))
        np.add.at(weights, (rows, state["dst"].astype(np.int64)), state["w"])
        transitions = np.zeros((n_labels, n_labels))
        np.add.at(transitions, (trans["src"].astype(np.int64), trans["dst"].astype(np.int64)), trans["w"])
        labels = _cqdb_strings(b, off_labels, range(n_labels), n_labels)
        names = _cqdb_strings(b, off_attrs, attr_ids.tolist(), n_attrs)
        return cls(labels, {name: k for k, name in enumerate(names)}, weights, transitions)

    def tag(self, feats: list[list[str]]) -> list[str]:
        return self.tag_batch([feats], False)[0][0]

    def tag_batch(self, sentences: list[list[list[str]]], with_scores: bool = True
                  ) -> list[tuple[list[str], list[float]]]:
        """Viterbi tags of each sentence (a list of feature lists) and, with ``with_scores``, the
        marginal probability of each chosen tag (forward-backward, scaled); 1.0 where a sentence has no
        entity (as the recognizer always reported).

        The sentences run side by side, longest first, so the ones still running at step t are a
        prefix of the batch; arrays are time-major (step, sentence, label), so each step reads and
        writes contiguous rows, and the per-step work is a handful of numpy calls into buffers made
        once per article. The arithmetic is the same, in the same order, as a per-sentence run."""
        import numpy as np
        out: list[tuple[list[str], list[float]]] = [([], [])] * len(sentences)
        todo = [k for k, f in enumerate(sentences) if f]
        if not todo:
            return out
        W, L = self.weights, self.transitions.shape[0]
        todo.sort(key=lambda k: -len(sentences[k]))           # longest first: the active rows are a prefix
        lens = [len(sentences[k]) for k in todo]
        S, n_max = len(todo), lens[0]
        feats = [f for k in todo for f in sentences[k]]       # one feature list per token, sentence after sentence
        first = next((x for f in feats for x in f), None)
        if not isinstance(first, int):   # feature strings: the ones the model knows
            lookup = self.index.get
            feats = [[j for j in map(lookup, f) if j is not None] for f in feats]
        # each token's rows: the zero row (the last of ``W``), then its features; reduceat sums them in
        # that order (the zero row also gives a token without features a start of its own)
        sizes = np.fromiter(map(len, feats), dtype=np.intp, count=len(feats)) + 1
        starts = np.zeros(len(feats), dtype=np.intp)
        np.cumsum(sizes[:-1], out=starts[1:])
        ids = np.full(int(starts[-1] + sizes[-1]), W.shape[0] - 1, dtype=np.intp)
        body = np.ones(len(ids), dtype=bool)
        body[starts] = False
        ids[body] = np.fromiter(chain.from_iterable(feats), dtype=np.intp, count=len(ids) - len(feats))
        flat = np.add.reduceat(W.take(ids, axis=0), starts, axis=0)
        lens_a = np.array(lens, dtype=np.intp)
        # time-major emissions: E[t, r] is token t of sentence r
        offsets = np.zeros(S, dtype=np.intp)
        np.cumsum(lens_a[:-1], out=offsets[1:])
        sent_of = np.repeat(np.arange(S), lens_a)
        E = np.zeros((n_max, S, L))
        E[np.arange(len(feats)) - offsets[sent_of], sent_of] = flat
        # active[t]: sentences longer than t (a prefix, as they are sorted)
        active = (S - np.cumsum(np.bincount(lens_a, minlength=n_max + 1))[:n_max]).tolist()
        # Viterbi. D[t, r, j]: best score of a path of sentence r ending in label j at step t, from
        # m[i, r, j] = D[t - 1, r, i] + T[i, j], maximised over i (the outer axis: contiguous rows).
        # The best previous labels are found on the way back, for the chosen label only.
        T = self.transitions
        Tb, TT = T[:, None, :], np.ascontiguousarray(T.T)
        D = np.empty((n_max, S, L))
        D[0] = E[0]
        m = np.empty((L, S, L))
        for t in range(1, n_max):
            k = active[t]
            mk, dk = m[:, :k], D[t, :k]
            np.add(D[t - 1, :k].T[:, :, None], Tb, out=mk)
            np.maximum.reduce(mk, axis=0, out=dk)
            dk += E[t, :k]
        rows = np.arange(S)
        y = np.zeros((n_max, S), dtype=np.intp)
        y[lens_a - 1, rows] = D[lens_a - 1, rows].argmax(1)
        for t in range(n_max - 1, 0, -1):
            k = active[t]
            y[t - 1, :k] = (D[t - 1, :k] + TT[y[t, :k]]).argmax(1)   # first of ties, as argmax over m
        labels = self._labels
        yT = y.T.tolist()
        tag_lists = [[labels[i] for i in yT[r][:n]] for r, n in enumerate(lens)]
        need = [r for r, tags in enumerate(tag_lists) if with_scores and any(t != "O" for t in tags)]
        probs: dict[int, list[float]] = {}
        if need:
            # forward-backward over the sentences with an entity (scaled: each step sums to one)
            n_need = lens[need[0]]
            sub = E[:n_need, need]
            sl = np.array([lens[r] for r in need], dtype=np.intp)
            act = (len(need) - np.cumsum(np.bincount(sl, minlength=n_need + 1))[:n_need]).tolist()
            eT = self._exp_transitions
            eE = np.exp(sub - sub.max(2, keepdims=True))
            a = np.zeros_like(sub)
            bw = np.ones_like(sub)
            v = eE[0]
            a[0] = v / v.sum(1, keepdims=True)
            add, eTt = np.add.reduce, eT.T
            for t in range(1, n_need):
                k = act[t]
                v = a[t, :k]
                np.matmul(a[t - 1, :k], eT, out=v)
                v *= eE[t, :k]
                v /= add(v, axis=1, keepdims=True)
            tmp = np.empty_like(eE[0])
            for t in range(n_need - 2, -1, -1):
                k = act[t + 1]
                v, w = bw[t, :k], tmp[:k]
                np.multiply(eE[t + 1, :k], bw[t + 1, :k], out=w)
                np.matmul(w, eTt, out=v)
                v /= add(v, axis=1, keepdims=True)
            p = a * bw
            for i, r in enumerate(need):
                n = lens[r]
                pr = p[:n, i]
                chosen = pr[np.arange(n), y[:n, r]] / pr.sum(1)
                probs[r] = chosen.tolist()
        for r, k in enumerate(todo):
            out[k] = (tag_lists[r], probs.get(r) or [1.0] * lens[r])
        return out


def _cqdb_strings(b: bytes, off: int, ids, expected: int) -> list[str]:
    chunk, _, _, _, bwd_size, bwd_off = struct.unpack_from("<4sIIIII", b, off)
    if chunk != b"CQDB" or bwd_size != expected:
        raise ValueError("no string dictionary")
    out = []
    for i in ids:
        (o,) = struct.unpack_from("<I", b, off + bwd_off + 4 * i)
        idn, size = struct.unpack_from("<II", b, off + o)
        if idn != i:
            raise ValueError("string dictionary out of order")
        out.append(b[off + o + 8: off + o + 7 + size].decode("utf-8"))
    return out


def active_attributes(path: Path) -> frozenset[str]:
    """The attributes (feature strings) that carry a non-zero state weight in a CRFsuite model file."""
    return frozenset(LinearChainCRF.read(path).index)


_NEXT_WORD = re.compile(r" (\w+)")


def _title_word(word: str) -> bool:
    """A capitalised syllable: "Trí", "Đặng" (not "UBND", "iPhone", "2024")."""
    return word.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower())
_PLACE_CATEGORIES = {"provinces", "countries", "admin_units"}


@lru_cache(maxsize=1)
def _name_rules() -> dict:
    raw = json.loads(resources.files("tagger.data.positions").joinpath("name_repair.json").read_text(encoding="utf-8"))
    return {"extra_surnames": frozenset(raw["extra_surnames"]), "not_surnames": frozenset(raw["not_surnames"]),
            "middle_names": frozenset(raw["middle_names"]), "max_syllables": int(raw["max_syllables"])}


# a dateline fused with the first word of the lead ("Hà TĩnhÔng Lê Xuân Tiến", "Hà NộiSau"): a lower-case letter
# then a capital inside one word
_FUSED = re.compile(r"[a-zà-ỹđ](?=[A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ])")


def _cap_run(text: str, pos: int, most: int) -> list[tuple[int, int]]:
    """Up to ``most`` capitalised syllables right after ``pos``, each after one space: their spans."""
    out = []
    while len(out) < most:
        m = _NEXT_WORD.match(text, pos)
        if not m or len(m.group(1)) < 2 or not _title_word(m.group(1)):
            break  # (an initial, "Đặng V.L.", is no given name)
        out.append(m.span(1))
        pos = m.end()
    return out


def _cap_run_before(text: str, pos: int, most: int) -> list[tuple[int, int]]:
    """Up to ``most`` capitalised syllables right before ``pos`` (one space each), in text order."""
    out = []
    while len(out) < most and pos >= 2 and text[pos - 1] == " ":
        a = pos - 1
        while a > 0 and (text[a - 1].isalpha()):
            a -= 1
        word = text[a:pos - 1]
        if not word or not _title_word(word) or (a > 0 and not (text[a - 1].isspace() or text[a - 1] in "\"“(,;:-–")):
            break
        out.insert(0, (a, pos - 1))
        pos = a
    return out


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

"""Section, is_political and political topics for one article: inference only.

One shared featurisation (TF-IDF over syllable unigrams and bigrams, the lead counted with extra
weight) feeds three linear heads stored as one weight matrix:

- ``section``: one harmonised CMS section (softmax over the section columns, temperature-scaled);
- ``is_political``: a logistic score, Platt-calibrated on cross-validated scores;
- ``topics``: one-vs-rest logistic scores per label, each Platt-calibrated, with a per-label
  threshold chosen by cross-validation on the training data (``training/topics.py``).

Everything that depends on the label set (topic ids, section ids, thresholds) comes from the
component directory, so a bundle trained on another taxonomy loads unchanged.

Artifacts in the component directory: ``vocab.txt.gz`` (one term per line, its line number is its
column), ``weights.npz`` (idf, weight matrix as float16, biases, calibration), ``component.json``.
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from .text import unify_tones
from .types import Topic, TopicPrediction

VOCAB_FILE = "vocab.txt.gz"
WEIGHTS_FILE = "weights.npz"

DEFAULT_FEATURES = {
    "ngram_max": 2,        # syllable 1-2 grams: word segments (underthesea) cost 20 ms instead of 0.7 ms per
                           # 3,000 chars for the same accuracy (training.topics compare-features)
    "lead_chars": 900,     # the silver topics were labelled from the lead: weight it
    "lead_weight": 2.0,    # a lead term counts this many times
    "max_chars": 6000,     # beyond this the body adds time, not signal
    "head_chars": 0,       # >0: the first characters (title and first sentence) count once more, on top of the
    "head_weight": 0.0,    # lead's weight (extra count per term); 0/0: off, as in bundles trained before it
}

_WORD_RE = re.compile(r"\w+", re.UNICODE)
_DIGIT_RE = re.compile(r"\w*\d\w*", re.UNICODE)  # numbers and codes: one shared token


def _syllables(text: str) -> list[str]:
    return _WORD_RE.findall(_DIGIT_RE.sub("0", text))


def _ngrams(toks: list[str], n_max: int) -> list[str]:
    out = list(toks)
    for n in range(2, n_max + 1):
        out.extend(" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1))
    return out


def term_counts(text: str, features: dict[str, Any] | None = None) -> dict[str, float]:
    """Weighted n-gram counts of a text: the single definition used at training and at inference."""
    f = {**DEFAULT_FEATURES, **(features or {})}
    text = unify_tones(text[: int(f["max_chars"])]).lower()
    n_max = int(f["ngram_max"])
    counts: dict[str, float] = {}
    for term in _ngrams(_syllables(text), n_max):
        counts[term] = counts.get(term, 0.0) + 1.0
    extra = float(f["lead_weight"]) - 1.0
    lead_chars = int(f["lead_chars"])
    if extra > 0 and lead_chars > 0:
        cut = text.rfind(" ", 0, lead_chars) if len(text) > lead_chars else len(text)
        for term in _ngrams(_syllables(text[: max(cut, 0)]), n_max):
            counts[term] = counts.get(term, 0.0) + extra
    head_extra, head_chars = float(f.get("head_weight", 0.0)), int(f.get("head_chars", 0))
    if head_extra > 0 and head_chars > 0:
        cut = text.rfind(" ", 0, head_chars) if len(text) > head_chars else len(text)
        for term in _ngrams(_syllables(text[: max(cut, 0)]), n_max):
            counts[term] = counts.get(term, 0.0) + head_extra
    return counts


def windows(text: str, size: int, max_chars: int | None = None) -> list[str]:
    """Consecutive pieces of about ``size`` characters, cut at a space; the first is the lead."""
    text = text[:max_chars] if max_chars else text
    out, start = [], 0
    while start < len(text):
        end = start + size
        if end < len(text):
            cut = text.rfind(" ", start + size // 2, end)
            end = cut if cut > start else end
        piece = text[start:end]
        if piece.strip():
            out.append(piece)
        start = end
    return out or [text]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))


class TopicClassifier:
    """Loaded from a component directory; see the module docstring for what it predicts."""

    def __init__(self, vocab: dict[str, int], idf: np.ndarray, weights: np.ndarray, bias: np.ndarray,
                 config: dict[str, Any], calib: dict[str, np.ndarray]):
        self.vocab = vocab
        self.idf = idf.astype(np.float32)
        self.weights = weights                    # (n_terms, n_sections + 1 + n_labels), float16 on disk
        self.bias = bias.astype(np.float64)
        self.config = config
        self.features = {**DEFAULT_FEATURES, **config.get("features", {})}
        self.section_labels: list[str] = list(config.get("section_labels", []))
        self.labels: list[str] = list(config["labels"])
        self.n_sections = len(self.section_labels)
        self.section_temperature = float(calib.get("section_temperature", 1.0))
        self.political_platt = calib["political_platt"].astype(np.float64)      # (a, b)
        self.topic_platt = calib["topic_platt"].astype(np.float64)              # (n_labels, 2)
        self.political_threshold = float(config.get("political_threshold", 0.5))
        th = config.get("thresholds", {})
        self.thresholds = np.array([float(th.get(lab, 0.5)) for lab in self.labels])
        self.max_topics = int(config.get("max_topics", 3))
        self.min_topics = int(config.get("min_topics", 1))
        # >0: the topic heads were trained on leads of this size and read the article window by window
        self.topic_window = int(config.get("topic_window_chars", 0))
        self._window_features = {**self.features, "lead_weight": 1.0}

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, component_dir: Path, config: dict[str, Any] | None = None) -> "TopicClassifier":
        component_dir = Path(component_dir)
        if not config:
            import json
            config = json.loads((component_dir / "component.json").read_text(encoding="utf-8"))["config"]
        with gzip.open(component_dir / VOCAB_FILE, "rt", encoding="utf-8") as f:
            terms = f.read().split("\n")
        if terms and terms[-1] == "":
            terms.pop()
        vocab = {t: i for i, t in enumerate(terms)}
        with np.load(component_dir / WEIGHTS_FILE, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        weights = arrays["weights"]
        n_out = len(config.get("section_labels", [])) + 1 + len(config["labels"])
        if weights.shape != (len(vocab), n_out):
            raise ValueError(f"{component_dir}: weights {weights.shape} do not match {len(vocab)} terms "
                             f"x {n_out} outputs")
        calib = {k: arrays[k] for k in ("political_platt", "topic_platt", "section_temperature") if k in arrays}
        return cls(vocab, arrays["idf"], weights.astype(np.float32), arrays["bias"], config, calib)

    # ------------------------------------------------------------------ scoring
    def _vector(self, text: str, features: dict[str, Any] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Sparse TF-IDF row (indices, values), sublinear tf, l2-normalised, as in training."""
        vocab = self.vocab
        idx, cnt = [], []
        for term, c in term_counts(text, features or self.features).items():
            j = vocab.get(term)
            if j is not None:
                idx.append(j)
                cnt.append(c)
        if not idx:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        ind = np.asarray(idx, dtype=np.int64)
        val = (1.0 + np.log(np.asarray(cnt, dtype=np.float32))) * self.idf[ind]
        val /= max(float(np.sqrt(val @ val)), 1e-12)
        return ind, val

    def decision(self, text: str) -> np.ndarray:
        """Raw linear scores for every output column (sections, political, topics)."""
        ind, val = self._vector(text)
        return val @ self.weights[ind] + self.bias if len(ind) else self.bias.copy()

    def scores(self, text: str) -> tuple[np.ndarray, float, np.ndarray]:
        """(section probabilities, political probability, topic probabilities)."""
        z = self.decision(text)
        s = self.n_sections
        if s:
            zs = z[:s] * self.section_temperature
            e = np.exp(zs - zs.max())
            sec = e / e.sum()
        else:
            sec = np.zeros(0)
        a, b = self.political_platt
        pol = float(_sigmoid(np.array(a * z[s] + b)))
        top = _sigmoid(self.topic_platt[:, 0] * z[s + 1:] + self.topic_platt[:, 1])
        if self.topic_window > 0:
            # the silver topics were read from leads: read each lead-sized window like a lead and keep,
            # per label, its best window, so a subject that only the body develops is still found
            w_top, b_top = self.weights[:, s + 1:], self.bias[s + 1:]
            best = None
            for piece in windows(text, self.topic_window, int(self.features["max_chars"])):
                ind, val = self._vector(piece, self._window_features)
                zt = val @ w_top[ind] + b_top if len(ind) else b_top
                p = _sigmoid(self.topic_platt[:, 0] * zt + self.topic_platt[:, 1])
                best = p if best is None else np.maximum(best, p)
            top = best
        return sec, pol, top

    def predict(self, text: str, top_k: int | None = None) -> TopicPrediction:
        """``top_k=None``: the labels over their thresholds (at least ``min_topics``, at most
        ``max_topics``); ``top_k=k``: the k best labels whatever their scores. Never any topic for a
        non-political article."""
        sec, pol, top = self.scores(text)
        section = None
        if len(sec):
            i = int(np.argmax(sec))
            section = Topic(self.section_labels[i], round(float(sec[i]), 4))
        is_political = pol >= self.political_threshold
        topics: list[Topic] = []
        if is_political:
            order = np.argsort(-top, kind="stable")
            if top_k is not None:
                chosen = list(order[: max(int(top_k), 0)])
            else:
                chosen = [i for i in order if top[i] >= self.thresholds[i]][: self.max_topics]
                if len(chosen) < self.min_topics:
                    chosen = list(order[: self.min_topics])
            topics = [Topic(self.labels[i], round(float(top[i]), 4)) for i in chosen]
        return TopicPrediction(is_political=bool(is_political), political_score=round(pol, 4),
                               topics=topics, section=section)

    def predict_many(self, texts: Iterable[str], top_k: int | None = None) -> list[TopicPrediction]:
        return [self.predict(t, top_k=top_k) for t in texts]

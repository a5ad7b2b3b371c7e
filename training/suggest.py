"""Pick the articles the current model is least sure about, as Label Studio tasks with its predictions.

Uncertainty of one article (0 = sure, 1 = a coin toss), the larger of:

- entities: ``1 - min(score)`` over the PERSON / ORGANIZATION / LOCATION / TITLE entities found
  (the weakest entity decides; an article with no entity scores 0 here);
- topics: ``1 - |p - t| / max(t, 1 - t)`` for the political probability ``p`` and its threshold ``t``,
  and, for an article judged political, for every topic probability and its own threshold (when the
  topic model exposes them; otherwise the returned topics' scores against 0.5): the score closest to
  its threshold decides.

Ties keep the input order. The tasks pre-fill the model's entities (``labels`` on ``text``) and topics
(``choices`` named ``topics``; ``not-political`` when the model says the article is not political),
so analysts correct rather than start from nothing. The matching labelling config is in docs/ANALYSTS.md.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from tagger.text import prepare
from tagger.types import Article, ArticleError

from .formats import ENTITY_LABELS

NOT_POLITICAL = "not-political"


def _closeness(p: float, t: float) -> float:
    return max(0.0, 1.0 - abs(p - t) / max(t, 1.0 - t, 1e-9))


def topic_uncertainty(tagger: Any, text: str, result: Any) -> float:
    topics = getattr(tagger, "topics", None)
    if topics is not None and hasattr(topics, "scores") and hasattr(topics, "thresholds"):
        _, pol, top = topics.scores(prepare(text).clean)
        pol_t = float(getattr(topics, "political_threshold", 0.5))
        u = _closeness(float(pol), pol_t)
        if pol >= pol_t:  # topic scores of an article judged not political are never shown: they do not count
            for p, t in zip(top, topics.thresholds):
                u = max(u, _closeness(float(p), float(t)))
        return u
    if topics is None:
        return 0.0
    u = _closeness(float(result.political_score), 0.5)
    for t in result.topics:
        u = max(u, _closeness(float(t.score), 0.5))
    return u


def article_uncertainty(tagger: Any, article: dict) -> tuple[float, Any, str]:
    """(uncertainty, tag result, the text the offsets point into)."""
    result = tagger.tag(article, include_text=True)
    ents = [e for e in result.entities if e.type in ENTITY_LABELS]
    ent_u = 1.0 - min(e.score for e in ents) if ents else 0.0
    return max(ent_u, topic_uncertainty(tagger, result.text, result)), result, result.text


def to_task(result: Any, text: str, uncertainty: float, model_version: str, article_id: str | None) -> dict:
    res: list[dict[str, Any]] = []
    for i, e in enumerate(e for e in result.entities if e.type in ENTITY_LABELS):
        res.append({"id": f"e{i}", "from_name": "label", "to_name": "text", "type": "labels", "score": e.score,
                    "value": {"start": e.start, "end": e.end, "text": text[e.start:e.end], "labels": [e.type]}})
    choices = [t.label for t in result.topics] if result.is_political else [NOT_POLITICAL]
    if choices:
        res.append({"id": "topics", "from_name": "topics", "to_name": "text", "type": "choices",
                    "value": {"choices": choices}})
    data = {"text": text}
    if article_id is not None:
        data["article_id"] = article_id
    return {"data": data, "meta": {"uncertainty": round(uncertainty, 4)},
            "predictions": [{"model_version": model_version, "score": round(1.0 - uncertainty, 4), "result": res}]}


def read_articles(path: Path) -> Iterable[tuple[int, dict]]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield n, json.loads(line)
                except json.JSONDecodeError as e:
                    yield n, {"__error__": f"not valid JSON: {e.msg}"}


def suggest(tagger: Any, articles: Iterable[tuple[int, dict]], n: int, source: str = "articles",
            warn=print) -> list[dict]:
    """The ``n`` least certain articles as Label Studio tasks, most uncertain first."""
    scored = []
    for i, (line, art) in enumerate(articles):
        if "__error__" in art:
            warn(f"{source}:{line}: skipped: {art['__error__']}")
            continue
        try:
            Article.from_dict(art)
        except ArticleError as e:
            warn(f"{source}:{line}: skipped: {e}")
            continue
        u, result, text = article_uncertainty(tagger, art)
        scored.append((-u, i, result, text, art.get("id")))
    scored.sort(key=lambda x: (x[0], x[1]))
    version = f"{tagger.model_info['name']} {tagger.model_info['version']}"
    return [to_task(r, text, -neg, version, None if aid is None else str(aid))
            for neg, _, r, text, aid in scored[: max(n, 0)]]


__all__ = ["suggest", "article_uncertainty", "to_task", "read_articles"]

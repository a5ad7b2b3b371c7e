"""Keeping the dev gold unseen: one rule for every builder that reads corpus articles.

The dev gold (``shared/gold/dev.jsonl``) is for measuring only, and its articles also sit in the topic
corpora, sometimes under another id or with the title joined differently. ``DevFilter`` drops a corpus
record whose id is a dev id, or whose text starts with a passage of a dev article (compared after
``normalize`` and with runs of white space made one space, so a title joined by a newline or a space is
the same text). The topic trainer, the word-cluster learner and the weak labeller all use it.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tagger.text import normalize

PROBE_CHARS = 120    # how much of a text's start is looked up in the dev texts
MIN_PROBE = 60       # shorter starts (captions, one-liners) are too common to decide on


def _flat(text: str) -> str:
    return " ".join(normalize(text).split())


class DevFilter:
    """``dev(record)`` is True for a record (a dict with ``id`` and ``text``) that is a dev gold article;
    ``dev.has_text(text)`` for a text alone. Without ``gold/dev.jsonl`` nothing is dropped."""

    def __init__(self, shared: Path):
        self.ids: set[str] = set()
        texts = []
        dev = Path(shared) / "gold" / "dev.jsonl"
        if dev.exists():
            for line in dev.open(encoding="utf-8"):
                if line.strip():
                    d = json.loads(line)
                    self.ids.add(d["id"])
                    texts.append(_flat(d.get("text", "")))
        self.blob = "\n".join(texts)

    def has_text(self, text: str | None) -> bool:
        if not self.blob or not text:
            return False
        probe = _flat(text[: PROBE_CHARS * 2])[:PROBE_CHARS]
        return len(probe) >= MIN_PROBE and probe in self.blob

    def __call__(self, record: dict[str, Any]) -> bool:
        return record.get("id") in self.ids or self.has_text(record.get("text"))

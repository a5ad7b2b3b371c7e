"""The engine: article in, ``TagResult`` out. The service and the CLI use only this module.

    tagger = Tagger.load()                # the shipped default bundle (or POLITAG_MODEL_PATH / promoted)
    result = tagger.tag({"title": ..., "body": ...})
    results = tagger.tag_many(articles)

Pipeline (one way): ``tagger.text.prepare`` -> document references -> entities -> persons,
positions, organizations, locations -> topics. A bundle provides the trained components
(``entities``, ``topics``); the rule-based ones (documents, positions) ship with the package.
A component the bundle does not provide is skipped: its fields stay empty.
"""
from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from time import perf_counter
from typing import Any

from .bundle import Bundle, BundleError
from .text import build_text, prepare
from .types import Article, DocumentRef, Entity, TagResult

log = logging.getLogger(__name__)

STAGES = ("cleaning", "documents", "entities", "positions", "topics")


def _optional(module: str, attr: str):
    """A rule-based component that may be absent from an older checkout of the package."""
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as e:  # pragma: no cover - only while components are being built
        log.warning("component %s.%s unavailable: %s", module, attr, e)
        return None


class Tagger:
    def __init__(self, bundle: Bundle, components: dict[str, Any], kb: Any = None):
        self.bundle = bundle
        self.components = components
        finder_cls = _optional("tagger.documents", "DocumentRefFinder")
        self.documents = finder_cls() if finder_cls else None
        resolver_cls = _optional("tagger.persons", "ArticleResolver")
        self.resolver = resolver_cls(kb=kb) if resolver_cls else None
        self.entities = components.get("entities")
        self.topics = components.get("topics")

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: str | Path | None = None, kb_path: str | Path | None = None) -> "Tagger":
        """Load a bundle (None: the default one), verifying every file's sha256 first."""
        bundle = Bundle.open(path, verify=True)
        components = {}
        for name, spec in bundle.components.items():
            module_name, class_name = spec.get("module", ""), spec.get("class", "")
            if not module_name.startswith("tagger."):
                raise BundleError(f"component {name!r}: module {module_name!r} is not part of the engine")
            try:
                klass = getattr(importlib.import_module(module_name), class_name)
            except (ImportError, AttributeError) as e:
                raise BundleError(f"component {name!r}: cannot import {module_name}.{class_name}: {e}") from e
            components[name] = klass.load(bundle.component_dir(name), spec.get("config", {}))
        kb = None
        kb_path = kb_path or os.environ.get("POLITAG_KB_PATH")
        if kb_path:
            from .kb import KnowledgeBase
            kb = KnowledgeBase.load(kb_path)
        return cls(bundle, components, kb=kb)

    @property
    def model_info(self) -> dict[str, str]:
        return {"name": self.bundle.name, "version": self.bundle.version}

    # ------------------------------------------------------------------ tagging
    def tag(self, article: Article | dict | str, include_text: bool = False, top_k: int | None = None) -> TagResult:
        if isinstance(article, str):
            article = {"body": article}
        art = Article.from_dict(article)
        timings: dict[str, float] = {}
        t0 = perf_counter()
        text = build_text(art.body, title=art.title, sapo=art.sapo, format=art.format)
        title_end = len(text.split("\n", 1)[0]) if art.title else 0
        prepared = prepare(text, title_end=title_end)
        t1 = perf_counter()
        timings["cleaning"] = (t1 - t0) * 1000

        documents: list[DocumentRef] = []
        if self.documents is not None:
            documents = self.documents.find(prepared.clean, published_at=art.published_at)
            for d in documents:
                d.text = prepared.text[d.start:d.end]
        t2 = perf_counter()
        timings["documents"] = (t2 - t1) * 1000

        entities: list[Entity] = []
        if self.entities is not None:
            entities = self.entities.predict(prepared, documents)
        t3 = perf_counter()
        timings["entities"] = (t3 - t2) * 1000

        persons, organizations, locations = [], [], []
        if self.resolver is not None:
            persons, organizations, locations = self.resolver.resolve(prepared, entities, documents)
        t4 = perf_counter()
        timings["positions"] = (t4 - t3) * 1000

        result = TagResult(id=art.id, model=self.model_info)
        if self.topics is not None:
            pred = self.topics.predict(prepared.clean, top_k=top_k)
            result.is_political = bool(pred.is_political)
            result.political_score = float(pred.political_score)
            result.topics = list(pred.topics)
            result.section = pred.section
        t5 = perf_counter()
        timings["topics"] = (t5 - t4) * 1000
        timings["total"] = (t5 - t0) * 1000

        doc_entities = [Entity("DOCUMENT", m.text, m.start, m.end, d.confidence)
                        for d in documents for m in (d.mentions or [d])]
        all_entities = [e for e in entities + doc_entities if not prepared.is_noise(e.start, e.end)]
        for e in all_entities:  # the contract: text[start:end] == entity text
            e.text = prepared.text[e.start:e.end]
        all_entities.sort(key=lambda e: (e.start, -e.end))
        result.entities = all_entities
        result.persons, result.organizations, result.locations = persons, organizations, locations
        result.documents = documents
        result.timings_ms = timings
        if include_text:
            result.text = prepared.text
        return result

    def tag_many(self, articles: Iterable[Article | dict | str], include_text: bool = False,
                 top_k: int | None = None) -> list[TagResult]:
        return [self.tag(a, include_text=include_text, top_k=top_k) for a in articles]

"""Training recipes: one TOML file names the data, the label maps and the hyperparameters.

    name = "politag-analysts"          # bundle name in the registry
    seed = 0

    [[sources]]                        # used when `politag train` gets no --data
    path = "labels/export.json"        # relative to the recipe file; {root} = project, {shared} = ../shared
    format = "auto"
    licence = "newsroom, internal"

    [labels.entities]                  # analysts' span labels -> PERSON / ORGANIZATION / LOCATION / TITLE
    PER = "PERSON"                     # "" = ignored on purpose (counted, not reported)
    [labels.topics]                    # analysts' topic names -> topic ids
    "Đối ngoại" = "doi-ngoai"
    [labels.political]                 # choices that say "not political" / "political, no topic"
    not_political = ["not-political"]

    [components.entities]
    params = { ... }                   # passed to training.ner.train_entity_component
    build = ["{python}", "-m", "training.ner", "build", ...]  # without data: rebuild from ../shared
    [components.topics]
    params = { ... }

See ``training/recipes/default.toml`` for the recipe that rebuilds the shipped bundle.
"""
from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .formats import DEFAULT_ENTITY_MAP, ENTITY_LABELS, FORMATS, LabelPolicy

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RECIPE = Path(__file__).resolve().parent / "recipes" / "default.toml"
COMPONENTS = ("entities", "topics")


class RecipeError(ValueError):
    """A recipe that cannot be used; the message names the key to fix."""


@dataclass
class Source:
    path: Path
    format: str = "auto"
    licence: str = "analyst-labelled"


@dataclass
class Recipe:
    path: Path
    name: str
    seed: int
    shared: Path
    sources: list[Source]
    policy: LabelPolicy
    components: dict[str, dict[str, Any]] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)

    def params(self, component: str) -> dict[str, Any]:
        return dict(self.components.get(component, {}).get("params", {}))

    def build_command(self, component: str, out: Path) -> list[str] | None:
        cmd = self.components.get(component, {}).get("build")
        if not cmd:
            return None
        subs = {"python": sys.executable, "shared": str(self.shared), "out": str(out), "seed": str(self.seed),
                "root": str(ROOT)}
        return [str(part).format(**subs) for part in cmd]

    def licence_for(self, path: Path) -> str:
        for s in self.sources:
            if s.path == path or s.path in path.parents:
                return s.licence
        return "analyst-labelled"


def _expand(value: str, base: Path, shared: Path) -> Path:
    p = Path(value.format(root=ROOT, shared=shared))
    return p if p.is_absolute() else (base / p).resolve()


def load_recipe(path: str | Path | None = None, shared: str | Path | None = None) -> Recipe:
    """Read and check a recipe (the default one when ``path`` is None)."""
    path = Path(path) if path else DEFAULT_RECIPE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise RecipeError(f"{path}: no such recipe file") from e
    except tomllib.TOMLDecodeError as e:
        raise RecipeError(f"{path}: not valid TOML: {e}") from e
    base = path.resolve().parent
    shared_path = Path(shared) if shared else _expand(str(raw.get("shared", "../shared")), ROOT, Path("../shared"))
    unknown = set(raw) - {"name", "seed", "shared", "sources", "labels", "components", "description"}
    if unknown:
        raise RecipeError(f"{path}: unknown keys {sorted(unknown)} (expected name, seed, shared, sources, labels, "
                          f"components)")
    seed = raw.get("seed", 0)
    if not isinstance(seed, int):
        raise RecipeError(f"{path}: seed must be an integer")

    sources = []
    for i, s in enumerate(raw.get("sources", [])):
        if "path" not in s:
            raise RecipeError(f"{path}: sources[{i}] needs a path")
        fmt = s.get("format", "auto")
        if fmt not in FORMATS:
            raise RecipeError(f"{path}: sources[{i}].format {fmt!r} is not one of {', '.join(FORMATS)}")
        sources.append(Source(_expand(s["path"], base, shared_path), fmt, s.get("licence", "analyst-labelled")))

    labels = raw.get("labels", {})
    emap = dict(DEFAULT_ENTITY_MAP)
    for k, v in labels.get("entities", {}).items():
        if v not in ENTITY_LABELS and v != "":
            raise RecipeError(f"{path}: labels.entities.{k} = {v!r}: map to one of {', '.join(ENTITY_LABELS)} "
                              f"or \"\" to ignore")
        emap[str(k)] = v
        emap[str(k).upper()] = v
    policy = LabelPolicy(entities=emap, topics=dict(labels.get("topics", {})))
    pol = labels.get("political", {})
    if "not_political" in pol:
        policy.not_political = {str(x).lower() for x in pol["not_political"]}
    if "political" in pol:
        policy.political = {str(x).lower() for x in pol["political"]}
    if "topic_labels" in labels:   # a closed topic set: other topics are reported and dropped
        policy.allowed_topics = set(labels["topic_labels"])
    if "choice_keys" in labels:
        policy.choice_keys = tuple(labels["choice_keys"])

    components = raw.get("components", {})
    for name in components:
        if name not in COMPONENTS:
            raise RecipeError(f"{path}: unknown component {name!r} (expected {', '.join(COMPONENTS)})")
    return Recipe(path=path, name=str(raw.get("name", "politag")), seed=seed, shared=shared_path,
                  sources=sources, policy=policy, components=components, raw=raw)

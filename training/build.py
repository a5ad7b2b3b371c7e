"""Assemble a bundle: train the components the data covers, copy the others from the current bundle, seal.

    result = build_bundle(recipe, data=["labels/"], out=Path("models/politag/2026.11.24-1200"))

- span data (entity annotations) trains ``entities`` with ``training.ner.train_entity_component``;
- label data (topics / is_political) trains ``topics`` with ``training.topics.train_topic_component``;
- a component the data does not cover is copied unchanged from the base bundle (the current one);
- without data and without recipe sources, each component runs its own builder over ../shared
  (the recipe's ``build`` command): that is how the default recipe rebuilds the shipped bundle.

Everything is built in a temporary directory beside ``out`` and renamed into place at the end, so a
failed run leaves nothing half-written.
"""
from __future__ import annotations

import hashlib
import importlib
import inspect
import json
import os
import random
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from tagger.bundle import COMPONENT_FILE, MANIFEST, Bundle, BundleError, default_bundle_path, seal
from tagger.features import CLUSTER_FILE

from . import formats
from .atomic import atomic_dir
from .recipe import ROOT, Recipe

TRAINERS = {  # component -> (module, function)
    "entities": ("training.ner", "train_entity_component"),
    "topics": ("training.topics", "train_topic_component"),
}
HELDOUT_FILE = "heldout.jsonl"


class BuildError(RuntimeError):
    """The bundle cannot be built; the message says what to change."""


@dataclass
class BuildResult:
    path: Path
    manifest: dict[str, Any]
    dataset: formats.Dataset | None
    trained: list[str] = field(default_factory=list)
    copied: list[str] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    heldout: int = 0


def code_version() -> str:
    """git describe of the project (with -dirty), else the package version."""
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty", "--tags"], cwd=ROOT, capture_output=True,
                             text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        from importlib.metadata import version
        return version("politag")
    except Exception:  # noqa: BLE001 - not installed: still build
        return "unknown"


def default_version() -> str:
    return datetime.now(timezone.utc).strftime("%Y.%m.%d-%H%M%S")


def _trainer(component: str) -> Callable[..., Any]:
    module, func = TRAINERS[component]
    try:
        return getattr(importlib.import_module(module), func)
    except (ImportError, AttributeError) as e:
        raise BuildError(f"the {component} trainer {module}.{func} is not available: {e}") from e


def split_holdout(records: list[formats.Record], share: float, seed: int) -> tuple[list, list]:
    """A stable share of records held out for evaluation: by a hash of (seed, source, line, id),
    so adding records never moves an old one from one side to the other."""
    if share <= 0:
        return records, []
    train, held = [], []
    for r in records:
        key = f"{seed}|{Path(r.source).name}|{r.line}|{r.id}".encode()
        (held if int(hashlib.sha256(key).hexdigest()[:8], 16) / 0xFFFFFFFF < share else train).append(r)
    if not train:
        raise BuildError(f"--holdout {share} leaves no record to train on")
    return train, held


def _fingerprints(ds: formats.Dataset, recipe: Recipe, records: list[formats.Record]) -> list[dict[str, Any]]:
    used = {}
    for r in records:
        used[r.source] = used.get(r.source, 0) + 1
    return [{**f.fingerprint(recipe.licence_for(f.path)), "records": used.get(str(f.path), 0)}
            for f in ds.files if used.get(str(f.path))]


def _set_training_data(comp_dir: Path, fingerprints: list[dict[str, Any]]) -> None:
    """Record the analysts' files (with sha256) in the component's training data."""
    cfile = comp_dir / COMPONENT_FILE
    comp = json.loads(cfile.read_text(encoding="utf-8"))
    comp["training_data"] = fingerprints
    cfile.write_text(json.dumps(comp, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _call_trainer(component: str, items: list[dict], out_dir: Path, recipe: Recipe,
                  fingerprints: list[dict[str, Any]], base: Path | None = None) -> dict[str, Any]:
    fn = _trainer(component)
    params = recipe.params(component)
    # the entity features read files shipped beside the model (gazetteer lists, the word-cluster table
    # learnt from unlabelled news): an analysts' retrain takes the current bundle's, so it keeps them
    if component == "entities" and base is not None:
        if "gazetteer_dir" not in params and any((base / component).glob("gaz_*.txt")):
            params["gazetteer_dir"] = str(base / component)
        if "clusters_dir" not in params and (base / component / CLUSTER_FILE).is_file():
            params["clusters_dir"] = str(base / component)
    kwargs: dict[str, Any] = {"params": params or None, "seed": recipe.seed}
    if "training_data" in inspect.signature(fn).parameters:
        kwargs["training_data"] = fingerprints
    metrics = fn(items, out_dir, **kwargs)
    if not (out_dir / COMPONENT_FILE).is_file():
        raise BuildError(f"the {component} trainer wrote no {COMPONENT_FILE} in {out_dir}")
    _set_training_data(out_dir, fingerprints)
    return metrics or {}


def _run_builders(components: list[str], recipe: Recipe, out: Path, log: Callable[[str], None],
                  jobs: int | None = None) -> None:
    """Run the components' build commands, up to ``jobs`` at a time (default: one per CPU): each builder
    is single-threaded, so on two cores the entity and topic builds overlap. Output lines are prefixed
    with the component; if one builder fails the others are stopped."""
    cmds = {}
    for comp in components:
        cmd = recipe.build_command(comp, out / comp)
        if not cmd:
            raise BuildError(f"the recipe gives no data and no build command for {comp}")
        cmds[comp] = cmd
    jobs = max(1, jobs or min(len(cmds), os.cpu_count() or 1))
    env = {**os.environ, "PYTHONHASHSEED": str(recipe.seed), "PYTHONUNBUFFERED": "1"}
    pending, running, failed = list(cmds), {}, []

    def relay(comp: str, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            log(f"[{comp}] {line.rstrip()}")

    try:
        while pending or running:
            while pending and len(running) < jobs and not failed:
                comp = pending.pop(0)
                log(f"building {comp}: {' '.join(cmds[comp])}")
                proc = subprocess.Popen(cmds[comp], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
                th = threading.Thread(target=relay, args=(comp, proc), daemon=True)
                th.start()
                running[comp] = (proc, th)
            if failed:
                break
            for comp, (proc, th) in list(running.items()):
                if proc.poll() is not None:
                    th.join()
                    del running[comp]
                    if proc.returncode != 0:
                        failed.append(f"the {comp} builder failed with exit code {proc.returncode}")
            time.sleep(0.2)
    finally:
        for proc, th in running.values():
            proc.terminate()
            proc.wait()
    if failed:
        raise BuildError("; ".join(failed))
    for comp in components:
        if not (out / comp / COMPONENT_FILE).is_file():
            raise BuildError(f"the {comp} builder wrote no {COMPONENT_FILE} in {out / comp}")
    (out / MANIFEST).unlink(missing_ok=True)  # builders seal their parent: we seal the whole bundle later


def build_bundle(recipe: Recipe, out: Path, data: list[str | Path] | None = None, fmt: str = "auto",
                 name: str | None = None, version: str | None = None, base: Path | None = None,
                 holdout: float = 0.0, only: list[str] | None = None,
                 log: Callable[[str], None] = print) -> BuildResult:
    """Train, copy, seal, rename into ``out`` (which must not exist or be empty)."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise BuildError(f"{out} already exists and is not empty: choose another --out (or --version)")
    name = name or recipe.name
    version = version or default_version()
    base = Path(base) if base else default_bundle_path()
    ds: formats.Dataset | None = None
    paths: list[Any] = list(data or []) or [(s.path, s.format) for s in recipe.sources]

    _seeded(recipe.seed)
    result = BuildResult(path=out, manifest={}, dataset=None)
    with atomic_dir(out) as tmp:
        if paths:
            ds = formats.load(paths, fmt, recipe.policy)
            result.dataset = ds
            log(ds.summary())
            records, held = split_holdout(ds.records, holdout, recipe.seed)
            if held:
                with open(tmp / HELDOUT_FILE, "w", encoding="utf-8") as f:
                    for r in held:
                        f.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")
                result.heldout = len(held)
                log(f"held out {len(held)} records for evaluation: {out / HELDOUT_FILE}")
            span_recs = [r for r in records if r.has_spans]
            label_recs = [r for r in records if r.has_labels]
            todo = {"entities": span_recs, "topics": label_recs}
            if only:
                todo = {k: v for k, v in todo.items() if k in only}
            todo = {k: v for k, v in todo.items() if v}
            if not todo:
                raise BuildError("no usable records: nothing to train (see the problems above)")
            for comp, recs in todo.items():
                items = formats.entity_sentences(recs) if comp == "entities" else formats.topic_records(recs)
                log(f"training {comp} on {len(recs)} records ({len(items)} "
                    f"{'sentences' if comp == 'entities' else 'texts'})")
                result.metrics[comp] = _call_trainer(comp, items, tmp / comp, recipe, _fingerprints(ds, recipe, recs),
                                                     base if (base / MANIFEST).is_file() else None)
                result.trained.append(comp)
        else:
            comps = list(only or recipe.components)
            _run_builders(comps, recipe, tmp, log)
            for comp in comps:
                result.trained.append(comp)
                cj = json.loads((tmp / comp / COMPONENT_FILE).read_text(encoding="utf-8"))
                result.metrics[comp] = cj.get("metrics", {})

        base_info = None
        missing = [c for c in TRAINERS if c not in result.trained]
        if missing:
            try:
                base_bundle = Bundle.open(base, verify=True)
            except BundleError as e:
                log(f"warning: no usable current bundle to take {', '.join(missing)} from ({e})")
                base_bundle = None
            if base_bundle is not None:
                for comp in missing:
                    src = base_bundle.component_dir(comp)
                    if comp in base_bundle.components and src.is_dir():
                        shutil.copytree(src, tmp / comp)
                        result.copied.append(comp)
                        log(f"kept {comp} of {base_bundle.name} {base_bundle.version} (no data for it)")
                    else:
                        log(f"warning: the current bundle has no {comp} component: the new bundle has none either")
                base_info = {"name": base_bundle.name, "version": base_bundle.version, "path": str(base_bundle.path),
                             "components": result.copied}
        meta: dict[str, Any] = {
            "name": name, "version": version, "code_version": code_version(),
            "recipe": {"path": str(recipe.path), "sha256": formats.sha256_of(recipe.path), "seed": recipe.seed},
            "trained": result.trained, "copied_from": base_info,
        }
        if ds is not None:
            meta["data_report"] = {"read": ds.read, "used": len(ds.records), "dropped": ds.dropped,
                                   "skipped": ds.skipped, "heldout": result.heldout,
                                   "problems": dict(ds.problem_kinds().most_common(20))}
        result.manifest = seal(tmp, **meta)
    return result


def _seeded(seed: int) -> None:
    random.seed(seed)
    try:
        import numpy as np
        np.random.seed(seed)
    except ImportError:  # pragma: no cover
        pass

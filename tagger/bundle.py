"""Model bundles: a directory with ``manifest.json`` and the artifacts it lists.

Layout::

    BUNDLE/
      manifest.json            name, version, created, code_version, components, labels,
                               training_data, metrics, files {relative path: sha256}
      entities/component.json  one sub-directory per component, with the fragment of the
      entities/...             manifest its trainer wrote (config, labels, metrics, training data)
      topics/component.json
      topics/...

Every file listed in ``files`` is hashed before anything is loaded; a mismatch, a missing file or
an unlisted artifact inside a component directory refuses the whole bundle.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
COMPONENT_FILE = "component.json"
DEFAULT_BUNDLE = Path(__file__).resolve().parent.parent / "models" / "default"


class BundleError(Exception):
    """The bundle cannot be used: missing manifest, bad hash, unknown component."""


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def registry_path() -> Path:
    """Where versioned bundles live: POLITAG_REGISTRY, else the project's ``models/``."""
    return Path(os.environ.get("POLITAG_REGISTRY") or DEFAULT_BUNDLE.parent)


def default_bundle_path() -> Path:
    """POLITAG_MODEL_PATH, else the registry's promoted ``current`` bundle, else the shipped ``models/default``."""
    env = os.environ.get("POLITAG_MODEL_PATH")
    if env:
        return Path(env)
    current = registry_path() / "current"
    if (current / MANIFEST).exists():
        return current.resolve()
    return DEFAULT_BUNDLE


@dataclass
class Bundle:
    path: Path
    manifest: dict[str, Any]

    @property
    def name(self) -> str:
        return self.manifest.get("name", self.path.name)

    @property
    def version(self) -> str:
        return str(self.manifest.get("version", "0"))

    @property
    def components(self) -> dict[str, dict[str, Any]]:
        return self.manifest.get("components", {})

    def component_dir(self, name: str) -> Path:
        return self.path / name

    @classmethod
    def open(cls, path: str | Path | None = None, verify: bool = True) -> "Bundle":
        path = Path(path) if path is not None else default_bundle_path()
        mpath = path / MANIFEST
        if not mpath.is_file():
            raise BundleError(f"no {MANIFEST} in {path}: not a model bundle")
        try:
            manifest = json.loads(mpath.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise BundleError(f"{mpath} is not valid JSON: {e}") from e
        bundle = cls(path=path, manifest=manifest)
        if verify:
            bundle.verify()
        return bundle

    def verify(self) -> None:
        files = self.manifest.get("files")
        if not isinstance(files, dict):
            raise BundleError(f"{self.path}/{MANIFEST} lists no files with their sha256")
        for rel, expected in files.items():
            p = (self.path / rel).resolve()
            if self.path.resolve() not in p.parents:
                raise BundleError(f"file {rel!r} lies outside the bundle")
            if not p.is_file():
                raise BundleError(f"{rel} is listed in the manifest but missing from {self.path}")
            actual = sha256_file(p)
            if actual != expected:
                raise BundleError(f"sha256 mismatch for {rel}: manifest {expected[:12]}…, file {actual[:12]}…; "
                                  "refusing to load a modified model file")
        for comp in self.components:
            cdir = self.path / comp
            if cdir.is_dir():
                for p in cdir.rglob("*"):
                    if p.is_file() and p.relative_to(self.path).as_posix() not in files:
                        raise BundleError(f"{p.relative_to(self.path)} is in the bundle but not in its manifest")


def seal(path: str | Path, **meta: Any) -> dict[str, Any]:
    """Write ``manifest.json`` for a bundle directory: merge each component's ``component.json``,
    hash every file. ``meta`` sets name, version and anything else at the top level."""
    path = Path(path)
    old = {}
    if (path / MANIFEST).exists():
        old = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    components, labels, metrics, training_data = {}, {}, {}, []
    for cfile in sorted(path.glob(f"*/{COMPONENT_FILE}")):
        comp = json.loads(cfile.read_text(encoding="utf-8"))
        name = cfile.parent.name
        components[name] = {k: v for k, v in comp.items() if k not in ("metrics", "training_data")}
        if comp.get("labels") is not None:
            labels[name] = comp["labels"]
        if comp.get("metrics"):
            metrics[name] = comp["metrics"]
        for td in comp.get("training_data", []):
            training_data.append({**td, "component": name})
    files = {}
    for p in sorted(path.rglob("*")):
        if p.is_file() and p.name not in (MANIFEST, MANIFEST + ".tmp") and "__pycache__" not in p.parts:
            files[p.relative_to(path).as_posix()] = sha256_file(p)
    manifest = {
        "name": old.get("name", "politag"),
        "version": old.get("version", datetime.now(timezone.utc).strftime("%Y.%m.%d")),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        **{k: v for k, v in old.items() if k not in ("files", "components", "labels", "training_data", "created")},
        **meta,
        "components": components,
        "labels": labels,
        "metrics": {**old.get("metrics", {}), **metrics, **meta.get("metrics", {})},
        "training_data": training_data,
        "files": files,
    }
    tmp = path / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path / MANIFEST)  # readers never see a half-written manifest
    return manifest

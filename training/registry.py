"""Versioned bundles under a models directory, and the promotion of one of them to ``current``.

    $POLITAG_REGISTRY/                  (default: the project's models/)
      <name>/<version>/manifest.json    one sealed bundle per version
      current -> <name>/<version>       relative symlink to the promoted bundle (what the service loads)
      promotions.jsonl                  one line per promotion: when, from, to, forced, the comparison

``promote`` copies a bundle into the registry when it lives elsewhere, compares it with the current one
on the headline metrics and swaps the symlink atomically (``os.replace``). The service keeps its old
model until it is told to reload (``POST /v1/admin/reload`` or SIGHUP).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tagger.bundle import DEFAULT_BUNDLE, MANIFEST, Bundle, BundleError, registry_path

from .atomic import atomic_dir

CURRENT = "current"
LOG_FILE = "promotions.jsonl"
DEFAULT_TOLERANCE = 0.01
# Headline metrics: one number per field that matters to the newsroom; higher is better for all.
HEADLINE = ("entities.f1", "topics.micro_f1", "topics.macro_f1", "is_political.accuracy",
            "gold.persons.f1", "gold.person_roles.f1", "gold.organizations.f1", "gold.locations.f1",
            "gold.topics.f1", "gold.is_political_accuracy")
# Training metrics a component may report (cross-validated on its own data): the last resort
TRAINING_HEADLINE = ("f1", "micro_f1", "macro_f1", "political_accuracy", "is_political_accuracy")


class RegistryError(RuntimeError):
    """The registry cannot do what was asked; the message says why and what to do."""


def bundle_digest(manifest: dict[str, Any]) -> str:
    """Identity of a bundle's content: the sha256 of its file list (names and hashes)."""
    files = manifest.get("files") or {}
    return hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]


def current_path(registry: Path | None = None) -> Path | None:
    link = (registry or registry_path()) / CURRENT
    return link.resolve() if (link / MANIFEST).is_file() else None


def serving_path(registry: Path | None = None) -> Path | None:
    """The bundle the service loads from this registry: ``current``, else the shipped ``models/default``
    (what ``tagger.bundle.default_bundle_path`` falls back to, and what ``evaluate`` compares with)."""
    cur = current_path(registry)
    if cur is None and (DEFAULT_BUNDLE / MANIFEST).is_file():
        return DEFAULT_BUNDLE.resolve()
    return cur


def list_bundles(registry: Path | None = None) -> list[dict[str, Any]]:
    registry = registry or registry_path()
    cur = current_path(registry)
    out = []
    for m in sorted(registry.glob(f"*/{MANIFEST}")) + sorted(registry.glob(f"*/*/{MANIFEST}")):
        if m.parent.name == CURRENT or CURRENT in m.relative_to(registry).parts:
            continue
        man = json.loads(m.read_text(encoding="utf-8"))
        out.append({"name": man.get("name"), "version": man.get("version"), "path": str(m.parent),
                    "current": cur is not None and m.parent.resolve() == cur})
    return out

# --------------------------------------------------------------------------- comparison


def headline(metrics: dict[str, Any]) -> dict[str, float]:
    return {k: float(v) for k, v in (metrics or {}).items() if k in HEADLINE and isinstance(v, (int, float))}


@dataclass
class Comparison:
    basis: str                                   # what the numbers were computed on
    rows: list[tuple[str, float, float]] = field(default_factory=list)  # metric, current, candidate
    tolerance: float = DEFAULT_TOLERANCE

    @property
    def worse(self) -> list[tuple[str, float, float]]:
        return [(m, c, n) for m, c, n in self.rows if n < c - self.tolerance - 1e-12]

    def table(self) -> str:
        if not self.rows:
            return f"no headline metric to compare ({self.basis})"
        lines = [f"compared on {self.basis} (tolerance {self.tolerance:g}):",
                 f"  {'metric':<28}{'current':>9}{'new':>9}{'change':>9}"]
        for m, c, n in self.rows:
            flag = "  WORSE" if (m, c, n) in self.worse else ""
            lines.append(f"  {m:<28}{c:>9.4f}{n:>9.4f}{n - c:>+9.4f}{flag}")
        return "\n".join(lines)


def compare(candidate: dict[str, Any], current: dict[str, Any], tolerance: float = DEFAULT_TOLERANCE) -> Comparison:
    """Headline metrics present for both bundles, preferably on the same held-out data:

    1. the candidate's evaluation that ran the current bundle beside it (``politag evaluate``), or the
       current bundle's evaluation that ran the candidate beside it (rolling back);
    2. evaluations of both bundles on the same data file (same sha256);
    3. else the components' own cross-validated training metrics (not the same data: said so)."""
    cur_digest = bundle_digest(current)
    evals = (candidate.get("metrics") or {}).get("evaluations") or {}
    for data_sha, ev in sorted(evals.items(), key=lambda kv: kv[1].get("at", ""), reverse=True):
        base = ev.get("baseline") or {}
        if base.get("digest") == cur_digest:
            new, old = headline(ev.get("headline")), headline(base.get("headline"))
            rows = [(k, old[k], new[k]) for k in HEADLINE if k in new and k in old]
            if rows:
                return Comparison(f"{ev.get('data', {}).get('path', data_sha)} (evaluated side by side)", rows,
                                  tolerance)
    cur_evals = (current.get("metrics") or {}).get("evaluations") or {}
    cand_digest = bundle_digest(candidate)
    for data_sha, ev in sorted(cur_evals.items(), key=lambda kv: kv[1].get("at", ""), reverse=True):
        base = ev.get("baseline") or {}
        if base.get("digest") == cand_digest:   # the current bundle was evaluated beside this one (a rollback)
            new, old = headline(base.get("headline")), headline(ev.get("headline"))
            rows = [(k, old[k], new[k]) for k in HEADLINE if k in new and k in old]
            if rows:
                return Comparison(f"{ev.get('data', {}).get('path', data_sha)} (evaluated side by side)", rows,
                                  tolerance)
    for data_sha, ev in evals.items():
        if data_sha in cur_evals:
            new, old = headline(ev.get("headline")), headline(cur_evals[data_sha].get("headline"))
            rows = [(k, old[k], new[k]) for k in HEADLINE if k in new and k in old]
            if rows:
                return Comparison(f"{ev.get('data', {}).get('path', data_sha)} (both evaluated on it)", rows, tolerance)
    rows = []
    trained = candidate.get("trained") or list((candidate.get("metrics") or {}).keys())
    for comp in trained:
        new_m = (candidate.get("metrics") or {}).get(comp) or {}
        old_m = (current.get("metrics") or {}).get(comp) or {}
        if not isinstance(new_m, dict) or not isinstance(old_m, dict):
            continue
        for k in TRAINING_HEADLINE:
            if isinstance(new_m.get(k), (int, float)) and isinstance(old_m.get(k), (int, float)):
                rows.append((f"{comp}.{k} (training CV)", float(old_m[k]), float(new_m[k])))
    basis = "the components' cross-validated training metrics: NOT the same data; run `politag evaluate` " \
            "on held-out data for a fair comparison"
    if not rows:
        basis = "no shared metrics: run `politag evaluate --model BUNDLE --data GOLD` first"
    if evals:
        others = sorted({f"{(ev.get('baseline') or {}).get('name')} {(ev.get('baseline') or {}).get('version')}"
                         for ev in evals.values() if ev.get("baseline")})
        basis += (f"; this bundle was evaluated beside {', '.join(others) or 'no other bundle'}, not beside the "
                  f"current {current.get('name')} {current.get('version')}: evaluate it again")
    return Comparison(basis, rows, tolerance)

# --------------------------------------------------------------------------- install + promote


def _same_files(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (a.get("files") or {}) == (b.get("files") or {})


def install(bundle: Bundle, registry: Path) -> Path:
    """The bundle's place in the registry (``<name>/<version>``), copied there atomically if needed."""
    reg = registry.resolve()
    src = bundle.path.resolve()
    if reg in src.parents:
        return src
    dest = reg / _safe(bundle.name) / _safe(bundle.version)
    if (dest / MANIFEST).is_file():
        other = json.loads((dest / MANIFEST).read_text(encoding="utf-8"))
        if _same_files(other, bundle.manifest):
            shutil.copy2(src / MANIFEST, dest / MANIFEST)   # same model files: take the newer metrics
            return dest
        raise RegistryError(f"{dest} already holds another bundle named {bundle.name} {bundle.version}: "
                            f"build with another --version")
    with atomic_dir(dest) as tmp:
        shutil.copytree(src, tmp, dirs_exist_ok=True)
    return dest


def _safe(part: str) -> str:
    part = str(part).strip().replace("/", "-").replace("\\", "-")
    if part in ("", ".", "..", CURRENT):
        raise RegistryError(f"{part!r} cannot be a bundle name or version")
    return part


def set_current(registry: Path, target: Path) -> None:
    """Point ``current`` at ``target`` in one atomic step (a relative symlink replaced with os.replace)."""
    link = registry / CURRENT
    if link.exists() and not link.is_symlink():
        raise RegistryError(f"{link} is a real directory, not a symlink: move it away first")
    rel = os.path.relpath(target.resolve(), registry.resolve())
    tmp = registry / f".{CURRENT}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    os.symlink(rel, tmp)
    os.replace(tmp, link)


@dataclass
class PromoteResult:
    promoted: bool
    path: Path
    previous: Path | None
    comparison: Comparison | None
    message: str


def promote(bundle_path: str | Path, registry: Path | None = None, tolerance: float = DEFAULT_TOLERANCE,
            force: bool = False) -> PromoteResult:
    """Make a bundle current unless it is worse than the current one on a headline metric by more than
    ``tolerance`` (``force`` overrides). The bundle is verified (sha256 of every file) first."""
    registry = (registry or registry_path())
    registry.mkdir(parents=True, exist_ok=True)
    try:
        cand = Bundle.open(bundle_path, verify=True)
    except BundleError as e:
        raise RegistryError(f"cannot promote {bundle_path}: {e}") from e
    cur_path = serving_path(registry)
    comparison = None
    if cur_path is not None:
        cur = Bundle.open(cur_path, verify=False)
        if cur_path == cand.path.resolve() or (_same_files(cur.manifest, cand.manifest)
                                               and cur.version == cand.version):
            return PromoteResult(False, cur_path, cur_path, None,
                                 f"{cand.name} {cand.version} is already current ({cur_path})")
        comparison = compare(cand.manifest, cur.manifest, tolerance)
        if comparison.worse and not force:
            worst = ", ".join(f"{m} {c:.4f} -> {n:.4f}" for m, c, n in comparison.worse)
            return PromoteResult(False, cand.path, cur_path, comparison,
                                 f"refused: {cand.name} {cand.version} is worse than the current "
                                 f"{cur.name} {cur.version} by more than {tolerance:g} on {worst}. "
                                 f"Check the report, or promote anyway with --force.")
    dest = install(cand, registry)
    set_current(registry, dest)
    entry = {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "to": str(dest),
             "name": cand.name, "version": cand.version, "from": str(cur_path) if cur_path else None,
             "forced": bool(force and comparison is not None and comparison.worse),
             "comparison": {"basis": comparison.basis, "rows": comparison.rows} if comparison else None}
    with open(registry / LOG_FILE, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    forced = " (forced past a worse metric)" if entry["forced"] else ""
    return PromoteResult(True, dest, cur_path, comparison,
                         f"promoted {cand.name} {cand.version}{forced}: {registry / CURRENT} -> "
                         f"{os.path.relpath(dest, registry.resolve())}")


def request_reload(url: str, token: str | None, timeout: float = 120.0) -> dict[str, Any]:
    """Ask a running service to load the current bundle (``POST {url}/v1/admin/reload``)."""
    if not token:
        raise RegistryError("set POLITAG_ADMIN_TOKEN (the service's admin token) to call the reload endpoint")
    req = urllib.request.Request(url.rstrip("/") + "/v1/admin/reload", method="POST", data=b"",
                                 headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as e:
        raise RegistryError(f"the service refused the reload: HTTP {e.code}: {e.read().decode(errors='replace')}") from e
    except urllib.error.URLError as e:
        raise RegistryError(f"cannot reach the service at {url}: {e.reason}") from e

"""``politag train | evaluate | promote | suggest``: the analysts' commands (registered by service/cli.py).

    politag train --data labels/ --out models/politag/2026.11.24 [--format auto] [--recipe R.toml] [--holdout 0.2]
    politag evaluate --model models/politag/2026.11.24 --data heldout.jsonl [--report DIR]
    politag promote models/politag/2026.11.24 [--tolerance 0.01] [--force] [--reload-url http://host:8000]
    politag suggest --data articles.jsonl -n 50 -o tasks.json
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .formats import FORMATS

MAX_PROBLEMS_SHOWN = 30


def _err(msg: str) -> int:
    print(f"error: {msg}", file=sys.stderr)
    return 2


def _shared(arg: str | None) -> Path | None:
    from .recipe import ROOT
    p = Path(arg) if arg else ROOT.parent / "shared"
    return p.resolve() if p.is_dir() else None


def _print_problems(ds, limit: int = MAX_PROBLEMS_SHOWN) -> None:
    for p in ds.problems[:limit]:
        print(f"  {p}", file=sys.stderr)
    if len(ds.problems) > limit:
        print(f"  ... and {len(ds.problems) - limit} more; by kind:", file=sys.stderr)
        for kind, n in ds.problem_kinds().most_common(10):
            print(f"    {n:>6}  {kind}", file=sys.stderr)
    ignored = getattr(ds, "ignored", None)
    if ignored:
        print("  ignored by the label map: " + ", ".join(f"{k} {v}" for k, v in ignored.most_common()),
              file=sys.stderr)

# --------------------------------------------------------------------------- train


def cmd_train(args) -> int:
    from tagger.bundle import registry_path

    from .build import BuildError, build_bundle, default_version
    from .recipe import RecipeError, load_recipe
    try:
        recipe = load_recipe(args.recipe, shared=args.shared)
    except RecipeError as e:
        return _err(str(e))
    version = args.version or default_version()
    out = Path(args.out) if args.out else registry_path() / (args.name or recipe.name) / version
    try:
        res = build_bundle(recipe, out, data=args.data, fmt=args.format, name=args.name, version=version,
                           base=Path(args.base) if args.base else None, holdout=args.holdout,
                           only=args.only, log=lambda m: print(m, file=sys.stderr))
    except (BuildError, FileNotFoundError, ValueError) as e:
        return _err(str(e))
    if res.dataset is not None:
        _print_problems(res.dataset)
    for comp, m in res.metrics.items():
        flat = {k: v for k, v in (m or {}).items() if isinstance(v, (int, float))}
        if flat:
            print(f"{comp} training metrics: " + ", ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}"
                                                          for k, v in list(flat.items())[:10]), file=sys.stderr)
    print(f"built {res.manifest['name']} {res.manifest['version']} in {res.path} "
          f"(trained: {', '.join(res.trained) or 'none'}; kept from the current bundle: "
          f"{', '.join(res.copied) or 'none'})")
    nxt = f"politag evaluate --model {res.path} --data " + (str(res.path / 'heldout.jsonl') if res.heldout else "GOLD")
    print(f"next: {nxt}")
    return 0

# --------------------------------------------------------------------------- evaluate


def cmd_evaluate(args) -> int:
    from tagger.bundle import BundleError

    from .recipe import RecipeError, load_recipe
    from .report import evaluate_bundle, summary_text
    data = args.data
    if not data:
        held = Path(args.model) / "heldout.jsonl"
        if not held.is_file():
            return _err("give --data GOLD (the bundle has no heldout.jsonl)")
        data = [str(held)]
    try:
        recipe = load_recipe(args.recipe)
        report = evaluate_bundle(args.model, data, fmt=args.format, policy=recipe.policy,
                                 baseline=None if args.no_baseline else (args.baseline or "current"),
                                 report_dir=Path(args.report) if args.report else None, shared=_shared(args.shared),
                                 update_manifest=not args.no_manifest, echo=lambda m: print(m, file=sys.stderr))
    except (BundleError, RecipeError, FileNotFoundError, ValueError) as e:
        return _err(str(e))
    print(summary_text(report))
    return 0

# --------------------------------------------------------------------------- promote


def cmd_promote(args) -> int:
    from .registry import RegistryError, promote, request_reload
    registry = Path(args.registry) if args.registry else None
    try:
        res = promote(args.bundle, registry=registry, tolerance=args.tolerance, force=args.force)
    except RegistryError as e:
        return _err(str(e))
    if res.comparison is not None:
        print(res.comparison.table())
    print(res.message)
    if not res.promoted:
        return 0 if "already current" in res.message else 1
    if args.reload_url:
        try:
            info = request_reload(args.reload_url, os.environ.get("POLITAG_ADMIN_TOKEN"))
        except RegistryError as e:
            return _err(f"promoted, but {e}")
        print(f"the service at {args.reload_url} now serves {info.get('name')} {info.get('version')}")
    else:
        print("the running service keeps its model until it reloads: POST /v1/admin/reload "
              "(Authorization: Bearer $POLITAG_ADMIN_TOKEN) or send it SIGHUP")
    return 0

# --------------------------------------------------------------------------- suggest


def cmd_suggest(args) -> int:
    from tagger import Tagger
    from tagger.bundle import BundleError

    from .suggest import read_articles, suggest
    try:
        tagger = Tagger.load(args.model)
    except BundleError as e:
        return _err(str(e))
    path = Path(args.data)
    if not path.is_file():
        return _err(f"{path}: no such file")
    tasks = suggest(tagger, read_articles(path), args.n, source=str(path), warn=lambda m: print(m, file=sys.stderr))
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, out)
    print(f"wrote {len(tasks)} Label Studio tasks to {out} (most uncertain first; import them into a project "
          f"with the labelling config in docs/ANALYSTS.md)")
    return 0

# --------------------------------------------------------------------------- registration


def register(subparsers: argparse._SubParsersAction) -> None:
    fmt_help = "input format (default: detected per file; JSONL per line)"

    t = subparsers.add_parser("train", help="train a bundle from labelled data (or rebuild the default one)",
                              description="Entity spans train the entity model, topic labels the topic model; "
                                          "a component the data does not cover is kept from the current bundle.")
    t.add_argument("--data", nargs="+", default=None, metavar="FILE_OR_DIR",
                   help="labelled files or directories; without it, the recipe's sources (or its builders)")
    t.add_argument("--format", choices=FORMATS, default="auto", help=fmt_help)
    t.add_argument("--recipe", default=None, help="training recipe (TOML); default training/recipes/default.toml")
    t.add_argument("--out", default=None, metavar="BUNDLE_DIR",
                   help="where to write the bundle (default: $POLITAG_REGISTRY/<name>/<version>)")
    t.add_argument("--name", default=None, help="bundle name (default: the recipe's)")
    t.add_argument("--version", default=None, help="bundle version (default: UTC date-time)")
    t.add_argument("--holdout", type=float, default=0.0, metavar="SHARE",
                   help="keep this share of the records out of training, in BUNDLE/heldout.jsonl, for evaluate")
    t.add_argument("--only", nargs="+", choices=("entities", "topics"), default=None,
                   help="train only these components (the others are kept from the current bundle)")
    t.add_argument("--base", default=None, help="bundle to keep untouched components from (default: current)")
    t.add_argument("--shared", default=None, help="the shared data folder for the default recipe (../shared)")
    t.set_defaults(func=cmd_train)

    e = subparsers.add_parser("evaluate", help="score a bundle on held-out data beside the current one; write a report")
    e.add_argument("--model", required=True, metavar="BUNDLE_DIR")
    e.add_argument("--data", nargs="+", default=None, metavar="GOLD",
                   help="held-out labelled data in any train format (default: BUNDLE/heldout.jsonl)")
    e.add_argument("--format", choices=FORMATS, default="auto", help=fmt_help)
    e.add_argument("--recipe", default=None, help="recipe whose label maps read the data (default: the default one)")
    e.add_argument("--report", default=None, metavar="DIR", help="report directory (default reports/<name>-<version>/)")
    e.add_argument("--baseline", default=None, metavar="BUNDLE_DIR", help="compare with this bundle (default: current)")
    e.add_argument("--no-baseline", action="store_true", help="do not run the current bundle")
    e.add_argument("--no-manifest", action="store_true", help="do not record the metrics in the bundle's manifest")
    e.add_argument("--shared", default=None, help="../shared, for tools/score_gold.py (else a built-in scorer)")
    e.set_defaults(func=cmd_evaluate)

    p = subparsers.add_parser("promote", help="make a bundle current (refuses a worse one unless --force)")
    p.add_argument("bundle", metavar="BUNDLE_DIR")
    p.add_argument("--tolerance", type=float, default=0.01,
                   help="refuse when a headline metric drops by more than this (default 0.01)")
    p.add_argument("--force", action="store_true", help="promote even when worse")
    p.add_argument("--registry", default=None, help="models directory (default $POLITAG_REGISTRY or models/)")
    p.add_argument("--reload-url", default=None, metavar="URL",
                   help="then ask the service at URL to reload (token from POLITAG_ADMIN_TOKEN)")
    p.set_defaults(func=cmd_promote)

    s = subparsers.add_parser("suggest", help="export the articles the model is least sure about as Label Studio tasks")
    s.add_argument("--data", required=True, metavar="ARTICLES.jsonl", help="one article per line: id, title?, body")
    s.add_argument("-n", type=int, default=50, help="how many tasks (default 50)")
    s.add_argument("-o", "--output", required=True, metavar="TASKS.json")
    s.add_argument("--model", default=None, metavar="BUNDLE_DIR", help="default: the current bundle")
    s.set_defaults(func=cmd_suggest)

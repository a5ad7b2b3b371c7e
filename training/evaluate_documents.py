"""Score the document-reference finder on gold sets with shared/tools/score_gold.py.

usage: python training/evaluate_documents.py [--shared ../shared] [--gold PATH ...] [--tuning] [--errors]

Runs ``tagger.text.prepare`` + ``DocumentRefFinder`` over every article of each gold set, writes the predictions
(id + documents as dicts) to a temporary JSONL and prints score_gold.py's table per set (the ``documents`` row is
this component's figure). Default sets: the dev gold (SHARED/gold/dev.jsonl) and, when present beside the project,
the held-out set (../heldout/heldout.jsonl). ``--tuning`` scores the tuning sets present beside the project instead
(TUNING_SETS: ../tuning/tune.jsonl, ../tuning2/docs.jsonl, ../tuning2/docs_extra.jsonl, ../tuning3/tune3.jsonl). ``--errors`` also lists the misses and false positives by
(type, number|name): use it on tuning sets only; dev and held-out are for measuring, their errors are not read.
Nothing is written into the repository.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tagger.documents import DocumentRefFinder
from tagger.text import prepare


TUNING_SETS = ("tuning/tune.jsonl", "tuning2/docs.jsonl", "tuning2/docs_extra.jsonl", "tuning3/tune3.jsonl")


def _load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_gold", shared / "tools" / "score_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def predict(rows: list[dict]) -> list[dict]:
    finder = DocumentRefFinder()
    out = []
    for r in rows:
        prepared = prepare(r["text"])
        refs = finder.find(prepared.clean, published_at=r.get("published_at"))
        docs = []
        for d in refs:
            x = asdict(d)
            x.pop("mentions", None)
            docs.append(x)
        out.append({"id": r["id"], "documents": docs})
    return out


def score_set(gold_path: Path, shared: Path, errors: bool = False) -> None:
    rows = [json.loads(ln) for ln in gold_path.open(encoding="utf-8") if ln.strip()]
    preds = predict(rows)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
        pred_path = f.name
    res = subprocess.run([sys.executable, str(shared / "tools" / "score_gold.py"), str(gold_path), pred_path],
                         capture_output=True, text=True, check=False)
    print(res.stdout, end="")
    if res.returncode:
        print(res.stderr, file=sys.stderr)
    Path(pred_path).unlink(missing_ok=True)
    if errors:
        sg = _load_scorer(shared)
        by_id = {p["id"]: p for p in preds}
        for r in rows:
            g = sg._doc_keys(r.get("documents"))
            pdocs = by_id[r["id"]]["documents"]
            p = sg._doc_keys(pdocs)
            miss, fp = g - p, p - g
            if not (miss or fp):
                continue
            print(f"\n== {r['id']}")
            for k in sorted(miss):
                surf = next((d.get("surface") for d in r["documents"] if sg._doc_keys([d]) == {k}), "")
                print(f"  MISS {k}   <- {surf!r}")
            for k in sorted(fp):
                surf = next((d.get("text") for d in pdocs if sg._doc_keys([d]) == {k}), "")
                print(f"  FP   {k}   <- {surf!r}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--gold", action="append", default=None,
                    help="gold JSONL, repeatable (default: SHARED/gold/dev.jsonl and ../heldout/heldout.jsonl)")
    ap.add_argument("--tuning", action="store_true",
                    help="score the tuning sets present beside the project (" + ", ".join(TUNING_SETS) + ")")
    ap.add_argument("--errors", action="store_true", help="list misses and false positives (tuning sets only)")
    ap.add_argument("--no-errors", dest="errors", action="store_false", help="the table only (the default)")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if args.gold:
        golds = [Path(g) for g in args.gold]
    elif args.tuning:
        golds = [p for p in (ROOT.parent / t for t in TUNING_SETS) if p.exists()]
    else:
        golds = [shared / "gold" / "dev.jsonl"] + [p for p in [ROOT.parent / "heldout" / "heldout.jsonl"] if p.exists()]
    for i, gold_path in enumerate(golds):
        print(f"{'' if i == 0 else chr(10)}== {gold_path}")
        score_set(gold_path, shared, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

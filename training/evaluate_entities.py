"""Evaluate persons / positions / organizations / locations on the dev gold.

    .venv/bin/python -m training.evaluate_entities --shared ../shared [--model models/default] [--standin]
        [--kb kb.jsonl] [--out /tmp/pred.jsonl] [--errors]

Runs prepare -> documents (when tagger.documents exists) -> entities (the bundle's entity model, or with
--standin underthesea.ner, cached next to --out) -> ``ArticleResolver`` over ``gold/dev.jsonl``, writes one
tag result per line, prints score_gold.py's table and, with --errors, per-field false positives / negatives.
"""
from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tagger.text import prepare  # noqa: E402
from tagger.types import Entity  # noqa: E402

_STANDIN_MAP = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}


def standin_entities(prepared) -> list[Entity]:
    """underthesea.ner over each sentence, aligned back to offsets (slow: development only)."""
    from underthesea import ner
    out: list[Entity] = []
    text = prepared.clean
    for a, b in prepared.sentences:
        sent = text[a:b]
        try:
            rows = ner(sent)
        except Exception:  # noqa: BLE001 - the stand-in must not stop an evaluation
            continue
        pos, cur = 0, None
        for row in rows:
            word, tag = row[0], row[-1]
            i = sent.find(word, pos)
            if i < 0:
                cur = None
                continue
            s, e = a + i, a + i + len(word)
            pos = i + len(word)
            if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur.type != _STANDIN_MAP.get(tag[2:]))):
                typ = _STANDIN_MAP.get(tag[2:])
                cur = Entity(type=typ, text=text[s:e], start=s, end=e) if typ else None
                if cur:
                    out.append(cur)
            elif tag.startswith("I-") and cur is not None:
                cur.end = e
                cur.text = text[cur.start:e]
            else:
                cur = None
    return out


def load_entity_model(model_dir: Path):
    comp = model_dir if (model_dir / "component.json").exists() else model_dir / "entities"
    spec = json.loads((comp / "component.json").read_text(encoding="utf-8"))
    klass = getattr(importlib.import_module(spec["module"]), spec["class"])
    return klass.load(comp, spec.get("config", {}))


def _doc_finder():
    try:
        from tagger.documents import DocumentRefFinder
        return DocumentRefFinder()
    except Exception:  # noqa: BLE001 - documents are optional here
        return None


def _pred_row(rid, persons, organizations, locations) -> dict:
    from dataclasses import asdict
    return {"id": rid, "persons": [asdict(p) for p in persons],
            "organizations": [asdict(o) for o in organizations],
            "locations": [asdict(l) for l in locations]}


def _print_errors(gold_rows, preds):
    sys.path.insert(0, str(SHARED / "tools"))
    import score_gold as sg
    for g in gold_rows:
        p = preds.get(g["id"], {})
        lines = []
        gp = {sg.norm(x["name"]) for x in g.get("persons", [])}
        pp = {sg.norm(x["name"]) for x in p.get("persons", [])}
        if gp - pp:
            lines.append(f"  persons FN {sorted(gp - pp)}")
        if pp - gp:
            lines.append(f"  persons FP {sorted(pp - gp)}")
        gr = {(sg.norm(x["name"]), sg.norm_role(r["role"])) for x in g.get("persons", []) for r in x.get("positions") or []}
        pr = {(sg.norm(x["name"]), sg.norm_role(r["role"])) for x in p.get("persons", []) for r in x.get("positions") or []}
        if gr - pr:
            lines.append(f"  roles FN {sorted(gr - pr)}")
        if pr - gr:
            lines.append(f"  roles FP {sorted(pr - gr)}")
        text = sg.norm(g.get("text", ""))
        pos_spans = sg._spans(text, [r.get("surface") for x in g.get("persons", []) for r in x.get("positions") or []])
        org_spans = pos_spans + sg._spans(text, [sg._name(x) for x in g.get("organizations", [])])
        for k, spans in (("organizations", pos_spans), ("locations", org_spans)):
            gs = [sg.expand(sg._name(x)) for x in g.get(k, []) if not sg._inside_only(text, sg._name(x), spans)]
            ps = [sg.expand(sg._name(x)) for x in p.get(k, []) if not sg._inside_only(text, sg._name(x), spans)]
            fn = [x for x in gs if not any(sg._similar(y, x) for y in ps)]
            fp = [y for y in ps if not any(sg._similar(y, x) for x in gs)]
            if fn:
                lines.append(f"  {k} FN {fn}")
            if fp:
                lines.append(f"  {k} FP {fp}")
        if lines:
            print(f"== {g['id']}")
            print("\n".join(lines))


def main(argv=None):
    global SHARED
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--model", default=None, help="bundle dir with an entities/ component, or the component dir itself")
    ap.add_argument("--standin", action="store_true", help="use underthesea.ner instead of the entity model")
    ap.add_argument("--kb", default=None, help="knowledge base file (tagger.kb format)")
    ap.add_argument("--out", default="/tmp/evaluate_entities.pred.jsonl")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    SHARED = Path(args.shared).resolve()
    gold_path = SHARED / "gold" / "dev.jsonl"
    gold_rows = [json.loads(l) for l in gold_path.open(encoding="utf-8") if l.strip()]
    if args.limit:
        gold_rows = gold_rows[: args.limit]

    from tagger.persons import ArticleResolver
    kb = None
    if args.kb:
        from tagger.kb import KnowledgeBase
        kb = KnowledgeBase.load(args.kb)
    resolver = ArticleResolver(kb=kb)
    finder = _doc_finder()
    model = None
    cache_path = Path(args.out).with_suffix(".standin.json")
    cache = {}
    if args.standin:
        if cache_path.exists():
            cache = json.loads(cache_path.read_text(encoding="utf-8"))
    else:
        model = load_entity_model(Path(args.model or ROOT / "models" / "default"))

    preds, t_resolve, n_chars = {}, 0.0, 0
    with open(args.out, "w", encoding="utf-8") as f:
        for g in gold_rows:
            prepared = prepare(g["text"])
            docs = finder.find(prepared.clean) if finder else []
            if args.standin:
                if g["id"] not in cache:
                    cache[g["id"]] = [[e.type, e.text, e.start, e.end] for e in standin_entities(prepared)]
                ents = [Entity(type=t, text=s, start=a, end=b) for t, s, a, b in cache[g["id"]]]
            else:
                ents = model.predict(prepared, docs)
            t0 = time.perf_counter()
            persons, orgs, locs = resolver.resolve(prepared, ents, docs)
            t_resolve += time.perf_counter() - t0
            n_chars += len(prepared.text)
            row = _pred_row(g["id"], persons, orgs, locs)
            preds[g["id"]] = row
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    if args.standin:
        cache_path.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
    print(f"resolver: {1000 * t_resolve / max(1, len(gold_rows)):.2f} ms/article "
          f"({n_chars / max(1, len(gold_rows)):.0f} chars/article)")
    if args.errors:
        _print_errors(gold_rows, preds)
    gold_arg = gold_path
    if args.limit:
        gold_arg = Path(args.out).with_suffix(".gold.jsonl")
        gold_arg.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold_rows), encoding="utf-8")
    subprocess.run([sys.executable, str(SHARED / "tools" / "score_gold.py"), str(gold_arg), args.out], check=False)


SHARED = Path(".")

if __name__ == "__main__":
    main()

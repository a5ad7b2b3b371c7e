"""Evaluate a bundle on held-out data, beside the current bundle, and write a report analysts can read.

    report = evaluate_bundle("models/politag/2026.11.24-1200", ["heldout.jsonl"])

What is measured depends on the data (any format ``politag train`` reads):

- span data: per-label precision / recall / F1 / support at exact span level (start, end and label
  must all match), micro-averaged ``entities.f1``, and a token-level confusion matrix over the labels;
- label data: per-topic P/R/F1/support, ``topics.micro_f1``, ``topics.macro_f1``, ``is_political.accuracy``;
- gold-format data (GUIDELINES.md): score_gold.py's table (persons, person-role pairs, organizations,
  locations, topics, is_political), imported from ``../shared/tools`` when it is there, else the
  built-in scorer below that follows the same rules for those fields.

The report directory gets ``report.json``, ``confusion.png`` (when matplotlib is installed) and
``index.html``; the headline numbers also go into the bundle's manifest (``metrics.evaluations``, keyed
by the data's sha256) so ``politag promote`` can compare bundles on the same data.
"""
from __future__ import annotations

import hashlib
import html
import importlib.util
import json
import logging
import re
import unicodedata
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from tagger.bundle import Bundle, BundleError, default_bundle_path, seal
from tagger.text import tokens

from . import formats
from .recipe import ROOT
from .registry import bundle_digest

log = logging.getLogger(__name__)
ENTITY_LABELS = formats.ENTITY_LABELS
CONFUSION_LABELS = ENTITY_LABELS + ("O",)
GOLD_FIELDS = ("persons", "person_roles", "organizations", "locations", "topics")

# --------------------------------------------------------------------------- scores


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn,
            "tp": tp, "fp": fp, "fn": fn}


def _token_labels(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    out = []
    for a, b in tokens(text):
        lab = "O"
        for s, e, t in spans:
            if s <= a and b <= e:
                lab = t
                break
        out.append(lab)
    return out


def span_scores(pairs: list[tuple[str, list[tuple[int, int, str]], list[tuple[int, int, str]]]]) -> dict[str, Any]:
    """pairs: (text, gold spans, predicted spans). Exact-span P/R/F1 per label, token confusion."""
    counts = {lab: Counter() for lab in ENTITY_LABELS}
    confusion = [[0] * len(CONFUSION_LABELS) for _ in CONFUSION_LABELS]
    idx = {lab: i for i, lab in enumerate(CONFUSION_LABELS)}
    for text, gold, pred in pairs:
        g, p = set(gold), set(pred)
        for lab in ENTITY_LABELS:
            gl, pl = {x for x in g if x[2] == lab}, {x for x in p if x[2] == lab}
            counts[lab]["tp"] += len(gl & pl)
            counts[lab]["fp"] += len(pl - gl)
            counts[lab]["fn"] += len(gl - pl)
        for gt, pt in zip(_token_labels(text, gold), _token_labels(text, pred)):
            confusion[idx[gt]][idx[pt]] += 1
    per_label = {lab: prf(c["tp"], c["fp"], c["fn"]) for lab, c in counts.items()}
    tot = [sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn")]
    micro = prf(*tot)
    return {"per_label": per_label, "micro": micro, "confusion": {"labels": list(CONFUSION_LABELS),
                                                                  "matrix": confusion}}


def topic_scores(pairs: list[tuple[set[str], set[str], bool | None, bool]]) -> dict[str, Any]:
    """pairs: (gold topics, predicted topics, gold is_political, predicted is_political)."""
    per: dict[str, Counter] = {}
    tot = Counter()
    pol_ok = pol_n = 0
    for gold, pred, gpol, ppol in pairs:
        for lab in gold | pred:
            c = per.setdefault(lab, Counter())
            c["tp"] += lab in gold and lab in pred
            c["fp"] += lab in pred and lab not in gold
            c["fn"] += lab in gold and lab not in pred
        tot["tp"] += len(gold & pred)
        tot["fp"] += len(pred - gold)
        tot["fn"] += len(gold - pred)
        if gpol is not None:
            pol_n += 1
            pol_ok += bool(ppol) == bool(gpol)
    per_label = {lab: prf(c["tp"], c["fp"], c["fn"]) for lab, c in sorted(per.items())}
    macro = round(sum(v["f1"] for v in per_label.values()) / len(per_label), 4) if per_label else 0.0
    return {"per_label": per_label, "micro": prf(tot["tp"], tot["fp"], tot["fn"]), "macro_f1": macro,
            "is_political_accuracy": round(pol_ok / pol_n, 4) if pol_n else None, "articles": len(pairs)}

# --------------------------------------------------------------------------- gold scorer


def load_score_gold(shared: Path | None) -> Callable | None:
    """``score`` of ../shared/tools/score_gold.py, imported by path; None when it is not there."""
    if not shared:
        return None
    path = Path(shared) / "tools" / "score_gold.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("politag_score_gold", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod.score


# The built-in scorer: GUIDELINES.md section 6 for the entity and topic fields (no documents).
_ABBR = {"uvbct": "ủy viên bộ chính trị", "uvtw": "ủy viên trung ương đảng", "uvbtv": "ủy viên ban thường vụ",
         "ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân", "mttq": "mặt trận tổ quốc",
         "đbqh": "đại biểu quốc hội", "tw": "trung ương", "tư": "trung ương", "bch": "ban chấp hành",
         "btv": "ban thường vụ", "ubkt": "ủy ban kiểm tra", "tp": "thành phố", "tp.hcm": "thành phố hồ chí minh",
         "hcm": "hồ chí minh", "tphcm": "thành phố hồ chí minh", "tand": "tòa án nhân dân",
         "vksnd": "viện kiểm sát nhân dân"}


def _norm(s: Any) -> str:
    from tagger.text import unify_tones
    if not s:
        return ""
    s = unicodedata.normalize("NFC", str(s)).replace("\u00a0", " ").replace("Ð", "Đ").lower()
    s = re.sub(r"\s+", " ", s).strip(" .,;:\"'“”()[]-–")
    return unify_tones(s)


def _expand(s: Any) -> str:
    return " ".join(_ABBR.get(w, w) for w in _norm(s).replace("tp.", "thành phố ").split())


def _name(x: Any) -> str:
    return (x.get("name") or x.get("text") or "") if isinstance(x, dict) else (x or "")


def _occurrences(text: str, strings: list[str]) -> list[tuple[int, int]]:
    out = []
    for s in strings:
        s = _norm(s)
        i = text.find(s) if s else -1
        while i >= 0:
            out.append((i, i + len(s)))
            i = text.find(s, i + 1)
    return out


def _inside_only(text: str, s: str, spans: list[tuple[int, int]]) -> bool:
    hits = _occurrences(text, [s]) if _norm(s) and text else []
    return bool(hits) and all(any(a <= i and j <= b and (j - i) < (b - a) for a, b in spans) for i, j in hits)


def _similar(p: str, g: str) -> bool:
    return p == g or ((p in g or g in p) and len(set(p.split()) & set(g.split())) >= 2)


def builtin_score_gold(gold_rows: list[dict], pred_by_id: dict[str, dict]) -> dict[str, Any]:
    acc = {k: Counter() for k in GOLD_FIELDS}
    per_label: dict[str, Counter] = {}
    pol_ok = 0

    def add(k, g, p, tp=None):
        tp = len(g & p) if tp is None else tp
        acc[k]["tp"] += tp
        acc[k]["fp"] += len(p) - tp
        acc[k]["fn"] += len(g) - tp

    for g in gold_rows:
        p = pred_by_id.get(g.get("id")) or {}
        pol_ok += bool(p.get("is_political")) == bool(g.get("is_political"))
        add("persons", {_norm(x["name"]) for x in g.get("persons", [])},
            {_norm(_name(x)) for x in p.get("persons") or []} - {""})
        role = lambda r: re.sub(r"^(đồng chí|ông|bà)\s+", "", _expand(r))  # noqa: E731
        add("person_roles", {(_norm(x["name"]), role(r["role"])) for x in g.get("persons", [])
                             for r in x.get("positions") or []},
            {(_norm(_name(x)), role(r.get("role") if isinstance(r, dict) else r))
             for x in p.get("persons") or [] if isinstance(x, dict) for r in x.get("positions") or []})
        text = _norm(g.get("text", ""))
        pos = _occurrences(text, [r.get("surface") for x in g.get("persons", []) for r in x.get("positions") or []])
        orgs = pos + _occurrences(text, [_name(x) for x in g.get("organizations", [])])
        for k, spans in (("organizations", pos), ("locations", orgs)):
            gs = {_expand(_name(x)) for x in g.get(k, []) if not _inside_only(text, _name(x), spans)} - {""}
            ps = {_expand(_name(x)) for x in p.get(k) or [] if not _inside_only(text, _name(x), spans)} - {""}
            pool, tp = list(gs), 0
            for x in ps:
                for i, y in enumerate(pool):
                    if _similar(x, y):
                        tp += 1
                        del pool[i]
                        break
            add(k, gs, ps, tp)
        gt = set(g.get("topics") or [])
        pt = {t["label"] if isinstance(t, dict) else t for t in p.get("topics") or []}
        add("topics", gt, pt)
        for lab in gt | pt:
            c = per_label.setdefault(lab, Counter())
            c["tp"] += lab in gt and lab in pt
            c["fp"] += lab in pt and lab not in gt
            c["fn"] += lab in gt and lab not in pt
    out: dict[str, Any] = {}
    for k, c in acc.items():
        r = prf(c["tp"], c["fp"], c["fn"])
        r.pop("support")
        out[k] = r
    labs = [prf(c["tp"], c["fp"], c["fn"])["f1"] for c in per_label.values()]
    out["topics"]["macro_f1"] = round(sum(labs) / len(labs), 4) if labs else 0.0
    out["is_political_accuracy"] = round(pol_ok / len(gold_rows), 4) if gold_rows else 0.0
    out["articles"] = len(gold_rows)
    return out


def gold_table(res: dict[str, Any]) -> str:
    """score_gold.py's table."""
    lines = [f"{'field':<15}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'fp':>7}{'fn':>7}"]
    for k in ("persons", "person_roles", "documents", "organizations", "locations", "topics"):
        if k in res:
            r = res[k]
            lines.append(f"{k:<15}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}"
                         f"{r['tp']:>7}{r['fp']:>7}{r['fn']:>7}")
    lines.append(f"topics macro-F1 {res['topics'].get('macro_f1', 0):.3f}   is_political accuracy "
                 f"{res.get('is_political_accuracy', 0):.3f}   articles {res.get('articles')}")
    return "\n".join(lines)

# --------------------------------------------------------------------------- running a bundle over the data


def gold_rows(paths: list[Path]) -> list[dict]:
    """The gold-format lines (GUIDELINES.md) of the JSONL files among ``paths``, as they are."""
    rows = []
    for path in formats.expand_paths(paths):
        text = formats._open_text(path)
        if formats.detect_format(path, text) != "jsonl":
            continue
        for n, line in enumerate(text.split("\n"), 1):
            if line.strip():
                try:
                    d = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if formats.jsonl_kind(d) == "gold":
                    rows.append({**d, "id": d.get("id") if d.get("id") is not None else f"{path.name}:{n}"})
    return rows


def run_bundle(bundle: Path, ds: formats.Dataset, golds: list[dict], shared: Path | None) -> dict[str, Any]:
    """Tag every text once with the bundle; score spans, topics and gold fields."""
    from tagger import Tagger
    tagger = Tagger.load(bundle)
    cache: dict[str, dict] = {}

    def tag(text: str) -> dict:
        if text not in cache:
            cache[text] = tagger.tag({"body": text}, include_text=True).to_dict(include_text=True)
        return cache[text]

    out: dict[str, Any] = {"model": tagger.model_info, "digest": bundle_digest(tagger.bundle.manifest)}
    span_pairs, topic_pairs, skipped = [], [], 0
    for rec in ds.records:
        res = tag(rec.text)
        if rec.spans is not None:
            shift = rec.text.find(res["text"]) if res["text"] != rec.text else 0
            if shift < 0:
                skipped += 1   # the engine's text is not a slice of the record's: offsets cannot be compared
            else:
                pred = [(e["start"] + shift, e["end"] + shift, e["type"]) for e in res["entities"]
                        if e["type"] in ENTITY_LABELS]
                span_pairs.append((rec.text, [(s.start, s.end, s.label) for s in rec.spans], pred))
        if rec.has_labels:
            topic_pairs.append((set(rec.topics or []), {t["label"] for t in res["topics"]}, rec.is_political,
                                bool(res["is_political"])))
    headline: dict[str, float] = {}
    if span_pairs:
        out["entities"] = span_scores(span_pairs)
        out["entities"]["records"] = len(span_pairs)
        out["entities"]["skipped"] = skipped
        headline["entities.f1"] = out["entities"]["micro"]["f1"]
    if topic_pairs:
        out["topics"] = topic_scores(topic_pairs)
        headline["topics.micro_f1"] = out["topics"]["micro"]["f1"]
        headline["topics.macro_f1"] = out["topics"]["macro_f1"]
        if out["topics"]["is_political_accuracy"] is not None:
            headline["is_political.accuracy"] = out["topics"]["is_political_accuracy"]
    if golds:
        scorer = load_score_gold(shared)
        preds = {g["id"]: {**tag(g["text"]), "id": g["id"]} for g in golds}
        out["gold"] = (scorer or builtin_score_gold)(golds, preds)
        out["gold_scorer"] = "score_gold.py" if scorer else "built-in"
        for k in ("persons", "person_roles", "organizations", "locations", "topics"):
            headline[f"gold.{k}.f1"] = out["gold"][k]["f1"]
        headline["gold.is_political_accuracy"] = out["gold"]["is_political_accuracy"]
    out["headline"] = headline
    return out

# --------------------------------------------------------------------------- report files


_SHORT = {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC", "TITLE": "TITLE", "O": "O"}


def confusion_png(results: list[tuple[str, dict]], path: Path) -> bool:
    """One confusion matrix per model, side by side; False (and a warning) without matplotlib."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log.warning("matplotlib is not installed: no confusion.png (pip install matplotlib)")
        return False
    results = [(t, r) for t, r in results if r.get("entities")]
    if not results:
        return False
    fig, axes = plt.subplots(1, len(results), figsize=(5.2 * len(results), 4.6), squeeze=False)
    for ax, (title, r) in zip(axes[0], results):
        conf = r["entities"]["confusion"]
        labels, m = conf["labels"], conf["matrix"]
        rows = [[v / max(sum(row), 1) for v in row] for row in m]
        ax.imshow(rows, cmap="Blues", vmin=0, vmax=1)
        short = [_SHORT.get(lab, lab) for lab in labels]
        ax.set_xticks(range(len(labels)), short)
        ax.set_yticks(range(len(labels)), short)
        ax.set_xlabel("predicted")
        ax.set_ylabel("annotated")
        ax.set_title(title, fontsize=10)
        for i, row in enumerate(m):
            for j, v in enumerate(row):
                ax.text(j, i, str(v), ha="center", va="center", fontsize=8,
                        color="white" if rows[i][j] > 0.5 else "black")
    fig.suptitle("Tokens by annotated and predicted label (row-normalised colour)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def _fmt(v: Any) -> str:
    return f"{v:.3f}" if isinstance(v, float) else ("" if v is None else str(v))


def _delta(new: Any, old: Any) -> str:
    if isinstance(new, (int, float)) and isinstance(old, (int, float)):
        d = new - old
        cls = "up" if d > 0.0005 else "down" if d < -0.0005 else ""
        return f'<td class="{cls}">{d:+.3f}</td>'
    return "<td></td>"


def _per_label_table(title: str, new: dict | None, old: dict | None) -> str:
    if not new:
        return ""
    labels = list(new["per_label"]) + [k for k in (old or {}).get("per_label", {}) if k not in new["per_label"]]
    head = "<tr><th>label</th><th>support</th><th>P</th><th>R</th><th>F1</th>" + \
           ("<th>current P</th><th>current R</th><th>current F1</th><th>F1 change</th>" if old else "") + "</tr>"
    rows = []
    for lab in labels + ["micro"]:
        n = new["micro"] if lab == "micro" else new["per_label"].get(lab, {})
        o = (old or {}).get("micro") if lab == "micro" else (old or {}).get("per_label", {}).get(lab, {})
        cells = f"<td>{html.escape(lab)}</td><td>{n.get('support', '')}</td>" + \
                "".join(f"<td>{_fmt(n.get(k))}</td>" for k in ("precision", "recall", "f1"))
        if old:
            cells += "".join(f"<td>{_fmt((o or {}).get(k))}</td>" for k in ("precision", "recall", "f1"))
            cells += _delta(n.get("f1"), (o or {}).get("f1"))
        rows.append(f"<tr{' class=total' if lab == 'micro' else ''}>{cells}</tr>")
    return f"<h2>{html.escape(title)}</h2><table>{head}{''.join(rows)}</table>"


def write_html(report: dict[str, Any], path: Path, png: bool) -> None:
    new, old = report["model"], report.get("current")
    nm, om = new["model"], (old or {}).get("model")
    hl_rows = "".join(
        f"<tr><td>{html.escape(k)}</td><td>{_fmt(v)}</td>"
        + (f"<td>{_fmt(old['headline'].get(k))}</td>{_delta(v, old['headline'].get(k))}" if old else "") + "</tr>"
        for k, v in new["headline"].items())
    gold = ""
    if new.get("gold"):
        gold = "<h2>Gold fields (score_gold rules)</h2><table><tr><th>field</th><th>P</th><th>R</th><th>F1</th>" + \
               ("<th>current F1</th><th>change</th>" if old and old.get("gold") else "") + "</tr>"
        for k in GOLD_FIELDS:
            r = new["gold"][k]
            gold += f"<tr><td>{k}</td><td>{_fmt(r['precision'])}</td><td>{_fmt(r['recall'])}</td><td>{_fmt(r['f1'])}</td>"
            if old and old.get("gold"):
                gold += f"<td>{_fmt(old['gold'][k]['f1'])}</td>{_delta(r['f1'], old['gold'][k]['f1'])}"
            gold += "</tr>"
        gold += "</table>"
    data = report["data"]
    problems = "".join(f"<li>{html.escape(p)}</li>" for p in data.get("problems", [])[:50])
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>politag evaluation: {html.escape(nm['name'])} {html.escape(nm['version'])}</title>
<style>body{{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}}
table{{border-collapse:collapse;margin:.5em 0 1.5em}}td,th{{border:1px solid #ccc;padding:3px 8px;text-align:right}}
td:first-child,th:first-child{{text-align:left}}.up{{color:#080}}.down{{color:#b00;font-weight:bold}}
tr.total{{font-weight:bold}}</style></head><body>
<h1>{html.escape(nm['name'])} {html.escape(nm['version'])}</h1>
<p>Evaluated {html.escape(report['created'])} on <code>{html.escape(', '.join(data['paths']))}</code>
({data['used']} records used, {data['dropped']} dropped).
{'Beside the ' + report.get('current_is', 'current') + ' model <b>' + html.escape(om['name'] + ' ' + om['version']) + '</b> on the same data ("current" columns).' if om else 'No current model to compare with.'}</p>
<h2>Headline</h2><table><tr><th>metric</th><th>new</th>{'<th>current</th><th>change</th>' if old else ''}</tr>{hl_rows}</table>
{_per_label_table('Entities (exact spans)', new.get('entities'), (old or {}).get('entities'))}
{'<img src="confusion.png" alt="confusion matrix" style="max-width:100%">' if png else ''}
{_per_label_table('Topics', new.get('topics'), (old or {}).get('topics'))}
{gold}
{'<h2>Data problems</h2><ul>' + problems + '</ul>' if problems else ''}
</body></html>
"""
    path.write_text(page, encoding="utf-8")


def _data_key(paths: list[Path]) -> tuple[str, list[dict]]:
    h = hashlib.sha256()
    files = []
    for p in formats.expand_paths(paths):
        sha = formats.sha256_of(p)
        h.update(sha.encode())
        files.append({"path": str(p), "sha256": sha})
    return h.hexdigest()[:16], files


def evaluate_bundle(bundle_path: str | Path, data: list[str | Path], fmt: str = "auto",
                    policy: formats.LabelPolicy | None = None, baseline: str | Path | None = "current",
                    report_dir: Path | None = None, shared: Path | None = None, update_manifest: bool = True,
                    echo: Callable[[str], None] = print) -> dict[str, Any]:
    """Run the bundle (and the current one) over the data, write the report, record the metrics."""
    bundle = Bundle.open(bundle_path, verify=True)
    paths = [Path(p) for p in data]
    ds = formats.load(paths, fmt, policy)
    echo(ds.summary())
    golds = gold_rows(paths)
    if not ds.records:
        raise ValueError("no usable record in the evaluation data")
    new = run_bundle(bundle.path, ds, golds, shared)
    base_path = default_bundle_path() if baseline == "current" else (Path(baseline) if baseline else None)
    old = None
    if base_path is not None:
        try:
            base = Bundle.open(base_path, verify=False)
            if bundle_digest(base.manifest) != new["digest"]:
                old = run_bundle(base.path, ds, golds, shared)
        except BundleError as e:
            echo(f"warning: no current bundle to compare with ({e})")
    key, files = _data_key(paths)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    report = {"created": now, "model": new, "current": old,
              "current_is": "current" if baseline == "current" else "baseline",
              "data": {"paths": [str(p) for p in paths], "files": files, "key": key, "read": ds.read,
                       "used": len(ds.records), "dropped": ds.dropped,
                       "problems": [str(p) for p in ds.problems[:200]]}}
    report_dir = Path(report_dir) if report_dir else ROOT / "reports" / f"{bundle.name}-{bundle.version}"
    report_dir.mkdir(parents=True, exist_ok=True)
    png = confusion_png([(f"new: {bundle.name} {bundle.version}", new)]
                        + ([(f"{'current' if baseline == 'current' else 'baseline'}: {old['model']['name']} "
                             f"{old['model']['version']}", old)] if old else []),
                        report_dir / "confusion.png")
    report["files"] = {"json": str(report_dir / "report.json"), "html": str(report_dir / "index.html"),
                       "png": str(report_dir / "confusion.png") if png else None}
    (report_dir / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_html(report, report_dir / "index.html", png)
    if update_manifest:
        record_metrics(bundle, key, files, new, old, str(report_dir), now)
    return report


def record_metrics(bundle: Bundle, key: str, files: list[dict], new: dict, old: dict | None,
                   report_dir: str, now: str) -> None:
    """Add this evaluation to the bundle's manifest (``metrics.evaluations[data key]``) and re-seal.
    The bundle was verified when it was opened, so re-sealing blesses no changed file."""
    evals = dict((bundle.manifest.get("metrics") or {}).get("evaluations") or {})
    evals[key] = {"at": now, "data": {"files": files, "path": ", ".join(Path(f["path"]).name for f in files)},
                  "headline": new["headline"], "report": report_dir,
                  "baseline": {"name": old["model"]["name"], "version": old["model"]["version"],
                               "digest": old["digest"], "headline": old["headline"]} if old else None}
    seal(bundle.path, metrics={"evaluations": evals}, created=bundle.manifest.get("created"))


def summary_text(report: dict[str, Any]) -> str:
    """What ``politag evaluate`` prints: the tables a reader needs, new beside current."""
    new, old = report["model"], report.get("current")
    out = []
    if new.get("entities"):
        out.append("entities (exact spans)")
        out.append(f"  {'label':<14}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}" + (f"{'current F1':>12}" if old else ""))
        for lab, r in list(new["entities"]["per_label"].items()) + [("micro", new["entities"]["micro"])]:
            o = ((old or {}).get("entities") or {})
            of = (o.get("micro") if lab == "micro" else o.get("per_label", {}).get(lab, {})) or {}
            out.append(f"  {lab:<14}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}{r['support']:>9}"
                       + (f"{of.get('f1', 0):>12.3f}" if old else ""))
    if new.get("topics"):
        t = new["topics"]
        out.append(f"topics: micro-F1 {t['micro']['f1']:.3f}, macro-F1 {t['macro_f1']:.3f}, is_political accuracy "
                   f"{_fmt(t['is_political_accuracy'])} over {t['articles']} articles"
                   + (f" (current: {old['topics']['micro']['f1']:.3f}, {old['topics']['macro_f1']:.3f}, "
                      f"{_fmt(old['topics']['is_political_accuracy'])})" if old and old.get("topics") else ""))
    if new.get("gold"):
        out.append(f"gold fields ({new['gold_scorer']}), new model:\n" + gold_table(new["gold"]))
        if old and old.get("gold"):
            out.append("current model:\n" + gold_table(old["gold"]))
    out.append(f"report: {report['files']['html']}")
    return "\n".join(out)

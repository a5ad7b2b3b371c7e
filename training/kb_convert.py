"""Convert Vietnamese Wikipedia politician infoboxes into the tagger's KB format (see tagger/kb.py).

    .venv/bin/python -m training.kb_convert --shared ../shared --out /path/to/kb_vi_wikipedia.jsonl.gz

Input: ``data/kb/vi_wikipedia_politicians.json.gz`` (a JSON array of {title, id, template, infobox}).
Each ``officeN`` (and ``office``) becomes a position: the office string is split into role and
organization with ``tagger.positions.PositionFinder`` (the part before a comma when the whole does not
parse: "Thủ tướng Chính phủ nước, Cộng hòa ..."), with ``term_startN`` / ``term_endN`` as dates.
The output is Wikipedia content (CC BY-SA 3.0): keep it outside models/ and configure it by path.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tagger.positions import PositionFinder  # noqa: E402

_MARKUP = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]|'''?|<[^>]+>|\{\{[^}]*\}\}")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _clean(s) -> str:
    if not isinstance(s, str):
        return ""
    s = _MARKUP.sub(lambda m: m.group(1) or "", s)
    return " ".join(s.replace("\u00a0", " ").split()).strip(" ,;'\"")


def _date(s) -> str | None:
    s = _clean(s)
    return s if _DATE.match(s) else None


def convert_record(rec: dict, finder: PositionFinder) -> dict | None:
    box = rec.get("infobox") or {}
    name = _clean(box.get("name")) or _clean(rec.get("title"))
    name = re.sub(r"\s*\(.*?\)\s*$", "", name)
    if not name:
        return None
    positions = []
    suffixes = [""] + [str(i) for i in range(1, 40)]
    for n in suffixes:
        office = _clean(box.get(f"office{n}"))
        if not office:
            continue
        parsed = finder.split(office) or finder.split(office.split(",")[0])
        role, org = parsed if parsed else (office, None)
        positions.append({"role": role, "organization": org, "text": office,
                          "start": _date(box.get(f"term_start{n}")), "end": _date(box.get(f"term_end{n}"))})
    title = re.sub(r"\s*\(.*?\)\s*$", "", _clean(rec.get("title")))
    aliases = [title] if title and title != name else []
    return {"id": f"viwiki:{rec['id']}", "name": name, "aliases": aliases, "positions": positions}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--input", default=None)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    src = Path(args.input or Path(args.shared) / "data" / "kb" / "vi_wikipedia_politicians.json.gz")
    with gzip.open(src, "rt", encoding="utf-8") as f:
        data = json.load(f)
    finder = PositionFinder()
    out = Path(args.out)
    opener = gzip.open if out.suffix == ".gz" else open
    n = 0
    with opener(out, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"_meta": {"source": "Vietnamese Wikipedia infoboxes (vi_wikipedia_politicians.json.gz)",
                                      "licence": "CC BY-SA 3.0", "records": len(data)}}, ensure_ascii=False) + "\n")
        for rec in data:
            row = convert_record(rec, finder)
            if row and row["positions"]:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} records -> {out}")


if __name__ == "__main__":
    main()

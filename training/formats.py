"""Read the labelled data analysts bring, in every format they export, into one checked form.

Formats (``--format auto`` detects them per file, JSONL per line):

- ``jsonl``: the project's own JSON Lines
  - gold format (``../shared/annotation/GUIDELINES.md``): persons, positions' surfaces, organizations,
    locations as strings; located in the text (all occurrences, longest first, no overlaps);
  - span format: ``{"text", "spans": [{"start", "end", "label", "text"?}], "topics": [...], "is_political"?}``;
  - label format: ``{"text", "topics": [...], "is_political": bool}``;
  - token format: ``{"tokens": [...], "tags": [BIO...]}`` (the NER corpora of ../shared/data/ner).
- ``conll``: token and BIO tag columns (first and last), blank line between sentences; words joined
  with ``_`` are split into syllables.
- ``doccano``: JSONL exports: ``"label": [[start, end, "TYPE"], ...]``, the entities/relations form
  ``"entities": [{"start_offset", "end_offset", "label"}]``, text classification ``"label": ["a", "b"]``.
- ``labelstudio``: JSON exports, full (``annotations[].result[]`` with ``labels`` and ``choices``)
  and JSON_MIN (a single choice is a string, several are ``{"choices": [...]}``).

Every record is checked. A span that is empty, out of range, overlapping another, not matching its
``text``, or cutting a syllable in half drops its record; a label the label map does not know drops
that span (or that topic) only. Each problem names file, line and reason.
"""
from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from tagger.bundle import sha256_file
from tagger.text import normalize, split_sentences, tokens, unify_tones

ENTITY_LABELS = ("PERSON", "ORGANIZATION", "LOCATION", "TITLE")
FORMATS = ("auto", "jsonl", "conll", "doccano", "labelstudio")
CONLL_SUFFIXES = {".conll", ".conllu", ".bio", ".iob", ".iob2", ".txt", ".tsv", ".col"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

# Default label maps (a recipe's [labels] tables extend or override them). "" = deliberately ignored.
DEFAULT_ENTITY_MAP = {
    "PER": "PERSON", "PERSON": "PERSON", "NAME": "PERSON", "PERS": "PERSON",
    "ORG": "ORGANIZATION", "ORGANIZATION": "ORGANIZATION", "ORGANISATION": "ORGANIZATION",
    "LOC": "LOCATION", "LOCATION": "LOCATION", "GPE": "LOCATION",
    "TITLE": "TITLE", "JOB": "TITLE", "PERSONTYPE": "TITLE", "POSITION": "TITLE", "ROLE": "TITLE",
    "MISC": "", "MISCELLANEOUS": "", "O": "",
}
DEFAULT_NOT_POLITICAL = ("not-political", "not_political", "khong-chinh-tri", "non-political", "none")
DEFAULT_POLITICAL = ("political", "chinh-tri")
# Label Studio JSON_MIN keys that hold choices when the recipe names none; other keys are task data.
DEFAULT_CHOICE_KEYS = ("topics", "topic", "choices", "category", "categories", "is_political", "political")
POLITICAL_CONTROLS = ("is_political", "political")
_YES = {"yes", "true", "1", "có", "co", "political", "chinh-tri", "y"}
_NO = {"no", "false", "0", "không", "khong", "not-political", "not_political", "khong-chinh-tri", "n"}


@dataclass
class Span:
    start: int
    end: int
    label: str
    text: str | None = None      # the annotated text, when the tool gives it: checked against the text
    given: str | None = None     # the analyst's label before the label map (for messages)

    @property
    def shown(self) -> str:
        return self.given or self.label


@dataclass
class Record:
    """One labelled text. ``spans is None``: no entity annotation; ``topics is None``: no topic annotation."""
    source: str
    line: int
    text: str
    spans: list[Span] | None = None
    topics: list[str] | None = None
    is_political: bool | None = None
    id: str | None = None
    format: str = "jsonl"

    @property
    def has_spans(self) -> bool:
        return self.spans is not None

    @property
    def has_labels(self) -> bool:
        return self.topics is not None or self.is_political is not None

    def to_json(self) -> dict[str, Any]:
        """The project's span format (what ``suggest`` and ``--holdout`` write back)."""
        d: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.spans is not None:
            d["spans"] = [{"start": s.start, "end": s.end, "label": s.label, "text": self.text[s.start:s.end]}
                          for s in self.spans]
        if self.topics is not None:
            d["topics"] = self.topics
        if self.is_political is not None:
            d["is_political"] = self.is_political
        return d


@dataclass
class Problem:
    source: str
    line: int
    reason: str
    effect: str = "record dropped"   # "record dropped" | "span dropped" | "label dropped" | "warning"

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.reason} ({self.effect})"


@dataclass
class LabelPolicy:
    """How analysts' labels become the model's: from a recipe's [labels] tables."""
    entities: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_ENTITY_MAP))
    topics: dict[str, str] = field(default_factory=dict)          # analyst's topic name -> topic id
    allowed_topics: set[str] | None = None                         # None: any topic id is accepted
    not_political: set[str] = field(default_factory=lambda: set(DEFAULT_NOT_POLITICAL))
    political: set[str] = field(default_factory=lambda: set(DEFAULT_POLITICAL))
    choice_keys: tuple[str, ...] = DEFAULT_CHOICE_KEYS
    text_keys: tuple[str, ...] = ("text", "body", "content")

    def entity_label(self, label: str) -> str | None:
        """Mapped label, "" when deliberately ignored, None when unknown."""
        key = str(label).strip()
        for k in (key, key.upper()):
            if k in self.entities:
                return self.entities[k]
        return key if key in ENTITY_LABELS else None


@dataclass
class SourceFile:
    path: Path
    format: str
    sha256: str
    read: int = 0
    used: int = 0

    def fingerprint(self, licence: str = "analyst-labelled") -> dict[str, Any]:
        return {"name": self.path.name, "path": str(self.path), "sha256": self.sha256, "records": self.used,
                "format": self.format, "licence": licence}


@dataclass
class Dataset:
    records: list[Record]
    problems: list[Problem]
    files: list[SourceFile]
    skipped: int = 0                 # records without any annotation (unlabelled tasks)

    @property
    def read(self) -> int:
        return sum(f.read for f in self.files)

    @property
    def dropped(self) -> int:
        return self.read - len(self.records) - self.skipped

    def span_records(self) -> list[Record]:
        return [r for r in self.records if r.has_spans]

    def label_records(self) -> list[Record]:
        return [r for r in self.records if r.has_labels]

    def summary(self) -> str:
        n_span, n_lab = len(self.span_records()), len(self.label_records())
        lines = [f"read {self.read} records from {len(self.files)} file(s): used {len(self.records)}, "
                 f"dropped {self.dropped}" + (f", skipped {self.skipped} without annotation" if self.skipped else "")
                 + f" ({n_span} with entity spans, {n_lab} with topic labels)"]
        by_effect = Counter(p.effect for p in self.problems)
        if by_effect:
            lines.append("problems: " + ", ".join(f"{n} {e}" for e, n in sorted(by_effect.items())))
        return "\n".join(lines)

    def problem_kinds(self) -> Counter:
        return Counter(re.sub(r"'[^']*'|\"[^\"]*\"|\d+", "…", p.reason) for p in self.problems)


class FormatError(ValueError):
    """A file that cannot be read at all (not the format it was named as, not JSON...)."""

# --------------------------------------------------------------------------- files


def sha256_of(path: Path) -> str:
    return sha256_file(Path(path))


def _open_text(path: Path) -> str:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8-sig")


def _base_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the data files inside directories named (sorted, hidden files skipped)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for q in sorted(p.rglob("*")):
                if q.is_file() and not any(part.startswith(".") for part in q.relative_to(p).parts) \
                        and _base_suffix(q) in JSONL_SUFFIXES | CONLL_SUFFIXES | {".json"}:
                    out.append(q)
        elif p.is_file():
            out.append(p)
        else:
            raise FileNotFoundError(f"{p}: no such file or directory")
    return out


def detect_format(path: Path, text: str) -> str:
    """jsonl (project or Doccano, told apart per line), labelstudio (a JSON array/object) or conll."""
    suffix = _base_suffix(path)
    head = text.lstrip()[:1]
    if suffix == ".json" or head == "[":
        if head == "{":  # one JSON object per line saved as .json
            first = text.lstrip().split("\n", 1)[0]
            try:
                json.loads(first)
                return "jsonl"
            except json.JSONDecodeError:
                return "labelstudio"
        return "labelstudio"
    if suffix in JSONL_SUFFIXES or head == "{":
        return "jsonl"
    return "conll"

# --------------------------------------------------------------------------- JSON helpers


def _iter_json_array(text: str, source: str) -> Iterator[tuple[int, Any]]:
    """Items of a top-level JSON array (or one object) with the line each starts on."""
    dec = json.JSONDecoder()
    i = len(text) - len(text.lstrip())
    if text[i:i + 1] == "{":
        obj, _ = dec.raw_decode(text, i)
        yield text.count("\n", 0, i) + 1, obj
        return
    if text[i:i + 1] != "[":
        raise FormatError(f"{source}: not a JSON array of tasks")
    i += 1
    line, pos = 1, 0
    n = len(text)
    while True:
        while i < n and text[i] in " \t\r\n,":
            i += 1
        if i >= n:
            raise FormatError(f"{source}: the JSON array is not closed")
        if text[i] == "]":
            return
        line += text.count("\n", pos, i)
        pos = i
        try:
            obj, i = dec.raw_decode(text, i)
        except json.JSONDecodeError as e:
            raise FormatError(f"{source}:{line}: not valid JSON: {e.msg}") from e
        yield line, obj


def _text_of(d: dict, policy: LabelPolicy) -> str | None:
    for k in policy.text_keys:
        if isinstance(d.get(k), str):
            return d[k]
    return None


def _as_id(v: Any) -> str | None:
    return None if v is None else str(v)

# --------------------------------------------------------------------------- JSONL (project + Doccano)


def jsonl_kind(d: dict) -> str | None:
    """Which JSONL form a line is: gold, span, tokens, doccano-seq, doccano-entities, doccano-class, label."""
    if not isinstance(d, dict):
        return None
    if "spans" in d:
        return "span"
    if any(k in d for k in ("persons", "organizations", "locations")):
        return "gold"
    if isinstance(d.get("entities"), list) and all(isinstance(e, dict) and "start_offset" in e for e in d["entities"]):
        return "doccano-entities"
    lab = d.get("label", d.get("labels"))
    if isinstance(lab, list):
        if lab and all(isinstance(x, (list, tuple)) for x in lab):
            return "doccano-seq"
        if lab and all(isinstance(x, str) for x in lab):
            return "doccano-class"
        if not lab:
            return "doccano-empty"   # seq or classification: the rest of the file decides
    if isinstance(lab, str):
        return "doccano-class"
    if isinstance(d.get("tokens"), list) and isinstance(d.get("tags"), list):
        return "tokens"
    if "topics" in d or "is_political" in d:
        return "label"
    return None


_PROJECT_KINDS = {"gold", "span", "tokens", "label"}
_DOCCANO_KINDS = {"doccano-seq", "doccano-entities", "doccano-class", "doccano-empty"}


def read_jsonl(path: Path, text: str, policy: LabelPolicy, only: str | None = None) -> Iterator[Record | Problem]:
    source = str(path)
    rows = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rows.append((n, json.loads(line)))
        except json.JSONDecodeError as e:
            rows.append((n, Problem(source, n, f"not valid JSON: {e.msg} at column {e.colno}")))
    kinds = [jsonl_kind(d) if not isinstance(d, Problem) else None for _, d in rows]
    # an empty Doccano "label": [] is a text without spans in a sequence-labelling file, a text with no
    # class in a classification file
    empty_as = "doccano-class" if "doccano-class" in kinds and "doccano-seq" not in kinds else "doccano-seq"
    for (n, d), kind in zip(rows, kinds):
        if isinstance(d, Problem):
            yield d
            continue
        if kind == "doccano-empty":
            kind = empty_as
        if kind is None:
            yield Problem(source, n, "not a labelled record: expected 'text' with 'spans', 'label', 'entities', "
                                     "'topics' or the gold fields (persons, organizations, locations)")
            continue
        if only == "jsonl" and kind not in _PROJECT_KINDS or only == "doccano" and kind not in _DOCCANO_KINDS:
            yield Problem(source, n, f"looks like {kind} data, not {only} (use --format auto)")
            continue
        yield from _jsonl_record(source, n, d, kind, policy)


def _jsonl_record(source: str, n: int, d: dict, kind: str, policy: LabelPolicy) -> Iterator[Record | Problem]:
    rid = _as_id(d.get("id"))
    if kind == "tokens":
        toks, tags = d.get("syl_tokens") or d["tokens"], d.get("syl_tags") or d["tags"]
        yield from _from_bio(source, n, toks, tags, rid, "jsonl")
        return
    text = _text_of(d, policy)
    if not isinstance(text, str) or not text.strip():
        yield Problem(source, n, "no text: the record needs a non-empty 'text'")
        return
    topics, is_political = _topic_fields(d)
    fmt = "doccano" if kind.startswith("doccano") else "jsonl"
    if kind == "span":
        spans, bad = [], None
        if not isinstance(d["spans"], list):
            yield Problem(source, n, "'spans' must be a list of {start, end, label}")
            return
        for s in d["spans"]:
            if not isinstance(s, dict) or not {"start", "end", "label"} <= s.keys():
                bad = f"span {s!r} needs start, end and label"
                break
            spans.append(Span(s["start"], s["end"], s["label"], s.get("text")))
        if bad:
            yield Problem(source, n, bad)
            return
        yield Record(source, n, text, spans, topics, is_political, rid, fmt)
    elif kind == "gold":
        spans, problems = gold_spans(text, d, source, n)
        yield from problems
        yield Record(source, n, text, spans, d.get("topics") if "topics" in d else None,
                     d.get("is_political"), rid, fmt)
    elif kind == "doccano-seq":
        spans = []
        for x in d.get("label", d.get("labels")) or []:
            if len(x) < 3:
                yield Problem(source, n, f"Doccano span {x!r} is not [start, end, label]")
                return
            spans.append(Span(x[0], x[1], x[2]))
        yield Record(source, n, text, spans, topics, is_political, rid, fmt)
    elif kind == "doccano-entities":
        spans = [Span(e.get("start_offset"), e.get("end_offset"), e.get("label")) for e in d["entities"]]
        yield Record(source, n, text, spans, topics, is_political, rid, fmt)
    elif kind == "doccano-class":
        lab = d.get("label", d.get("labels"))
        labels = [lab] if isinstance(lab, str) else list(lab)
        yield Record(source, n, text, None, labels, None, rid, fmt)
    else:  # label
        yield Record(source, n, text, None, topics if topics is not None else ([] if is_political is False else None),
                     is_political, rid, fmt)


def _topic_fields(d: dict) -> tuple[list[str] | None, bool | None]:
    topics = d.get("topics")
    if topics is not None:
        topics = [t["label"] if isinstance(t, dict) else t for t in topics] if isinstance(topics, list) else [topics]
    pol = d.get("is_political")
    return topics, (bool(pol) if pol is not None else None)


def gold_spans(text: str, d: dict, source: str, line: int) -> tuple[list[Span], list[Problem]]:
    """Gold-format strings -> spans: every occurrence (whole words, tone placement unified), longest
    first, none overlapping one already placed. Strings not found are reported."""
    def name(x):
        return x.get("name") if isinstance(x, dict) else x

    wanted: list[tuple[str, str]] = []
    for p in d.get("persons") or []:
        if not isinstance(p, dict):
            continue
        for s in [p.get("name")] + list(p.get("aliases") or []):
            wanted.append((s, "PERSON"))
        for pos in p.get("positions") or []:
            if isinstance(pos, dict):
                wanted.append((pos.get("surface"), "TITLE"))
    wanted += [(name(x), "ORGANIZATION") for x in d.get("organizations") or []]
    wanted += [(name(x), "LOCATION") for x in d.get("locations") or []]
    wanted = list(dict.fromkeys((s.strip(), lab) for s, lab in wanted if isinstance(s, str) and s.strip()))
    wanted.sort(key=lambda x: -len(x[0]))
    hay = unify_tones(normalize(text))
    taken = [False] * len(text)
    spans, problems = [], []
    for s, label in wanted:
        needle = unify_tones(normalize(s))
        found = placed = 0
        for m in re.finditer(re.escape(needle), hay):
            a, b = m.start(), m.end()
            if (a > 0 and hay[a - 1].isalnum()) or (b < len(hay) and hay[b].isalnum()):
                continue  # inside a longer word
            found += 1
            if any(taken[a:b]):
                continue
            taken[a:b] = [True] * (b - a)
            spans.append(Span(a, b, label))
            placed += 1
        if not found:
            problems.append(Problem(source, line, f"gold {label} {s!r} not found in the text", "warning"))
    spans.sort(key=lambda sp: sp.start)
    return spans, problems

# --------------------------------------------------------------------------- CoNLL / BIO


_TAG_RE = re.compile(r"^(?:(O)|([BIESLU])[-_](.+))$")


def _from_bio(source: str, line: int, toks: list, tags: list, rid: str | None, fmt: str,
              tag_lines: list[int] | None = None) -> Iterator[Record | Problem]:
    """Tokens (syllables, or words joined with _) and BIO/BIOES tags -> text with char spans."""
    if len(toks) != len(tags):
        yield Problem(source, line, f"{len(toks)} tokens but {len(tags)} tags")
        return
    parts, spans, pos = [], [], 0
    cur: Span | None = None
    for i, (tok, tag) in enumerate(zip(toks, tags)):
        tok = str(tok).replace("_", " ").strip() if str(tok).strip("_") else str(tok)
        if not tok:
            yield Problem(source, tag_lines[i] if tag_lines else line, "empty token")
            return
        m = _TAG_RE.match(str(tag).strip())
        if not m:
            yield Problem(source, tag_lines[i] if tag_lines else line, f"tag {tag!r} is not O, B-X, I-X (or E-, S-)")
            return
        start = pos + (1 if parts else 0)
        end = start + len(tok)
        parts.append(tok)
        pos = end
        if m.group(1):
            cur = None
            continue
        prefix, label = m.group(2), m.group(3)
        if prefix in "IEL" and cur is not None and cur.label == label:
            cur.end = end                      # I- after O or another type opens a span (IOB1)
        else:
            cur = Span(start, end, label)
            spans.append(cur)
        if prefix in "ESLU":
            cur = None
    yield Record(source, line, " ".join(parts), spans, None, None, rid, fmt)


def read_conll(path: Path, text: str, policy: LabelPolicy) -> Iterator[Record | Problem]:
    source = str(path)
    toks, tags, lines, first = [], [], [], 0
    count = 0

    def flush():
        nonlocal toks, tags, lines, count
        if toks:
            count += 1
            yield from _from_bio(source, first, toks, tags, f"{path.stem}:{first}", "conll", lines)
        toks, tags, lines = [], [], []

    for n, line in enumerate(text.split("\n"), 1):
        s = line.strip()
        if not s:
            yield from flush()
            continue
        if s.startswith("#") and not toks or s.startswith("-DOCSTART-"):
            continue
        cols = s.split("\t") if "\t" in s else s.split()
        if len(cols) < 2:
            yield Problem(source, n, "expected a token and a tag separated by a tab or spaces")
            continue
        if not toks:
            first = n
        toks.append(cols[0])
        tags.append(cols[-1])
        lines.append(n)
    yield from flush()

# --------------------------------------------------------------------------- Label Studio


def _choices_to_labels(controls: dict[str, list[str]]) -> tuple[list[str] | None, bool | None]:
    topics: list[str] | None = None
    pol: bool | None = None
    for name, values in controls.items():
        if name.lower() in POLITICAL_CONTROLS:
            for v in values:
                k = str(v).strip().lower()
                pol = True if k in _YES else False if k in _NO else pol
        else:
            topics = (topics or []) + [str(v) for v in values]
    return topics, pol


def read_labelstudio(path: Path, text: str, policy: LabelPolicy) -> Iterator[Record | Problem]:
    source = str(path)
    for n, task in _iter_json_array(text, source):
        if not isinstance(task, dict):
            yield Problem(source, n, "a Label Studio task must be a JSON object")
            continue
        if "annotations" in task or "data" in task or "completions" in task:
            yield from _ls_full(source, n, task, policy)
        else:
            yield from _ls_min(source, n, task, policy)


def _ls_full(source: str, n: int, task: dict, policy: LabelPolicy) -> Iterator[Record | Problem]:
    data = task.get("data") or {}
    text = _text_of(data, policy)
    if text is None:
        text = next((v for v in data.values() if isinstance(v, str) and v.strip()), None)
    if not text:
        yield Problem(source, n, f"task {task.get('id')}: no text in data")
        return
    anns = [a for a in (task.get("annotations") or task.get("completions") or [])
            if isinstance(a, dict) and not a.get("was_cancelled")]
    if not anns:
        yield None  # an unlabelled task
        return
    # several annotators: the most recently updated annotation wins
    ann = max(anns, key=lambda a: str(a.get("updated_at") or a.get("created_at") or ""))
    spans: list[Span] = []
    controls: dict[str, list[str]] = {}
    has_label_control = False
    for r in ann.get("result") or []:
        if not isinstance(r, dict):
            continue
        v = r.get("value") or {}
        typ = r.get("type")
        if typ in ("labels", "hypertextlabels") or (typ is None and "labels" in v):
            has_label_control = True
            labels = v.get("labels") or v.get("hypertextlabels") or []
            if not labels:
                yield Problem(source, n, f"task {task.get('id')}: a region without a label", "span dropped")
                continue
            spans.append(Span(v.get("start"), v.get("end"), labels[0], v.get("text")))
        elif typ == "choices" or (typ is None and "choices" in v):
            controls.setdefault(r.get("from_name", "choices"), []).extend(v.get("choices") or [])
    topics, pol = _choices_to_labels(controls)
    rid = _as_id(data.get("id") or data.get("article_id") or task.get("id"))
    # an annotation with regions is entity data; one with no region at all is entity data only when it
    # also has no choices (the analyst saw the text and found no entity)
    spans_or_none = spans if (has_label_control or not controls) else None
    yield Record(source, n, text, spans_or_none, topics, pol, rid, "labelstudio")


def _ls_min(source: str, n: int, task: dict, policy: LabelPolicy) -> Iterator[Record | Problem]:
    text = _text_of(task, policy)
    if not text:
        yield Problem(source, n, f"task {task.get('id')}: no 'text' field (JSON_MIN export)")
        return
    spans: list[Span] | None = None
    controls: dict[str, list[str]] = {}
    for key, v in task.items():
        if isinstance(v, list) and v and all(isinstance(x, dict) and "start" in x for x in v):
            spans = spans or []
            for x in v:
                labels = x.get("labels") or x.get("hypertextlabels") or []
                if not labels:
                    yield Problem(source, n, f"task {task.get('id')}: a region without a label", "span dropped")
                    continue
                spans.append(Span(x.get("start"), x.get("end"), labels[0], x.get("text")))
        elif isinstance(v, dict) and isinstance(v.get("choices"), list):
            controls[key] = [str(c) for c in v["choices"]]
        elif key in policy.choice_keys and isinstance(v, str):
            controls[key] = [v]
    if spans is None and not controls:
        yield None
        return
    topics, pol = _choices_to_labels(controls)
    yield Record(source, n, text, spans, topics, pol, _as_id(task.get("article_id") or task.get("id")), "labelstudio")

# --------------------------------------------------------------------------- checking


def _nfc_with_offsets(text: str, spans: list[Span]) -> tuple[str, list[Span]]:
    """normalize() the text piece by piece between span boundaries so the offsets follow it."""
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    new_pos, out = {}, []
    total = 0
    for a, b in zip(cuts, cuts[1:]):
        new_pos[a] = total
        piece = normalize(text[a:b])
        out.append(piece)
        total += len(piece)
    new_pos[cuts[-1]] = total
    return "".join(out), [Span(new_pos[s.start], new_pos[s.end], s.label, s.text, s.given) for s in spans]


def check_record(rec: Record, policy: LabelPolicy, ignored: Counter) -> tuple[Record | None, list[Problem]]:
    """Map labels and check every span; returns the cleaned record (None when dropped) and its problems."""
    problems: list[Problem] = []
    where = (rec.source, rec.line)
    text = rec.text
    prefix = f"record {rec.id}: " if rec.id and rec.format in ("labelstudio",) else ""

    def drop(reason: str):
        problems.append(Problem(*where, prefix + reason))
        return None, problems

    spans = None
    if rec.spans is not None:
        spans = []
        for s in rec.spans:
            mapped = policy.entity_label(s.label) if isinstance(s.label, str) else None
            if mapped is None:
                problems.append(Problem(*where, prefix + f"unknown entity label {s.label!r} "
                                        f"(add it to [labels.entities] in the recipe)", "span dropped"))
                continue
            if mapped == "":
                ignored[str(s.label)] += 1
                continue
            if not isinstance(s.start, int) or not isinstance(s.end, int) or isinstance(s.start, bool):
                return drop(f"span {s.start!r}-{s.end!r} {s.label}: start and end must be integers")
            if s.start < 0 or s.end > len(text):
                return drop(f"span {s.start}-{s.end} {s.label} is out of range: the text has {len(text)} characters")
            if s.end <= s.start:
                return drop(f"span {s.start}-{s.end} {s.label} is empty")
            if s.text is not None and unicodedata.normalize("NFC", text[s.start:s.end]) != \
                    unicodedata.normalize("NFC", str(s.text)):
                return drop(f"span {s.start}-{s.end} {s.label}: text[start:end] is {text[s.start:s.end]!r}, "
                            f"the annotation says {s.text!r}")
            spans.append(Span(s.start, s.end, mapped, s.text, str(s.label)))
        if not unicodedata.is_normalized("NFC", text) or normalize(text) != text:
            text, spans = _nfc_with_offsets(text, spans)
        # annotators often take a space with the word: trim it, then the span must start and end on syllables
        trimmed = []
        for s in spans:
            a, b = s.start, s.end
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a == b:
                return drop(f"span {s.start}-{s.end} {s.shown} holds only spaces")
            trimmed.append(Span(a, b, s.label, None, s.given))
        spans = sorted(trimmed, key=lambda s: (s.start, s.end))
        dedup: list[Span] = []
        for s in spans:
            if dedup and (s.start, s.end) == (dedup[-1].start, dedup[-1].end):
                if s.label != dedup[-1].label:
                    return drop(f"span {s.start}-{s.end} {text[s.start:s.end]!r} has two labels: "
                                f"{dedup[-1].shown} and {s.shown}")
                continue
            if dedup and s.start < dedup[-1].end:
                p = dedup[-1]
                return drop(f"spans overlap: {p.start}-{p.end} {p.shown} {text[p.start:p.end]!r} and "
                            f"{s.start}-{s.end} {s.shown} {text[s.start:s.end]!r}")
            dedup.append(s)
        spans = dedup
        if spans:
            toks = tokens(text)
            starts, ends = {a for a, _ in toks}, {b for _, b in toks}
            for s in spans:
                if s.start not in starts or s.end not in ends:
                    return drop(f"span {s.start}-{s.end} {s.shown} {text[s.start:s.end]!r} cuts a syllable in half "
                                f"(it should cover whole words)")
    elif not unicodedata.is_normalized("NFC", text):
        text = normalize(text)

    topics, pol = rec.topics, rec.is_political
    if topics is not None:
        kept: list[str] = []
        for t in topics:
            t = policy.topics.get(t, t) if isinstance(t, str) else t
            if not isinstance(t, str):
                problems.append(Problem(*where, prefix + f"topic {t!r} is not a string", "label dropped"))
            elif t.lower() in policy.not_political:
                pol = False
            elif t.lower() in policy.political:
                pol = True if pol is None else pol
            elif t == "":
                ignored[t] += 1
            elif policy.allowed_topics is not None and t not in policy.allowed_topics:
                problems.append(Problem(*where, prefix + f"unknown topic {t!r} (not in the recipe's topic labels)",
                                        "label dropped"))
            elif t not in kept:
                kept.append(t)
        if pol is False and kept:
            problems.append(Problem(*where, prefix + f"marked not political but has topics {kept}: topics dropped",
                                    "warning"))
            kept = []
        if pol is None:
            pol = bool(kept) if (kept or topics == []) else None
        topics = kept
    elif pol is False:
        topics = []
    if spans is None and topics is None and pol is None:
        return drop("no usable annotation left (no spans, no topic labels)")
    return Record(rec.source, rec.line, text, spans, topics, pol, rec.id, rec.format), problems


# --------------------------------------------------------------------------- entry point


def read_file(path: Path, fmt: str, policy: LabelPolicy) -> tuple[str, Iterator[Record | Problem | None]]:
    text = _open_text(path)
    actual = detect_format(path, text) if fmt == "auto" else fmt
    if actual == "conll":
        return actual, read_conll(path, text, policy)
    if actual in ("jsonl", "doccano"):
        if text.lstrip().startswith("["):  # a Doccano JSON array export
            items = (obj for _, obj in _iter_json_array(text, str(path)))
            text = "\n".join(json.dumps(o, ensure_ascii=False) for o in items)
        return actual, read_jsonl(path, text, policy, only=None if fmt == "auto" else actual)
    if actual == "labelstudio":
        return actual, read_labelstudio(path, text, policy)
    raise FormatError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def _with_formats(paths: Iterable[Any], fmt: str) -> list[tuple[Path, str]]:
    out = []
    for p in paths:
        p, f = p if isinstance(p, tuple) else (p, fmt)
        out.extend((q, f) for q in expand_paths([p]))
    return out


def load(paths: Iterable[str | Path | tuple[str | Path, str]], fmt: str = "auto",
         policy: LabelPolicy | None = None) -> Dataset:
    """Read and check every file (a path, or a (path, format) pair); good records are kept, problems
    are collected, nothing raises for a bad record (only for a file that cannot be read at all)."""
    policy = policy or LabelPolicy()
    records: list[Record] = []
    problems: list[Problem] = []
    files: list[SourceFile] = []
    ignored: Counter = Counter()
    skipped = 0
    for path, file_fmt in _with_formats(paths, fmt):
        actual, items = read_file(path, file_fmt, policy)
        sf = SourceFile(path, actual, sha256_of(path))
        files.append(sf)
        try:
            for item in items:
                if item is None:
                    sf.read += 1
                    skipped += 1
                elif isinstance(item, Problem):
                    problems.append(item)
                    if item.effect == "record dropped":
                        sf.read += 1
                else:
                    sf.read += 1
                    rec, probs = check_record(item, policy, ignored)
                    problems.extend(probs)
                    if rec is not None:
                        records.append(rec)
                        sf.used += 1
                        if sf.format == "jsonl" and rec.format == "doccano":
                            sf.format = "doccano"   # told apart per line: name the file by what it held
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise FormatError(f"{path}: cannot be read as {actual}: {e}") from e
    ds = Dataset(records, problems, files, skipped)
    ds.ignored = ignored  # type: ignore[attr-defined]  # labels the recipe maps to "" (counted, not reported)
    return ds

# --------------------------------------------------------------------------- for the trainers


def entity_sentences(records: Iterable[Record]) -> list[dict[str, Any]]:
    """Checked span records -> sentences of syllable tokens with BIO tags (what the entity trainer reads).
    Sentences come from ``tagger.text.split_sentences``; sentences a span crosses are merged."""
    out = []
    for rec in records:
        if rec.spans is None:
            continue
        text = rec.text
        sents = split_sentences(text) or [(0, len(text))]
        merged: list[list[int]] = []
        for a, b in sents:
            if merged and any(s.start < merged[-1][1] < s.end for s in rec.spans):
                merged[-1][1] = b
            else:
                merged.append([a, b])
        spans = rec.spans
        j = 0
        for a, b in merged:
            toks = tokens(text, a, b)
            if not toks:
                continue
            tags = []
            for ta, tb in toks:
                while j < len(spans) and spans[j].end <= ta:
                    j += 1
                if j < len(spans) and spans[j].start <= ta and tb <= spans[j].end:
                    tags.append(("B-" if ta == spans[j].start else "I-") + spans[j].label)
                else:
                    tags.append("O")
            out.append({"tokens": [text[x:y] for x, y in toks], "tags": tags, "id": rec.id})
    return out


def topic_records(records: Iterable[Record]) -> list[dict[str, Any]]:
    return [{"id": r.id, "text": r.text, "topics": list(r.topics or []), "is_political": r.is_political}
            for r in records if r.has_labels]

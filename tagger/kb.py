"""Optional knowledge base of persons: a person whose name and positions match a record carries its id.

The tagger works the same without a KB; with one (``Tagger.load(kb_path=...)`` or ``POLITAG_KB_PATH``)
``Person.kb_id`` is filled when the match is unambiguous.

File format: JSON Lines (optionally gzip-compressed, ``.gz``), UTF-8, one record per line::

    {"id": "viwiki:19498354",                 # required, unique, returned as Person.kb_id
     "name": "Ngô Văn Tuấn",                  # required: the full name
     "aliases": ["Ngô Tuấn"],                 # optional: other full forms of the name
     "positions": [                           # required (may be empty: such a record never matches)
        {"role": "Tổng Kiểm toán Nhà nước",   # role as in GUIDELINES 2 (abbreviations written out)
         "organization": "Kiểm toán Nhà nước",  # optional
         "text": "Tổng Kiểm toán Nhà nước",   # optional: the office as the source wrote it
         "start": "2022-10-21", "end": null}]}  # optional ISO dates
    
A first line ``{"_meta": {...}}`` may describe the source and licence; it is skipped.
``training/kb_convert.py`` builds such a file from Vietnamese Wikipedia infoboxes (CC BY-SA: the file
is configured by path, not shipped in models/).

Matching: the person's name (or one of its aliases with two syllables or more) must equal a
record's name or alias (case- and tone-placement-insensitive), and at least one of the person's
roles must equal one of the record's roles or be a longer or shorter writing of it ("Tổng Thanh tra
Chính phủ" / "Tổng Thanh tra"; "nguyên" ignored: a former office matches an office the record lists
with an end date). Among several records, the one sharing most roles, then most
organizations, wins; a tie leaves the person without an id.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from .locations import key
from .types import Person


def _role_key(role: str) -> str:
    k = key(role)
    for prefix in ("nguyên ", "cựu "):
        k = k.removeprefix(prefix)
    return k


def _same_office(a: str, b: str) -> bool:
    """One office written fully or shortly: "tổng thanh tra chính phủ" / "tổng thanh tra", "phó chủ tịch thường
    trực" / "phó chủ tịch" (never "phó chủ tịch" / "chủ tịch": the shorter one must start the longer)."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


@dataclass(slots=True)
class KBRecord:
    id: str
    name: str
    aliases: list[str]
    roles: set[str]
    organizations: set[str]


class KnowledgeBase:
    def __init__(self, records: list[dict]):
        self.records: list[KBRecord] = []
        self.by_name: dict[str, list[int]] = {}
        for r in records:
            if "_meta" in r or not r.get("id") or not r.get("name"):
                continue
            positions = r.get("positions") or []
            rec = KBRecord(id=str(r["id"]), name=r["name"], aliases=list(r.get("aliases") or []),
                           roles={_role_key(p["role"]) for p in positions if p.get("role")},
                           organizations={key(p["organization"]) for p in positions if p.get("organization")})
            idx = len(self.records)
            self.records.append(rec)
            for n in {key(rec.name), *(key(a) for a in rec.aliases)}:
                self.by_name.setdefault(n, []).append(idx)

    @classmethod
    def load(cls, path: str | Path) -> KnowledgeBase:
        path = Path(path)
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as f:
            return cls([json.loads(line) for line in f if line.strip()])

    def __len__(self) -> int:
        return len(self.records)

    def match(self, person: Person) -> str | None:
        """The id of the one record matching the person's name and at least one role, else None."""
        names = {key(person.name)} | {key(a) for a in person.aliases if len(a.split()) >= 2}
        cands = {i for n in names for i in self.by_name.get(n, [])}
        if not cands:
            return None
        roles = {_role_key(p.role) for p in person.positions}
        orgs = {key(p.organization) for p in person.positions if p.organization}
        scored = []
        for i in cands:
            rec = self.records[i]
            shared = sum(1 for r in roles if any(_same_office(r, rr) for rr in rec.roles))
            if shared:
                org_shared = sum(1 for o in orgs if any(o == ro or o in ro or ro in o for ro in rec.organizations))
                scored.append((shared, org_shared, rec.id))
        if not scored:
            return None
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
            return None
        return scored[0][2]

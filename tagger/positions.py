"""Position phrases: find an office in the text, split it into role and organization (GUIDELINES 2).

    finder = PositionFinder()
    finder.split("UVBTV Tỉnh ủy")                 -> ("Ủy viên Ban Thường vụ", "Tỉnh ủy")
    finder.split("Trưởng Ban Dân vận Tỉnh ủy")    -> ("Trưởng ban", "Ban Dân vận Tỉnh ủy")
    finder.split("nguyên Bộ trưởng Nội vụ")        -> ("nguyên Bộ trưởng", "Bộ Nội vụ")
    ctx = ArticleContext.from_text(prepared.match)
    ctx.complete("UBND tỉnh")                      -> "UBND tỉnh Đắk Nông"   (in an article about Đắk Nông)

Lexicons (``tagger/data/positions/``, built from shared/domain/titles.tsv and abbreviations.tsv):
``roles.tsv`` (surface -> role, implied organization head, default organization; "office" for posts that
serve another office: ``split("Trợ lý Bộ trưởng Công an")`` -> ("Trợ lý Bộ trưởng", "Bộ Công an")),
``modifiers.tsv`` (nguyên/cựu -> former, Thường trực appended, "đắc cử" skipped), ``org_heads.txt`` and
``org_words.txt`` (what may follow an office as its organization; it stops at the next office and at
lower-case words after its place), ``ranks.txt``, ``address_terms.txt``, ``surnames.txt`` (a capitalised
run that starts with a family name after an office is the person, not the organization).
All are compiled once into token tries when the finder is built; matching is case- and
tone-placement-insensitive and works on ``tagger.text`` tokens, so one finder costs microseconds
per sentence.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

from .locations import Gazetteer, Trie, default_gazetteer, key, read_lines, token_keys
from .text import TOKEN_RE, unify_tones

_PKG = "tagger.data.positions"
# closed word classes (gaps between a name and its office, clause words, unit levels ...), shared with persons.py
WORD_CLASSES = json.loads(resources.files(_PKG).joinpath("word_classes.json").read_text(encoding="utf-8"))
_STOP_PUNCT = set(",;:.!?()[]\"“”'‘’…/|")
# connectors and punctuation that end a phrase without belonging to it ("Sở Nội vụ và", "Bộ Y tế thuộc")
TRAILING_WORDS = set(WORD_CLASSES["trailing"])
_ADMIN_LEVEL = dict(WORD_CLASSES["admin_level"])
_PARTY_COMMITTEE_LEVEL = dict(WORD_CLASSES["party_committee_level"])
# verbs and particles that end an organization name ("Văn phòng Bộ giữ chức Cục trưởng ...")
_CLAUSE_WORDS = set(WORD_CLASSES["clause_words"])
_PLURAL = set(WORD_CLASSES["plural"])
_ROMAN_OR_NUMBER = re.compile(r"^(?:[IVXLC]+|\d+)$")
# upper-case letters only: "À-Ỹ" as a range would also take lower-case "ô", "ư", "ớ" ...
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper())


def patterns() -> dict[str, re.Pattern]:
    """The rules' regular expressions with Vietnamese words in them, from ``data/positions/patterns.tsv``
    (name, pattern, what it is for), ``{UPPER}`` expanded to the upper-case letters."""
    out = {}
    for line in read_lines(_PKG, "patterns.tsv")[1:]:
        name, pattern, _ = line.split("\t", 2)
        out[name] = re.compile(pattern.replace("{UPPER}", UPPER))
    return out


@dataclass(slots=True)
class Role:
    role: str
    org_head: str | None
    default_org: str | None
    takes_org: bool
    serves: bool = False            # "Trợ lý", "Thư ký": the office after it is its principal's


@dataclass(slots=True)
class PositionSpan:
    """An office found in a sentence; token indices are into the sentence's token list."""
    start: int                      # char offsets of the whole phrase (with nguyên)
    end: int
    tok_start: int
    tok_end: int
    role: str                       # with "nguyên" when former
    organization: str | None        # as written, before completion from the article
    org_start: int | None = None
    org_end: int | None = None
    former: bool = False
    plural: bool = False            # "các Phó Thủ tướng: ..." applies to every name in a list
    kind_default_org: str | None = None
    extra: dict = field(default_factory=dict)


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


class PositionFinder:
    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or default_gazetteer()
        self.roles = Trie()
        rows = read_lines(_PKG, "roles.tsv")
        for line in rows[1:] if rows and rows[0].startswith("surface\t") else rows:
            surface, role, org_head, default_org, takes = (line.split("\t") + [""] * 5)[:5]
            self.roles.add(surface, Role(role=role, org_head=org_head or None,
                                         default_org=None if default_org in ("", "-") else default_org,
                                         takes_org=takes.strip() != "no", serves=takes.strip() == "office"))
        self.former, self.drop, self.suffix, self.after = Trie(), Trie(), Trie(), Trie()
        for line in read_lines(_PKG, "modifiers.tsv")[1:]:
            word, kind, as_ = (line.split("\t") + ["", ""])[:3]
            {"former": self.former, "drop": self.drop, "suffix": self.suffix, "after": self.after}[kind].add(word, as_ or word)
        self.org_heads = Trie()
        for line in read_lines(_PKG, "org_heads.txt"):
            self.org_heads.add(line.strip(), True)
        self.org_words = set()
        for line in read_lines(_PKG, "org_words.txt"):
            self.org_words.update(key(w) for w in line.split())
        self.ranks = Trie()
        for line in read_lines(_PKG, "ranks.txt"):
            self.ranks.add(line.strip(), line.strip())
        self.address = Trie()
        for line in read_lines(_PKG, "address_terms.txt"):
            self.address.add(line.strip(), line.strip())
        self.surnames = set()
        for line in read_lines(_PKG, "surnames.txt"):
            self.surnames.update(key(w) for w in line.split())
        # first words that can open an office phrase
        self.start_keys = set(self.roles.root) | set(self.former.root) | set(self.drop.root) | {"phó"} | _PLURAL

    # ------------------------------------------------------------------ token-level helpers
    def person_start(self, words: list[str], keys: list[str], j: int, end: int, stops: set[int]) -> bool:
        """A person's name starts at token j: a known mention, or a family name followed by capitalised words."""
        if j in stops:
            return True
        if keys[j] not in self.surnames or not is_capitalised(words[j]):
            return False
        if j + 1 >= end or not is_capitalised(words[j + 1]) or not words[j + 1][0].isalpha():
            return False
        if self.gaz.places.longest(keys, j, end):
            return False
        head = self.org_heads.longest(keys, j, end)
        if head:
            # "Đoàn Thanh niên" is a body, "Đoàn Hồng Phong" a person: a one-word head that is also a family name,
            # followed by two more capitalised words, starts a name
            run = j
            while run < end and run - j < 4 and is_capitalised(words[run]) and words[run][:1].isalpha():
                run += 1
            return head[0] == j + 1 and run - j >= 3
        return True

    def _org_tail(self, words, keys, i: int, end: int, stops: set[int]) -> int:
        """End token of the organization that follows an office at token i (i when there is none)."""
        j, good, started, after_place = i, i, False, False
        while j < end and j - i < 40:
            w, k = words[j], keys[j]
            if is_capitalised(w) and w[0].isalpha() and j > i and not is_capitalised(words[j - 1]) and any(
                    (a := self.gaz.admin.longest(keys, b, j)) and a[0] == j for b in (j - 2, j - 1) if b >= i):
                # "UBND xã Mỹ Hòa", "Chủ tịch xã Tam Anh Nam": after a unit word the capitalised run is the unit's
                # name, whatever places it contains
                t = j
                while t < end and t - j < 4 and is_capitalised(words[t]) and words[t][0].isalpha() \
                        and not (t > j and self.person_start(words, keys, t, end, stops)) and t not in stops:
                    t += 1
                if t > j:
                    j = good = t
                    started = after_place = True
                    continue
            if j in stops or (started and self.person_start(words, keys, j, end, stops)):
                break
            if started and is_capitalised(w) and (self.ranks.longest(keys, j, end) or self._role_not_head(keys, j, end)):
                break  # "Bộ trưởng Tài chính và Bộ trưởng Giao thông Vận tải": the next office
            if not started and self.person_start(words, keys, j, end, stops):
                break
            place = self.gaz.places.longest(keys, j, end) if is_capitalised(w) else None
            if place:
                j = good = place[0]
                started = after_place = True
                continue
            head = self.org_heads.longest(keys, j, end)
            if head and (is_capitalised(w) or not started):
                j = good = head[0]
                started, after_place = True, False
                continue
            if k in ("khóa", "khoá") and started and j + 1 < end and _ROMAN_OR_NUMBER.match(words[j + 1]):
                j = good = j + 2
                continue
            if is_capitalised(w) and w[0].isalpha():
                if after_place:  # "Tổng thống Ấn Độ Droupadi Murmu": a name after the country
                    break
                if self.address.longest(keys, j, end) and j + 1 < end and is_capitalised(words[j + 1]) \
                        and key(w) not in ("hội", "báo"):
                    break
                j = good = j + 1
                started = True
                continue
            if after_place and k == "tại" and j + 1 < end and self.gaz.places.longest(keys, j + 1, end):
                j = good = self.gaz.places.longest(keys, j + 1, end)[0]  # "Đại sứ Việt Nam tại Nga"
                continue
            if after_place and not is_capitalised(w) and k not in ("khóa", "khoá"):
                break  # "Sở Y tế TP Đà Nẵng tham mưu ...", "Hội Nông dân Việt Nam và 10 năm ...": the sentence goes on
            if w.isdigit() and started and keys[j - 1] not in TRAILING_WORDS:
                j = good = j + 1
                continue
            admin = self.gaz.admin.longest(keys, j, end)
            if admin and not is_capitalised(w):
                j = good = admin[0]
                started, after_place = True, False
                continue
            if started and k in self.org_words:
                j += 1
                if k not in TRAILING_WORDS:
                    good = j
                continue
            if started and w[0].isalpha() and is_capitalised(words[j - 1]) and j + 1 < end and k not in _CLAUSE_WORDS and (
                    j + 1 in stops or (is_capitalised(words[j + 1]) and words[j + 1][0].isalpha()
                                       and not self.person_start(words, keys, j + 1, end, stops))):
                # "Cục Báo chí Lưu Đình Phúc": the second syllable of a capitalised word the lists do not know
                j = good = j + 1
                continue
            if started and not is_capitalised(w) and is_capitalised(words[j - 1]) and w[0].isalpha():
                # "Chi nhánh Văn phòng Đăng ký đất đai huyện Hướng Hóa", "Phòng Cảnh sát giao thông Công an tỉnh":
                # lower-case words inside a name that goes on with a unit and its place, or with a capitalised body
                t = j
                while t < end and t - j < 5 and not is_capitalised(words[t]) and words[t][0].isalpha() \
                        and keys[t] not in TRAILING_WORDS and keys[t] not in _CLAUSE_WORDS \
                        and not self.gaz.admin.longest(keys, t, end):
                    t += 1
                unit = self.gaz.admin.longest(keys, t, end) if t < end else None
                if t > j and t < end and ((unit and unit[0] < end and is_capitalised(words[unit[0]]))
                                          or (is_capitalised(words[t]) and self.org_heads.longest(keys, t, end)
                                              and not self._role_not_head(keys, t, end))):
                    j = good = t
                    continue
            if started and k in ("-", "–", "&") and j + 1 < end and (is_capitalised(words[j + 1]) or keys[j + 1] in self.org_words):
                j += 1
                continue
            break
        return good

    def _role_not_head(self, keys, j: int, end: int) -> bool:
        """An office starts at j, longer than any organization head there ("Bộ trưởng", not "Bộ")."""
        role = self.roles.longest(keys, j, end)
        head = self.org_heads.longest(keys, j, end)
        return bool(role) and (not head or role[0] > head[0])

    def parse(self, words: list[str], keys: list[str], offsets: list[tuple[int, int]], i: int,
              stops: set[int] | None = None, end: int | None = None) -> PositionSpan | None:
        """The office starting at token i (with its modifiers and organization), or None."""
        if keys[i] not in self.start_keys and not keys[i].isdigit():
            return None  # cheap test first: most tokens cannot open an office
        stops = stops or set()
        end = len(keys) if end is None else end
        j, former, plural = i, False, False
        if (keys[j] in _PLURAL or keys[j].isdigit()) and j + 1 < end:  # "các Phó Thủ tướng", "2 Phó chủ tịch"
            plural, j = True, j + 1
            if keys[j] == "đồng" and j + 1 < end and keys[j + 1] == "chí":
                j += 2
        while j < end:
            hit = self.former.longest(keys, j, end)
            if hit:
                former, j = True, hit[0]
                continue
            hit = self.drop.longest(keys, j, end)
            if hit and j + 1 < end and self.roles.longest(keys, hit[0], end):
                j = hit[0]
                continue
            break
        if j >= end or j in stops:
            return None
        hit = self.roles.longest(keys, j, end)
        deputy = ""
        if not hit and keys[j] == "phó" and j + 1 < end:
            hit = self.roles.longest(keys, j + 1, end)
            deputy = "Phó "
        if not hit:
            return None
        k, role = hit
        role_text = deputy + role.role
        if any(s <= k - 1 for s in stops if s >= j):  # a known name inside the office words
            return None
        # modifiers written after the office: "Phó Chủ tịch Thường trực", "Phó Giám đốc phụ trách"
        suf = self.suffix.longest(keys, k, end)
        if suf and role.takes_org and not role_text.endswith(suf[1]):
            role_text += " " + suf[1]
            k = suf[0]
        after = self.after.longest(keys, k, end)
        if after:  # "Phó Tổng thống đắc cử James David Vance"
            k = after[0]
        org_s, org_e = None, None
        if role.serves and k < end and not deputy:
            span = self._assistant(words, keys, offsets, i, k, role_text, former, plural, stops, end)
            if span is not None:
                return span
        if role.takes_org:
            e = self._org_tail(words, keys, k, end, stops)
            if e > k:
                org_s, org_e = offsets[k][0], offsets[e - 1][1]  # the text is read by organization()
        else:
            # a complete office may still carry its term: "Ủy viên Trung ương Đảng khóa XIII"
            e = k
            if e + 1 < end and keys[e] in ("khóa", "khoá") and _ROMAN_OR_NUMBER.match(words[e + 1]):
                e += 2
        end_tok = max(e, k)
        first = i + 1 if plural else i  # the surface starts at the office, not at "các"
        if plural and keys[first] == "đồng" and first + 1 < end and keys[first + 1] == "chí":
            first += 2
        span = PositionSpan(start=offsets[first][0], end=offsets[end_tok - 1][1], tok_start=i, tok_end=end_tok,
                            role=("nguyên " if former else "") + role_text, organization=None,
                            org_start=org_s, org_end=org_e, former=former, plural=plural)
        span.extra["org_head"] = role.org_head
        span.extra["default_org"] = role.default_org
        return span

    def _assistant(self, words, keys, offsets, i, k, role_text, former, plural, stops, end) -> PositionSpan | None:
        """"Trợ lý Tổng Bí thư", "thư ký Ủy viên Bộ Chính trị, Bộ trưởng Công an": the role names the principal's
        office (its first one that is not a mere membership), the organization is that office's. The principal's
        offices stay in the sentence as offices of their own (they belong to the name after them)."""
        inner = self.parse(words, keys, offsets, k, stops=stops, end=end)
        if inner is None or inner.former or inner.plural:
            return None
        offices, j = [inner], inner.tok_end
        while j + 1 < end and keys[j] == "," and len(offices) < 4:
            nxt = self.parse(words, keys, offsets, j + 1, stops=stops, end=end)
            if nxt is None:
                break
            offices.append(nxt)
            j = nxt.tok_end
        main = next((o for o in offices if not key(o.role).startswith("ủy viên")), offices[0])
        first = i + 1 if plural else i
        span = PositionSpan(start=offsets[first][0], end=offsets[j - 1][1], tok_start=i, tok_end=k,
                            role=("nguyên " if former else "") + role_text + " " + main.role, organization=None,
                            org_start=main.org_start, org_end=main.org_end, former=former, plural=plural)
        span.extra.update(org_head=main.extra.get("org_head"), default_org=main.extra.get("default_org"))
        for o in offices:
            o.extra["principal"] = True
        span.extra["principal_offices"] = offices
        return span

    # ------------------------------------------------------------------ whole strings
    def split(self, surface: str) -> tuple[str, str | None] | None:
        """(role, organization) of an office written on its own (a KB record, a test)."""
        text = unify_tones(" ".join(surface.split()))
        toks = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        words = [text[a:b] for a, b in toks]
        keys = [key(w) for w in words]
        if not toks:
            return None
        span = self.parse(words, keys, toks, 0)
        if span is None:
            return None
        org = self.organization(span, text)
        return span.role, org

    def organization(self, span: PositionSpan, text: str) -> str | None:
        """The organization as written, with the head the office implies ("Bộ trưởng Nội vụ" -> "Bộ Nội vụ")."""
        head, default = span.extra.get("org_head"), span.extra.get("default_org")
        if span.org_start is None:
            return default
        org = text[span.org_start:span.org_end].strip()
        if head and not key(org).startswith(key(head)):
            org = f"{head} {org}"  # the office word carried the head: "Chánh Văn phòng Trung ương Đảng"
        return org


# ---------------------------------------------------------------------------- article context

_CAP = f"[{UPPER}][\\wÀ-ỹ'’]*"
_UNIT_RE = re.compile(
    r"\b(tỉnh|Tỉnh ủy|Tỉnh uỷ|thành phố|Thành phố|Thành ủy|Thành uỷ|TP\.?|huyện|Huyện ủy|Huyện uỷ|quận|Quận ủy|Quận uỷ|"
    r"thị xã|Thị ủy|xã|phường)\s+((?:" + _CAP + r")(?:\s*-\s*|\s+)?(?:" + _CAP + r")?(?:\s+" + _CAP + r")?)")


@dataclass
class ArticleContext:
    """The administrative units an article is about, by level: which province "UBND tỉnh" means."""
    units: dict[str, str] = field(default_factory=dict)
    delegate_role: str = "Đại biểu Quốc hội"
    weight: dict[str, float] = field(default_factory=dict)   # how often the article names each level's unit

    @classmethod
    def from_text(cls, text: str, gazetteer: Gazetteer | None = None, extra_provinces: list[str] | None = None):
        gaz = gazetteer or default_gazetteer()
        counts: dict[str, Counter] = {}
        for m in _UNIT_RE.finditer(text):
            word = key(m.group(1)).rstrip(".")
            level = _ADMIN_LEVEL.get(word) or _PARTY_COMMITTEE_LEVEL.get(word)
            if level is None:
                continue
            name = m.group(2).strip(" -")
            # keep only the known province part of a longer capitalised run ("Đắk Nông Lê Văn" -> "Đắk Nông")
            keys = token_keys(name)
            hit = gaz.places.longest(keys, 0)
            if hit:
                toks = list(TOKEN_RE.finditer(name))
                name = name[: toks[hit[0] - 1].end()]
            elif level in ("province", "city"):
                continue  # an unknown name after "tỉnh" is more likely a sentence than a province
            counts.setdefault(level, Counter())[name] += 1
        for p in extra_provinces or []:
            hit = gaz.lookup(p)
            if hit and hit[1] in ("province", "city"):
                counts.setdefault(hit[1], Counter())[p] += 0.5
        units, weight = {}, {}
        for level, c in counts.items():
            (name, n), *rest = c.most_common(2) + [(None, 0)]
            if rest and rest[0][1] == n and rest[0][0] is not None:
                continue  # two units of one level equally often: no default
            units[level], weight[level] = name, n
        return cls(units, weight=weight)

    @staticmethod
    def _names_a_place(org: str) -> bool:
        gaz = default_gazetteer()
        keys = token_keys(org)
        return any(gaz.places.longest(keys, i) or gaz.admin.longest(keys, i) for i in range(len(keys)))

    def complete(self, org: str | None) -> str | None:
        """"UBND tỉnh" -> "UBND tỉnh Đắk Nông"; "Tỉnh ủy" -> "Tỉnh ủy Đắk Nông" when the article says which."""
        if not org:
            return org
        words = org.split()
        if key(words[0]) == "sở" and len(words) > 1 and not self._names_a_place(org):
            # "Sở Nội vụ" in an article about Đà Nẵng is "Sở Nội vụ thành phố Đà Nẵng"
            # (the unit the article names most: a birthplace "tỉnh Quảng Nam" in a Đà Nẵng story does not count)
            levels = sorted((("province", "tỉnh"), ("city", "thành phố")), key=lambda lw: -self.weight.get(lw[0], 0))
            for level, word in levels:
                if self.units.get(level):
                    return f"{org} {word} {self.units[level]}"
            return org
        last = key(words[-1]).rstrip(".")
        last2 = key(" ".join(words[-2:])) if len(words) >= 2 else ""
        for tail, table in ((last2, _ADMIN_LEVEL), (last2, _PARTY_COMMITTEE_LEVEL), (last, _ADMIN_LEVEL)):
            level = table.get(tail)
            if level:
                name = self.units.get(level)
                if level == "province" and not name:
                    name = None
                if level == "city" and not name and table is _PARTY_COMMITTEE_LEVEL:
                    name = None
                return f"{org} {name}" if name else org
        return org

"""Entity spans -> persons with positions, organizations and locations for one article.

    resolver = ArticleResolver(kb=None)          # lexicons compiled once here
    persons, organizations, locations = resolver.resolve(prepared, entities, documents)

Persons (GUIDELINES 2, 5):
- names come from the model's PERSON spans, plus names the rules see after a form of address
  ("ông Chiến", "đồng chí Hạnh", "Sheikh ...") or an office ("Bí thư Tỉnh ủy Nguyễn Văn A"); forms of
  address, academic titles and ranks are stripped from names, anonymised initials ("anh H.", "L.T.D.")
  dropped; a PERSON span standing where a place does ("ở Hà Đông", "các phường: Yên Hòa, Mai Dịch", a name
  the article also writes "phường Mai Dịch") is a place; credit lines ("Ảnh: ...") and "X Group" are no one;
- one entry per person: the fullest form is the name, shorter forms that are part of exactly one
  full name (or of the nearest full name before them) become aliases and mentions ("ông Chiến" -> Lê Văn
  Chiến; "Lương Cường" -> Lương Văn Cường; "Donald Trump" -> Donald John Trump; "Moon-sang" kept whole);
  a bare "ông"/"bà" opening a clause is the person named last (a full name, or a short one addressed);
- positions are linked by these patterns, with the linking words in ``data/positions/link_words.tsv``:
  office(s) right before a name ("Bí thư Tỉnh ủy Nguyễn Văn A", "Chủ tịch UBND tỉnh, ông B", "miễn nhiệm
  chức Bộ trưởng với ông B"; not "Theo <office>, bà X" nor "viếng <office>, chị X"); offices in apposition
  after a name ("Lê Văn Chiến, UVBTV Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh"; also after "là",
  "giữ chức", "("); offices far after a name behind a verb of office ("Ông Thắng 49 tuổi, quê Hà Nội, ...,
  từng giữ chức Vụ trưởng ..."; not "được <office> bổ nhiệm", where the office acts); plural offices over a
  list ("các Phó Thủ tướng: A, B", "bốn Phó bí thư, gồm bà A (53 tuổi), ông B"); names joined by "và"
  share an office ("A và B làm trợ lý ..."). Offices chained with ",", ";", "kiêm", "rồi" share a person;
  an assistant's post names the office it serves ("Trợ lý Tổng Bí thư"), whose holder keeps that office;
- former offices ("nguyên"): written ("nguyên", "cựu"), left ("thôi giữ chức"), told as past ("từng",
  "sau đó", "khi đang"), in a clause dated before the article ("Tháng 2/2020, ..." in a 2024 article) or of
  an earlier term ("Ủy viên dự khuyết Trung ương Đảng khóa 12" in 2024). The same office told as current
  and as former: said outright, former wins; inferred from the story, current wins;
- organizations of positions are completed from the article ("UBND tỉnh" -> "UBND tỉnh Đắk Nông").
Organizations: the model's spans (outside document citations and news-source credits, not cut
mid-phrase), organizations named only inside positions, bare "Đảng"/"Trung ương", Party bodies
("Ban Thường vụ Tỉnh ủy Kon Tum", ``data/positions/party_bodies.tsv``); the most complete form is kept.
Locations: the model's spans minus facilities and lone syllables, plus known places the model missed,
normalised by ``tagger.locations``.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from importlib import resources
from dataclasses import dataclass, field

from .locations import (
    Gazetteer,
    default_gazetteer,
    key,
    merge_locations,
    read_lines,
    token_keys,
)
from .numerals import int_to_roman, roman_to_int
from .positions import (
    UPPER,
    TRAILING_WORDS,
    WORD_CLASSES,
    ArticleContext,
    PositionFinder,
    PositionSpan,
    is_capitalised,
    patterns,
)
from .text import tokens as text_tokens
from .types import (
    DocumentRef,
    Entity,
    Location,
    Mention,
    Organization,
    Person,
    Position,
)

_PKG = "tagger.data.positions"
# the rules' regular expressions that hold Vietnamese words (data/positions/patterns.tsv)
_RX = patterns()
# words between a name and the offices after it ("A, Bí thư", "A là Bí thư", "A (Bí thư)")
_APPOSITION_GAP = set(WORD_CLASSES["apposition_gap"])
_GAP_START = set(WORD_CLASSES["gap_start"])
_FORMER_GAP = set(WORD_CLASSES["former_gap"])
# an office the person has left, said in so many words; beats the same office told as current elsewhere
_STRONG_FORMER = set(WORD_CLASSES["strong_former"])
_NOW = set(WORD_CLASSES["now"])
_KIN_HEAD = set(WORD_CLASSES["kin_head"])
_KIN = set(WORD_CLASSES["kin"])
_FOREIGN_STATE_ROLES = set(WORD_CLASSES["foreign_state_roles"])
_UNIT_CHAIRS = set(WORD_CLASSES["unit_chairs"])
_PEOPLES_COMMITTEE_UNITS = {"province", "city", "district", "town", "commune", "ward"}
_NOT_NAME_WORDS = set(WORD_CLASSES["not_name_words"])
# "Bùi Văn Từ": after a middle name a word like "Từ" is the given name, not a run-on sentence
_MIDDLE_NAMES = set(json.loads(resources.files(_PKG).joinpath("name_repair.json").read_text(encoding="utf-8"))["middle_names"])
_TIME_WORDS = set(WORD_CLASSES["time_words"])
_INFORMAL_ADDRESS = set(WORD_CLASSES["informal_address"])
_CHAIN_GAP = set(WORD_CLASSES["chain_gap"])
_INITIAL = re.compile(r"^[A-ZĐ]\.$")
_PRONOUNS = set(WORD_CLASSES["pronouns"])
_NATURAL_FEATURES = {"river", "lake", "island", "mountain", "pass"}
_COMMITTEE = _RX["committee"]
_COMMITTEE_MEMBER = set(WORD_CLASSES["committee_member"])
_ROMAN = re.compile(r"^[IVXLC]+$")
# lower-case words that end an organization name the model ran into a clause with (not the position
# rules' clause_words: those also stop at "và", "tại", "về" ..., which would cut "Sở Giáo dục và Đào tạo")
_ORG_CLAUSE_WORDS = set(WORD_CLASSES["org_clause_words"])
_PAST_CONTEXT = tuple(WORD_CLASSES["past_context"])
_PERSONAL_ADDRESS = set(WORD_CLASSES["personal_address"])
# words after which a one-syllable country name is a place: "tại Anh", "nước Nga", "sang Mỹ"
_PLACE_INTRO = set(WORD_CLASSES["place_intro"])
_NAME_PARTICLES = set(WORD_CLASSES["name_particles"])
_SOURCE_CREDIT = _RX["source_credit"]  # "Theo TPO", "(theo TTXVN)": news sources are not annotated
_NAME_TOKEN = re.compile(f"^[{UPPER}][\\wÀ-ỹ'’-]*$")
_CAP_WORD_END = re.compile(f"[{UPPER}][\\wÀ-ỹ]*\\s+$")
_SENTENCE_START_CAP = re.compile(f"(^|[.!?\\n:\"“]\\s*)[{UPPER}][\\wÀ-ỹ]*\\s+$")
_NEXT_CAP = re.compile(f"\\s+[{UPPER}]")
_NO_STOPS: frozenset[int] = frozenset()
_NATIONAL_ASSEMBLY = _RX["national_assembly"]
_LOCAL_COUNCIL = _RX["local_council"]
_INITIALS = re.compile(r"\b[A-ZĐ]\.[A-ZĐ]\.")
# "ông Nguyễn Đ.H.", "bà Trần T.": a family name before initials is an anonymised person
_INITIALS_NEXT = re.compile(r"^[A-ZĐ](?:\.[A-ZĐ])*\.$")
# a standalone body's name running on ("Đảng ủy", "Trung ương Đoàn") or following a body word ("Văn phòng Chính phủ")
_NEXT_BODY_WORD = _RX["next_body_word"]
_PREV_BODY_WORD = _RX["prev_body_word"]
_PREV_OFFICE_WORD = _RX["prev_office_word"]


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    source: str                       # "model" | "address" | "office" | "fixed"
    rank: str | None = None
    positions: list = field(default_factory=list)   # PositionSpan
    group: int = -1
    addressed: bool = False                          # after a form of address ("ông", "đồng chí")


class ArticleResolver:
    def __init__(self, kb=None, gazetteer: Gazetteer | None = None):
        self.kb = kb
        self.gaz = gazetteer or default_gazetteer()
        self.finder = PositionFinder(self.gaz)
        self.fixed_names = {}
        self.fixed_first = set()
        self.role_rewrites = {}
        for line in read_lines(_PKG, "persons.tsv")[1:]:
            kind, a, b, c = (line.split("\t") + ["", "", ""])[:4]
            if kind == "name":
                self.fixed_names[key(a)] = b
                self.fixed_first.add(key(a).split()[0])
            elif kind == "role":
                self.role_rewrites[(key(a), key(b))] = c
        self.chain_gaps, self.link_triggers, self.link_fillers, self.link_former = set(), set(), set(), set()
        self.agent_verbs, self.replaces, self.appoints, self.holds, self.moves = set(), set(), set(), set(), set()
        self.relieves, self.proposes = set(), set()
        for line in read_lines(_PKG, "link_words.tsv")[1:]:
            phrase, kind = line.split("\t")
            {"chain": self.chain_gaps, "trigger": self.link_triggers, "filler": self.link_fillers,
             "former": self.link_former, "agent": self.agent_verbs, "replaces": self.replaces,
             "appoints": self.appoints, "holds": self.holds, "moves": self.moves, "relieves": self.relieves,
             "proposes": self.proposes}[kind].add(key(phrase))
        self.standalone_orgs = {key(l.split("\t")[0]): l.split("\t")[0]
                                for l in read_lines(_PKG, "standalone_orgs.txt")}
        bodies = {"body": [], "committee": []}
        for line in read_lines(_PKG, "party_bodies.tsv")[1:]:
            phrase, kind = line.split("\t")
            bodies[kind].append(re.escape(phrase))
        def alt(xs):  # longest first, so "Đảng bộ tỉnh" wins over "Đảng bộ"
            return "|".join(sorted(xs, key=len, reverse=True))
        self._body_re = re.compile(f"(?<![\\wÀ-ỹ])(?:{alt(bodies['body'])})(?: (?:{alt(bodies['committee'])}))?"
                                   f"((?: [{UPPER}][\\wÀ-ỹ]*){{0,3}})(?![\\wÀ-ỹ])")
        self.org_suffixes = {key(l) for l in read_lines(_PKG, "not_person_words.txt")}
        self.known_orgs = [l.strip() for l in read_lines(_PKG, "known_orgs.txt")]
        self.known_org_keys = {key(o) for o in self.known_orgs}
        self._known_re = re.compile(r"(?<![\wÀ-ỹ])(" + "|".join(
            re.escape(o) for o in sorted(self.known_orgs + list(self.standalone_orgs.values()), key=len, reverse=True))
            + r")(?![\wÀ-ỹ])")

    # ================================================================== public
    def resolve(self, prepared, entities: list[Entity], documents: list[DocumentRef] | None = None):
        text = prepared.text
        clean = prepared.clean
        documents = documents or []
        doc_spans = [(d.start, d.end) for d in documents]
        for d in documents:
            for m in d.mentions or []:
                doc_spans.append((m.start, m.end))

        ents = [e for e in entities if not prepared.is_noise(e.start, e.end)]
        orgs_e = [e for e in ents if e.type == "ORGANIZATION" and not self._in_document(e, documents, doc_spans)
                  and not _SOURCE_CREDIT.search(clean[max(0, e.start - 12):e.start])]
        locs_e = [e for e in ents if e.type == "LOCATION" and not _overlaps(e, doc_spans)]
        pers_e = [e for e in ents if e.type == "PERSON" and not _overlaps(e, doc_spans)
                  and not _CREDIT_LINE.match(clean, clean.rfind("\n", 0, e.start) + 1)  # "Ảnh: Nguyễn Á, ..."
                  and key(e.text.split()[-1]) not in self.org_suffixes]  # "Adani Group"
        # "nhà ở Hà Đông", "giữa Đà Lạt và Nha Trang", "8 phường, gồm: Yên Hòa, Trung Hòa, Mai Dịch": places
        # (also a name the article gives a place elsewhere: "Mai Dịch" beside "phường Mai Dịch")
        place_names = {key(rest) for e in locs_e if " " in e.text
                       for kind, rest in [self.gaz.split_admin(e.text)] if kind} if pers_e else set()
        places = [e for e in pers_e if key(e.text) in place_names or _place_context(clean, e, locs_e)]
        # "Phùng Hưng - Hải Thượng Lãn Ông - Đỗ Ngọc Thạch", "các tuyến đường như Lê Duẩn, Tôn Đức Thắng": streets
        pers_e = [e for e in pers_e if e in places or not self._street_context(clean, e)]
        if places:
            pers_e = [e for e in pers_e if e not in places]
            locs_e = locs_e + [Entity("LOCATION", e.text, e.start, e.end, e.score) for e in places]

        # ---------------------------------------------------------- sentences, tokens, mentions
        now_year = _article_year(prepared.match)
        mentions: list[_Mention] = []
        sent_tokens = []
        last_full = None
        positions_found: list[tuple[PositionSpan, str | None]] = []
        # organization / place spans hide capitalised words from the name rules -- but not an office at their
        # start ("ĐB Châu Quỳnh Dao" read as a place) nor a name inside them ("Quốc hội Bùi Văn Cường")
        trimmed: dict[tuple[int, int], tuple[int, int]] = {}   # _trim_org per span, once per article
        blocked = [self._trim_org(prepared, e.start, e.end, trimmed) for e in orgs_e + locs_e]
        # (so do the bodies everyone names the same way: "Đoàn Thanh niên Cộng sản Hồ Chí Minh")
        known = list(self._known_re.finditer(prepared.match))  # read again for the standalone organizations
        blocked += [m.span() for m in known if " " in m.group()]
        for (a, b), toks, words in zip(prepared.sentences, prepared.sentence_tokens(), prepared.sentence_words()):
            if not toks:
                continue
            keys = prepared.keys(toks)
            sent_tokens.append((toks, words, keys))
            sent_mentions = self._mentions(words, keys, toks, pers_e, blocked)
            stops = {m_tok for m_tok, _ in sent_mentions}
            # "Ông từng giữ các chức vụ: ...": a bare "ông"/"bà" refers to the person named last
            pron = []
            for i, k in enumerate(keys):
                if k not in _PRONOUNS or i in stops or (i + 1 < len(words) and _NAME_TOKEN.match(words[i + 1])):
                    continue
                if i > 0 and keys[i - 1] in _KIN:
                    continue  # "cha ông khi đó đã là Chính ủy ...": his father's office, not his
                before = [m for t, m in sent_mentions if t < i and _antecedent(m.mention)]
                name = before[-1].mention.name if before else last_full
                if name:
                    pron.append((i, _SentMention(tok=i, end_tok=i + 1, mention=_Mention(
                        start=toks[i][0], end=toks[i][1], name=name, source="pronoun"))))
            if pron:
                sent_mentions = sorted(sent_mentions + pron, key=lambda x: x[0])
            # offices in the sentence
            spans: list[PositionSpan] = []
            i = 0
            mention_toks = {t for st, en in ((x[0], x[1].end_tok) for x in sent_mentions) for t in range(st, en)}
            start_keys = self.finder.start_keys
            while i < len(toks):
                if i in mention_toks or (keys[i] not in start_keys and not keys[i].isdigit()):
                    i += 1
                    continue
                if i > 0 and is_capitalised(words[i - 1]):
                    head = self.finder.org_heads.longest(keys, i - 1)
                    if head and head[0] > i:  # "Bộ Tư lệnh": not the office "Tư lệnh"
                        i += 1
                        continue
                sp = self.finder.parse(words, keys, toks, i, stops=stops)
                if sp is None:
                    i += 1
                    continue
                spans.append(sp)
                i = sp.tok_end
            year = _clause_year(prepared.match[a:min(b, a + 40)])
            dated_past = year is not None and now_year is not None and year < now_year \
                and not _NOW_RE.search(prepared.match[a:b])
            self._link(words, keys, toks, sent_mentions, spans, text, dated_past)
            for _, m in sent_mentions:
                if m.mention.source == "pronoun" and not m.mention.positions:
                    continue
                mentions.append(m.mention)
                if _antecedent(m.mention):
                    last_full = m.mention.name  # "ông Thắng" counts: the pronoun joins Thắng's full name later
            positions_found.extend(spans)

        # ---------------------------------------------------------- persons
        loc_names = [e.text for e in locs_e]
        ctx = ArticleContext.from_text(prepared.match, self.gaz, extra_provinces=loc_names)
        # "đại biểu Nguyễn Văn Mạnh": a delegate of the assembly the article is about
        na = len(_NATIONAL_ASSEMBLY.findall(prepared.match))
        local = len(_LOCAL_COUNCIL.findall(prepared.match))
        ctx.delegate_role = "Đại biểu HĐND" if local >= 2 and not na else "Đại biểu Quốc hội"
        persons, org_spans = self._group(mentions, text, ctx, now_year)

        # ---------------------------------------------------------- organizations
        person_spans = [(m.start, m.end) for p in persons for m in p.mentions]
        org_items, extra_locs = [], []
        for e in orgs_e:
            surface = text[e.start:e.end]
            cut = min((a for a, b in person_spans if e.start < a < e.end), default=e.end)
            if _overlaps(Entity(e.type, surface, e.start, cut), person_spans):
                continue  # a person the model read as an organization
            end = cut
            while end > e.start and text[end - 1] in " ,;:-–(":
                end -= 1
            start, end = self._trim_org(prepared, e.start, end, trimmed)
            name = text[start:end]
            if self.gaz.lookup(name):
                extra_locs.append((name, start, end))  # "Tổng thống Thổ Nhĩ Kỳ": the country is a place
                continue
            if self._bare_head(name):
                continue
            org_items.append((name, start, end))
        org_items.extend(o for o in org_spans if not self.gaz.lookup(o[0]))  # a foreign office's country is a place
        org_items.extend(self._standalone_orgs(prepared, orgs_e, positions_found, documents, known))
        organizations = _merge_orgs(org_items, text, self.gaz)

        # ---------------------------------------------------------- locations
        loc_items = []
        for e in locs_e:
            span = self._trim_location(prepared, e, person_spans)
            if span and self._plausible_location(text[span[0]:span[1]]):
                loc_items.append((text[span[0]:span[1]], span[0], span[1]))
        loc_items.extend(extra_locs)
        loc_items.extend(self._gazetteer_locations(prepared, sent_tokens, loc_items, orgs_e, person_spans, doc_spans))
        locations = merge_locations(loc_items, text)
        self._foreign_offices(persons, locations)

        if self.kb is not None:
            for p in persons:
                p.kb_id = self.kb.match(p)
        return persons, organizations, locations

    # ================================================================== mentions
    def _in_document(self, e: Entity, documents, doc_spans) -> bool:
        """An organization inside a citation is not one, unless it is the citation's issuer."""
        for d in documents:
            if d.start <= e.start and e.end <= d.end:
                return not (d.issuer and key(e.text) in key(d.issuer))
        return False

    def _clean_name(self, words, keys, i: int, j: int):
        """Strip forms of address, ranks and offices from tokens i..j of a name: (i', j', rank)."""
        rank = None
        while i < j:
            hit = self.finder.ranks.longest(keys, i, j)
            if hit:
                rank = hit[1]  # as ranks.txt writes it: "đại tướng" -> "Đại tướng"
                i = hit[0]
                continue
            hit = self.finder.address.longest(keys, i, j)
            if hit and hit[0] < j and (key(" ".join(words[i:j])) not in self.fixed_names):
                i = hit[0]
                continue
            if words[i] in (".", "-", ":", ","):
                i += 1
                continue
            sp = self.finder.roles.longest(keys, i, j)
            if sp and sp[0] < j and is_capitalised(words[sp[0]]):
                i = sp[0]
                continue
            break
        while j > i and not is_capitalised(words[j - 1]):
            j -= 1  # "Nguyễn Phú Trọng đã": a span that runs into the verb
        return i, j, rank

    def _mentions(self, words, keys, toks, pers_e, blocked):
        """Person mentions in one sentence: [(first token, _SentMention)]."""
        out = []
        taken = set()
        s0, e0 = toks[0][0], toks[-1][1]
        here = [ent for ent in pers_e if s0 <= ent.start and ent.end <= e0]
        if here:
            start_idx = {s: n for n, (s, _) in enumerate(toks)}
            end_idx = {e: n for n, (_, e) in enumerate(toks)}
        for ent in here:
            i = start_idx.get(ent.start)
            j = end_idx.get(ent.end)
            if i is None or j is None:
                # a span starting inside a token starts at the next one ("Hà TĩnhÔng Lê Xuân Tiến" cut after the dateline)
                i = start_idx.get(ent.start, next((n for n, (s, e) in enumerate(toks) if s > ent.start or e > ent.start and s == ent.start), None))
                j = next((n for n in range(len(toks) - 1, -1, -1) if toks[n][0] < ent.end), None)
                if i is None or j is None or j < i:
                    continue
            j += 1
            m = self._make(words, keys, toks, i, j, "model")
            if m and not any(t in taken for t in range(m.tok, m.end_tok)):
                out.append(m)
                taken.update(range(m.tok, m.end_tok))
        # rules: a form of address or a rank, then a capitalised run ("ông Chiến", "đồng chí Lê Văn Chiến")
        n = len(words)
        caps = [w[:1].isupper() for w in words]   # is_capitalised, once per token
        i = 0
        while i < n:
            k0 = keys[i]
            if k0 not in self.finder.address.root and k0 not in self.finder.ranks.root and k0 not in self.fixed_first:
                i += 1
                continue
            hit = self.finder.address.longest(keys, i) or self.finder.ranks.longest(keys, i)
            fixed = self._fixed_at(words, keys, i)
            if fixed:
                j = fixed
                m = self._make(words, keys, toks, i, j, "fixed")
                if m and not any(t in taken for t in range(i, j)):
                    out.append(m)
                    taken.update(range(i, j))
                i = j
                continue
            personal = hit and " ".join(keys[i:hit[0]]) in _PERSONAL_ADDRESS
            if hit and hit[0] < n and (place := self.gaz.places.longest(keys, i)) and place[0] > hit[0]:
                i = place[0]  # "Bà Rịa - Vũng Tàu", "Bà Rịa": a place that begins like a form of address
                continue
            if hit and hit[0] < n and self.finder.ranks.longest(keys, hit[0]):
                hit = (self.finder.ranks.longest(keys, hit[0])[0], None)  # "đồng chí Thiếu tướng Đỗ Văn Thiện"
            if hit and hit[0] < n and (not personal or not caps[i] or i == 0
                                       or keys[i - 1] in ("“", '"', "(", ":", "-")):
                # "Anh Sơn" mid-sentence is a place; "anh Sơn" or "Anh Sơn" opening a sentence is a person
                j = hit[0]
                plural = keys[i] == "các"
                if plural and j + 1 < n and keys[j] == ":":
                    j += 1  # "bao gồm các ông: Nguyễn Đức Chi, ..."
                k = j
                while k < n and k - j < 5 and _NAME_TOKEN.match(words[k]) and not _INITIAL.match(words[k]):
                    k += 1
                if k - j == 1 and not personal:
                    k = j  # "thạc sĩ Luật", "cử nhân Kinh tế": a one-word name needs a personal form of address
                if k > j and not any(t in taken for t in range(j, k)) and self._plausible_name(words, keys, j, k):
                    m = self._make(words, keys, toks, j, k, "address")
                    if m:
                        out.append(m)
                        taken.update(range(j, k))
                if plural and k > j:
                    k = self._address_list(words, keys, toks, k, out, taken)
                i = max(k, i + 1)
                continue
            i += 1
        # rules: an office followed by a family name and capitalised words ("Bí thư Tỉnh ủy Nguyễn Văn A")
        surnames = self.finder.surnames
        for i in range(n):
            # (person_start's own first test, inline: most tokens are no family name)
            if i in taken or keys[i] not in surnames or not caps[i] \
                    or not self.finder.person_start(words, keys, i, n, _NO_STOPS):
                continue
            k = i
            while k < n and k - i < 5 and _NAME_TOKEN.match(words[k]) and not _INITIAL.match(words[k]):
                k += 1
            # inside an organization or place span that starts earlier, it is that span's word ("Học viện ... Hồ Chí Minh");
            # a span that starts at the name is the model's mistake about the name
            if 2 <= k - i <= 4 and not any(t in taken for t in range(i, k)) \
                    and not any(a < toks[i][0] and toks[k - 1][1] <= b for a, b in blocked):
                if self._after_office(words, keys, i):
                    m = self._make(words, keys, toks, i, k, "office")
                    if m:
                        out.append(m)
                        taken.update(range(i, k))
        # rules: a foreign office's country, then a name ("Tổng thống Thổ Nhĩ Kỳ Recep Tayyip Erdogan")
        country_end = {}
        places = self.gaz.places
        for b in range(n):
            if caps[b] and keys[b] in places.root:
                hit = places.longest(keys, b, n)
                if hit and hit[1][1] == "country":
                    country_end[hit[0]] = b
        for i in range(1, n):
            if i in taken or not caps[i] or not words[i][0].isalpha():
                continue
            country = country_end.get(i)
            if country is not None:
                b = country
                while b > 0 and caps[b - 1] and words[b - 1][:1].isalpha():
                    b -= 1
                if b > 0 and self.gaz.admin_kinds.get(keys[b - 1].rstrip(".")):
                    continue  # "UBND xã Mỹ Hòa", "xã Tam Anh Nam": a commune named like a country, not a foreign office
            if country is None and not (words[i].isascii() and not words[i - 1].isascii()):
                continue
            if self.gaz.places.longest(keys, i, n) or self.finder.org_heads.longest(keys, i, n):
                continue
            if country is None:
                # "Chủ tịch Thượng viện Jagdeep Dhankhar": two or more capitalised foreign words after an office
                if not (words[i].isascii() and i + 1 < n and words[i + 1].isascii() and _NAME_TOKEN.match(words[i + 1])
                        and not words[i - 1].isascii() and not words[i].isupper()
                        and not (_vietnamese_syllable(words[i]) and _vietnamese_syllable(words[i + 1]))):
                    continue
                country = i
            k = i
            while k < n and k - i < 7 and (_NAME_TOKEN.match(words[k]) or (keys[k] in _NAME_PARTICLES and k + 1 < n
                                                                           and caps[k + 1])):
                k += 1
            if 1 <= k - i and not any(t in taken for t in range(i, k)) and self._after_office(words, keys, country):
                m = self._make(words, keys, toks, i, k, "office")
                if m:
                    out.append(m)
                    taken.update(range(i, k))
        out.sort(key=lambda m: m.tok)
        return [(m.tok, m) for m in out]

    def _address_list(self, words, keys, toks, k: int, out: list, taken: set) -> int:
        """The names after the first in "các ông Phạm Văn Hạ, Lê Hồng Sơn và Bùi Văn Từ": each a family name and one
        to three capitalised words after "," or "và" (a bracket with offices may follow each). Returns where the list ends."""
        n = len(words)
        while k < n:
            if keys[k] == "(":  # "Nguyễn Linh Ngọc (nguyên Thứ trưởng ...), ..."
                close = next((c for c in range(k, min(n, k + 40)) if keys[c] == ")"), None)
                if close is None:
                    break
                k = close + 1
                continue
            if keys[k] not in (",", "và", ";"):
                break
            q = k + 1
            if q < n and keys[q] == "và":
                q += 1
            if q < n and keys[k] == "," and keys[q] not in self.finder.surnames:
                # "các ông: Lâm Văn Hoàng, Cục trưởng Cục Đường cao tốc Việt Nam; Nguyễn Xuân Ảnh, ...": offices, then ";"
                semi = next((c for c in range(q, min(n, q + 40)) if keys[c] in (";", ".", ":")), None)
                if semi is None or keys[semi] != ";":
                    break
                k = semi
                continue
            if q >= n or keys[q] not in self.finder.surnames or not is_capitalised(words[q]):
                break
            r = q
            while r < n and r - q < 4 and _NAME_TOKEN.match(words[r]) and not _INITIAL.match(words[r]):
                r += 1
            if not 2 <= r - q <= 4 or self.gaz.places.longest(keys, q, r):
                break
            if not any(t in taken for t in range(q, r)):
                m = self._make(words, keys, toks, q, r, "address")
                if m:
                    out.append(m)
                    taken.update(range(q, r))
            k = r
        return k

    def _after_office(self, words, keys, i) -> bool:
        """Token i follows an office phrase (looking back a few tokens)."""
        for back in range(1, 16):
            s = i - back
            if s < 0:
                return False
            sp = self.finder.parse(words, keys, [(0, 0)] * len(words), s, end=i)
            if sp is not None and sp.tok_end == i:
                return True
            if words[s] in (".", ";", ":", "(", ")"):
                return False
        return False

    def _fixed_at(self, words, keys, i):
        if keys[i] not in self.fixed_first:
            return None
        for n in (3, 2):
            if i + n <= len(keys) and " ".join(keys[i:i + n]) in self.fixed_names:
                return i + n
        return None

    def _plausible_name(self, words, keys, j, k) -> bool:
        """A capitalised run after a form of address is a name unless it is a place, an office or an organization."""
        if self.gaz.places.longest(keys, j, k) and self.gaz.places.longest(keys, j, k)[0] == k:
            return False
        if self.finder.roles.longest(keys, j) or self.finder.org_heads.longest(keys, j):
            return False  # "ông Chủ tịch", "cán bộ Đội Chữa cháy"
        if any(len(w) >= 2 and w.isupper() for w in words[j:k]):
            return False  # "anh hùng LLVT"
        return True

    def _make(self, words, keys, toks, i, j, source):
        if source == "model" and i > 0 and keys[i - 1] in self.finder.surnames and is_capitalised(words[i - 1]) \
                and self.finder.address.longest(keys, i, j) and j - i >= 2 \
                and not (i > 1 and is_capitalised(words[i - 2]) and words[i - 2][:1].isalpha()
                         and not self.finder.address.longest(keys, i - 2, i - 1)):
            i -= 1  # "ông Phạm Anh Tuấn" read as "Anh Tuấn": the family name before, not "anh" as a form of address
        fixed = self._fixed_at(words, keys, i)
        rank = None
        if not (fixed and fixed == j):
            i, j, rank = self._clean_name(words, keys, i, j)
            if j > i and (hit := self.finder.address.longest(keys, i, j)) and hit[0] == j:
                return None  # a form of address alone ("mong Hoàng Thái Hậu sớm sang thăm"): nobody named
        if j <= i:
            return None
        name_words = words[i:j]
        if not is_capitalised(name_words[0]) or any(w.isdigit() for w in name_words):
            return None
        if any(_INITIAL.match(w) for w in name_words) or _INITIALS.search(" ".join(name_words)) \
                or (j < len(words) and words[j] == "." and len(words[j - 1]) == 1) \
                or (j < len(words) and _INITIALS_NEXT.match(words[j] + (words[j + 1] if j + 1 < len(words) else ""))) \
                or all(len(w) == 1 for w in name_words):
            return None  # anonymised initials are not persons
        if any(not _NAME_TOKEN.match(w) for w in name_words if w not in ("-",) and key(w) not in _NAME_PARTICLES):
            return None
        addressed = i > 0 and bool(self.finder.address.longest(keys, max(0, i - 3), i)) and any(
            (hit := self.finder.address.longest(keys, b, i)) and hit[0] == i for b in range(max(0, i - 3), i))
        if source == "model":
            # a span that swallowed the office's organization or a country: "Công Thương Nguyễn Hồng Diên",
            # "Lào Sonexay Siphandone" -> the name starts at the family name / after the place
            while j - i >= 2:
                place = self.gaz.places.longest(keys, i, j)
                if place and place[0] < j:
                    i = place[0]
                    continue
                inside = next((h[0] for b in (i - 2, i - 1) if b >= 0 and is_capitalised(words[b])
                               for h in [self.gaz.places.longest(keys, b, j)] if h and i < h[0] < j), None)
                if inside is not None:
                    i = inside  # "Trung Quốc Tập Cận Bình" read from "Quốc": the place began before the span
                    continue
                if keys[i] not in self.finder.surnames and j - i >= 3:
                    cut = next((c for c in range(i + 1, j - 1) if keys[c] in self.finder.surnames), None)
                    if cut is not None and self.finder.org_heads.longest(keys, i, j) is None \
                            and not any(ch in "".join(words[i:cut]) for ch in "'’-"):
                        i = cut
                        continue
                break
            while j - i >= 2 and (hit := self.finder.address.longest(keys, i, j)) and hit[0] < j:
                i = hit[0]  # "Qatar Sheikh Tamim Bin Hamad Al Thani": the form of address after the country
            name_words = words[i:j]
            if i >= 2 and words[i - 1] == "-" and toks[i - 2][1] == toks[i - 1][0] and toks[i - 1][1] == toks[i][0] \
                    and is_capitalised(words[i - 2]):
                # "Diaz-Canel Bermudez" read from "Canel": the hyphenated name and the given names before it
                i -= 2
                while i > 0 and i - 1 >= 0 and _NAME_TOKEN.match(words[i - 1]) and words[i - 1].isascii() \
                        and not self.finder.roles.longest(keys, i - 1) and not self.gaz.places.longest(keys, i - 1):
                    i -= 1
                name_words = words[i:j]
            f = self.gaz.facilities.longest(keys, i, j)
            if f and f[0] < j and keys[i] not in self.finder.surnames:
                return None  # "Trường Victory": a school, not a person
            if j - i == 1 and not addressed and _vietnamese_syllable(name_words[0]):
                return None  # a lone Vietnamese syllable nobody addresses: "Tài" of "Tài chính" ("Putin" stays)
            for trie in (self.finder.roles, self.finder.org_heads):
                hit = trie.longest(keys, i)
                if hit and hit[0] > j:
                    return None  # the first words of an office or an organization: "Chủ" of "Chủ tịch"
            if self.gaz.lookup(" ".join(name_words)) or self.gaz.lookup(" ".join(name_words[1:] or ["-"])):
                return None  # a place the model took for a person
        prev = keys[i - 1] if i > 0 else ""
        kind = self.gaz.admin_kinds.get(prev.rstrip("."))
        if (kind and (source == "model" or kind in _NATURAL_FEATURES)) \
                or (source == "model" and any((f := self.gaz.facilities.longest(keys, b, i)) and f[0] == i
                                              for b in (i - 2, i - 1) if b >= 0)):
            return None  # "đường Phạm Văn Đồng", "TP Hồ Chí Minh", "sông Tô Lịch": a place named after a person
        if rank is None:  # "Đại tá Trần Văn Bình": the rank right before the name
            for n in (2, 1, 3):
                if i - n >= 0:
                    hit = self.finder.ranks.longest(keys, i - n, i)
                    if hit and hit[0] == i:
                        rank = hit[1]
                        break
        while j - i >= 2 and keys[j - 1] in _NOT_NAME_WORDS and keys[j - 2] not in _MIDDLE_NAMES:
            j -= 1  # "cựu Tổng thống Clinton Theo điều 86 ...": a sentence ran on without its full stop
            name_words = words[i:j]
        j = _hyphen_end(words, toks, j)  # "Ki Moon-sang", "Miguel Diaz-Canel Bermudez": a hyphen inside a foreign name
        # words joined as written: "Diaz-Canel" stays one word
        name = "".join(w if t == i or toks[t - 1][1] == toks[t][0] else " " + w for t, w in zip(range(i, j), words[i:j]))
        name = self.fixed_names.get(key(name), name)
        m = _SentMention(tok=i, end_tok=j, mention=_Mention(start=toks[i][0], end=toks[j - 1][1], name=name,
                                                              source=source, rank=rank))
        m.mention.addressed = addressed or source in ("address", "fixed")
        return m

    # ================================================================== linking offices to names
    def _link(self, words, keys, toks, sent_mentions, spans: list[PositionSpan], text: str, dated_past: bool = False):
        if not spans or not sent_mentions:
            return
        ms = [m for _, m in sent_mentions]
        # chains: offices separated only by "," / "kiêm" / "đồng thời là"
        chains: list[list[PositionSpan]] = []
        for sp in spans:
            if chains and "principal_offices" in chains[-1][-1].extra and sp.tok_start == chains[-1][-1].tok_end:
                sp.extra["principal"] = True  # "Trợ lý Tổng Bí thư, Chủ tịch nước Tô Lâm": the offices are Tô Lâm's
                chains.append([sp])
                continue
            if chains:
                prev = chains[-1][-1]
                gap = " ".join(_without_terms(keys[prev.tok_end:sp.tok_start]))
                speaker = chains[-1][0].tok_start > 0 and keys[chains[-1][0].tok_start - 1] == "theo"
                if gap in self.chain_gaps and not sp.plural and not (speaker and gap == ","):  # "Theo Thủ tướng, Chủ tịch X .."
                    if chains[-1][0].extra.get("principal") and gap not in (",", "và") and len(chains) > 1:
                        # "thư ký Chủ nhiệm Ủy ban Kinh tế; Phó vụ trưởng ...": the assistant's career goes on
                        principal = chains.pop()
                        chains[-1].append(sp)
                        chains.insert(len(chains) - 1, principal)
                    else:
                        chains[-1].append(sp)
                    continue
            chains.append([sp])
        prev_link = None
        linked = []   # (chain, its persons), in order
        for chain in chains:
            first, last = chain[0], chain[-1]
            if first.former:
                for sp in chain[1:]:
                    _make_former(sp, weak=bool(first.extra.get("former_weak")))
            after = next((m for m in ms if m.tok >= last.tok_end), None)
            before = next((m for m in reversed(ms) if m.end_tok <= first.tok_start), None)
            gap_after = keys[last.tok_end:after.tok] if after else None
            gap_before = keys[before.end_tok:first.tok_start] if before else None
            if gap_before and ")" in gap_before[:26] and (gap_before[0] == "(" or (
                    before.tok > 0 and keys[before.tok - 1] == "(" and "(" not in gap_before[:gap_before.index(")")])):
                # "ông Lê Phước Hoài Bảo (là con trai của ông) giữ các chức vụ ...";
                # "Ông Lương Văn Cường (Lương Cường - Sinh năm 1957), Ủy viên Bộ Chính trị ..."
                rest = gap_before[gap_before.index(")") + 1:]
                if rest:
                    gap_before = rest
            ok_after = after is not None and (self._gap_to_name(gap_after, keys, last.tok_end, after.tok)
                                              or self._held_by(keys, gap_after, after))
            if ok_after and "," in gap_after and first.tok_start > 0 and keys[first.tok_start - 1] in ("của", "theo"):
                # "quyết định của Bộ trưởng Bộ Quốc phòng, Thượng tá X", "Theo Thường trực Ban Bí thư, bà X":
                # not X's office
                ok_after = False
            ok_before = before is not None and len(gap_before) <= 9 and all(
                g in _APPOSITION_GAP or self.finder.ranks.longest([g], 0) for g in gap_before) and (
                not gap_before or gap_before[0] in _GAP_START) and (
                gap_before[:1] != ["với"] or gap_before[1:3] == ["cương", "vị"])  # "A với Thủ tướng Qatar": another person
            if ok_before and gap_before and gap_before[-1] == "được" and (
                    " ".join(keys[last.tok_end:last.tok_end + 2]) in self.agent_verbs
                    or (last.tok_end < len(keys) and keys[last.tok_end] in self.agent_verbs)):
                ok_before = False  # "ông A được Thủ tướng Chính phủ bổ nhiệm làm ...": the Prime Minister acts
            if ok_after and ok_before and "," in gap_after and gap_before and gap_before[0] == ",":
                ok_after = False  # "A, Bí thư Tỉnh ủy, ông B": the office is A's
            if first.extra.get("principal") and not ok_after:
                continue
            if first.plural and after is not None and (ok_after or gap_after in ([":"], [])):
                targets = self._list_after(ms, after, keys)
                if first.org_start is None:
                    self._subject_org(words, keys, toks, first)
            elif ok_after:
                targets = [after]
                if self._relieved(keys, first.tok_start):
                    for sp in chain:
                        _make_former(sp, weak=False)
            elif not ok_before and prev_link and prev_link[1] <= first.tok_start and len(keys[prev_link[1]:first.tok_start]) <= 6 \
                    and all(g in _APPOSITION_GAP for g in keys[prev_link[1]:first.tok_start]) \
                    and (before is None or before.end_tok <= prev_link[2]):
                # "ông A (...), Chủ tịch UBND quận B được bổ nhiệm làm Phó Giám đốc Sở ...": the next office is A's too
                targets = prev_link[0]
            elif ok_before:
                if any(g in _FORMER_GAP for g in gap_before):
                    weak = not any(g in _STRONG_FORMER for g in gap_before)
                    for sp in chain:
                        _make_former(sp, weak=weak)
                targets = self._list_before(ms, before, keys)
            elif before is not None and (far := self._far_trigger(keys, before.end_tok, first.tok_start, before.tok)):
                # "Ông Thắng 49 tuổi, quê Hà Nội, ..., từng giữ chức Vụ trưởng ...": a verb of office-holding
                # gives the office to the nearest person before it, however long the description between
                if far != "trigger":
                    for sp in chain:
                        _make_former(sp, weak=far == "weak")
                targets = self._list_before(ms, before, keys)
            else:
                continue
            if dated_past:
                # "Tháng 2/2020, Phó Thủ tướng A được phân công giữ chức Bí thư ..." in an article of 2024
                for sp in chain:
                    _make_former(sp, weak=True)
            # "Với cương vị ...", "trong thời gian giữ các cương vị ...": offices described in the past
            lead = " ".join(keys[max(0, first.tok_start - 5):first.tok_start])
            if any(w in lead for w in _PAST_CONTEXT):
                for sp in chain:
                    sp.extra["past_context"] = True
            for m in targets:
                for sp in chain:
                    m.mention.positions.append(sp)
            linked.append((chain, targets))
            prev_link = (targets, last.tok_end, first.tok_start)
            # a rank in the gap before the name ("Phó Tư lệnh Quân khu 2, Thiếu tướng Nguyễn Đăng Khải")
            if ok_after and after.mention.rank is None and gap_after:
                for g0 in range(last.tok_end, after.tok):
                    hit = self.finder.ranks.longest(keys, g0, after.tok)
                    if hit:
                        after.mention.rank = hit[1]
                        break

        if linked:
            self._predecessors(keys, ms, linked)

    def _predecessors(self, keys, ms, linked) -> None:
        """"Bà Nga làm Bí thư Tỉnh ủy Tuyên Quang thay ông Chẩu Văn Lâm": the one replaced held the office just
        given (a former office of his; "thay ông X mới được bổ nhiệm làm ...": his new office stays current)."""
        for m in ms:
            if m.mention.source == "pronoun":
                continue
            t = m.tok
            for n in (2, 1):  # the form of address before the name, if any ("thay ông", "thay cho bà")
                if t - n >= 0 and self.finder.address.longest(keys, t - n, t) and \
                        self.finder.address.longest(keys, t - n, t)[0] == t:
                    t -= n
                    break
            verb = next((t - n for n in (2, 1) if t - n >= 0 and " ".join(keys[t - n:t]) in self.replaces), None)
            if verb is None:
                continue
            prior = [(c, tg) for c, tg in linked if c[-1].tok_end <= verb and m not in tg]
            if not prior:
                continue
            chain, _ = prior[-1]
            gap = keys[chain[-1].tok_end:verb]
            if len(gap) > 12 or any(g in (";", ".", ":") for g in gap):
                continue
            for sp in chain[-1:]:  # the office nearest "thay" ("Phó Bí thư Thành ủy, Phó trưởng Ban chỉ đạo (thay bà X")
                if sp.former:
                    continue
                mine = PositionSpan(sp.start, sp.end, sp.tok_start, sp.tok_end, sp.role, sp.organization,
                                    sp.org_start, sp.org_end, kind_default_org=sp.kind_default_org, extra=dict(sp.extra))
                _make_former(mine, weak=False)
                m.mention.positions.append(mine)

    def _far_trigger(self, keys, s: int, e: int, name_tok: int | None = None) -> str | None:
        """When tokens s..e (between a person and an office) end with a verb of office-holding ("từng giữ các
        chức vụ như:", "được bầu làm"): "trigger", or "weak" / "strong" when the clause makes the office former
        ("từng", "sau đó" / "thôi giữ chức", "nguyên"); else None."""
        if e - s > _FAR_GAP or e <= s:
            return None
        if keys[e - 1] == ";" and (keys[s:s + 2] in (["sinh", "năm"], ["quê", "quán"]) or keys[s] == "quê"
                                   or keys[s][:1].isdigit() and keys[s + 1:s + 2] == ["tuổi"]):
            return "trigger"  # "Bà Tuyến 53 tuổi, quê huyện Chương Mỹ, Hà Nội; Ủy viên Trung ương Đảng ..."
        j = e
        while j > s and keys[j - 1] in self.link_fillers:
            j -= 1
        for n in (4, 3, 2, 1):
            if j - n >= s and " ".join(keys[j - n:j]) in self.link_triggers:
                # the clause of the trigger: "Ông A 49 tuổi, quê ..., từng giữ chức X" (not "thôi ..., giữ chức Y")
                b = next((t + 1 for t in range(j - n - 1, s - 1, -1) if keys[t] in (",", ";", "(", ")", "để")), s)
                lead = keys[b:j]
                if any(g in _KIN_HEAD for g in lead):
                    return None  # "ông Chương mới biết, cha ông khi đó đã là Chính ủy ...": a relative's office
                # "Thủ tướng A trình Tờ trình đề nghị ... miễn nhiệm chức vụ Bộ trưởng ...": A is not the holder
                # (the whole gap decides: "ông A, Chủ tịch tỉnh, được Thủ tướng điều động, bổ nhiệm giữ chức ...")
                whole = keys[s:j - n]
                acts = [t for t, g in enumerate(whole) if g in self.appoints or " ".join(whole[t:t + 2]) in self.appoints]
                if acts and acts[-1] >= len(whole) - len(lead) and "được" not in whole[:acts[0]] \
                        and not (name_tok is not None and self._moved(keys, name_tok)):
                    return None
                hits = [t for t, g in enumerate(lead) if g in self.link_former or " ".join(lead[t:t + 2]) in self.link_former]
                last = hits[-1] if hits else 0
                if not hits or any(g in _NOW for g in lead[last + 1:]) or (last > 0 and lead[last - 1] == "khi"):
                    return "trigger"  # "Ông A từng là X, nay giữ chức Y", "đến khi thôi đảm nhiệm X": current
                return "strong" if any(lead[t] in _STRONG_FORMER for t in hits) else "weak"
        return None

    def _relieved(self, keys, t: int) -> bool:
        """"miễn nhiệm chức Chủ tịch UBND tỉnh với ông B": the office starting at token t is taken from the person after it
        (not when the relief is only proposed: "Tờ trình đề nghị ... miễn nhiệm chức vụ ...")."""
        b = t
        while b > 0 and keys[b - 1] in ("chức", "vụ", "các", "danh"):
            b -= 1
        for n in (4, 3, 2):
            if b - n >= 0 and " ".join(keys[b - n:b]) in self.relieves:
                lead = keys[max(0, b - n - 8):b - n]
                if "sẽ" in keys or "dự kiến" in " ".join(keys):
                    return False  # "Quy trình miễn nhiệm ... với ông B sẽ hoàn tất": not done yet
                return not any(" ".join(lead[k:k + 2]) in self.proposes for k in range(len(lead)))
        return False

    def _moved(self, keys, t: int) -> bool:
        """The person at token t is the object of a verb of appointment ("điều động ông A", "tiếp nhận bà B")."""
        for n in (2, 1):
            hit = self.finder.address.longest(keys, t - n, t) if t - n >= 0 else None
            if hit and hit[0] == t:
                t -= n
                break
        return any(t - n >= 0 and " ".join(keys[t - n:t]) in self.moves for n in (1, 2))

    def _held_by(self, keys, gap, after) -> bool:
        """"Bộ trưởng Tài chính hiện do Phó Thủ tướng Hồ Đức Phớc kiêm nhiệm": the office, "do", offices or a form of
        address, the name, then a verb of holding."""
        if not gap or "do" not in gap[:2] or gap[:gap.index("do")] not in ([], ["hiện"]):
            return False
        e = after.end_tok
        return e < len(keys) and (keys[e] in self.holds or " ".join(keys[e:e + 2]) in self.holds)

    def _gap_to_name(self, gap, keys, s, e) -> bool:
        """Only forms of address / ranks (optionally after one comma) between an office and a name."""
        if gap is None:
            return False
        i = s
        if i < e and keys[i] == "(":  # "Phó Thủ tướng (phụ trách ... 2016), ông Vũ Văn Ninh"
            close = next((c for c in range(i, min(e, i + 25)) if keys[c] == ")"), None)
            if close is None:
                return False
            i = close + 1
            gap = keys[i:e]
        if i < e and keys[i] in ("từ", "trong", "giai", "nhiệm"):
            # "trong thời gian giữ chức Chủ tịch UBND huyện từ tháng 11/2017 đến 31/7/2023, ông Vân ..."
            t = i + 1
            while t < e and (keys[t] in _TIME_WORDS or keys[t][:1].isdigit()):
                t += 1
            if t < e and keys[t] == "," and t > i + 1:
                i, gap = t, keys[t:e]
        if i < e and keys[i] == ",":
            i += 1
        # "Chủ tịch phường X là ông Trần Minh Tú"; "chức vụ Phó Chủ tịch UBND tỉnh, nhiệm kỳ 2016 - 2021 đối với ông B"
        j = i
        while j < e and (keys[j] in ("nhiệm", "kỳ", "-", "–", ",", "khóa") or keys[j][:1].isdigit()
                         or _ROMAN.match(keys[j].upper())):
            j += 1
        if j + 1 < e and keys[j] == "đối" and keys[j + 1] == "với":
            i, gap = j + 2, ["đối", "với"]
        elif j < e and keys[j] == "với" and j + 1 < e:  # "miễn nhiệm chức Bộ trưởng Tài chính với ông Hồ Đức Phớc"
            i, gap = j + 1, ["đối", "với"]
        elif i < e and keys[i] in ("là", "hiện", "gồm"):
            # "Chủ tịch phường là ông B"; "bốn Phó Bí thư, gồm bà A (53 tuổi), ông B ..."
            i += 1
            if i < e and keys[i] in ("là", "có"):
                i += 1
            gap = ["là"]
        while i < e:
            hit = self.finder.address.longest(keys, i, e) or self.finder.ranks.longest(keys, i, e)
            if not hit:
                return False
            i = hit[0]
        if gap and gap[0] in (",", "là", "đối"):
            # "Chủ tịch UBND tỉnh, ông B": the comma (or "là") needs a form of address after it -- one an official
            # is given ("đến viếng Tổng Bí thư, chị Nguyễn Thị Lý ...": the office is not hers)
            if gap[0] == "," and keys[e - 1] in _INFORMAL_ADDRESS:
                return False
            return bool(self.finder.address.longest(keys, e - 1, e) or self.finder.address.longest(keys, e - 2, e)
                        or self.finder.ranks.longest(keys, e - 1, e) or self.finder.ranks.longest(keys, e - 2, e))
        return True

    def _street_context(self, clean: str, e: Entity) -> bool:
        before = clean[max(0, e.start - 200):e.start]
        if _STREET_LIST.search(before):
            return True
        # a route of three or more names joined by dashes ("Phùng Hưng - Hải Thượng Lãn Ông - Đỗ Ngọc Thạch"),
        # not "ông A - Chủ tịch ..." nor "Lương Cường - Sinh năm 1957"
        dash_before = _DASH_BEFORE.search(before[-40:]) and not _ADDRESS_END.search(before[-40:])
        after = _DASH_NEXT.match(clean, e.end)
        dash_after = after and not self.finder.roles.longest(token_keys(after.group(1)), 0)
        return bool(dash_before and (dash_after or _DASH_BEFORE2.search(before[-80:])))

    def _foreign_offices(self, persons: list[Person], locations: list[Location]) -> None:
        """A foreigner's head-of-state office written without its country ("Phó Tổng thống đắc cử James David Vance")
        is of the foreign country the article names most."""
        counts: dict[str, int] = defaultdict(int)
        for loc in locations:
            if loc.kind == "country":  # "Mỹ" and "Hoa Kỳ" are one country: its first name in countries.txt
                counts[(self.gaz.lookup(loc.name) or (loc.name,))[0]] += len(loc.mentions)
        countries = sorted(((n, c) for c, n in counts.items() if key(c) != "việt nam"), reverse=True)
        if not countries:
            return
        if len(countries) > 1 and countries[0][0] == countries[1][0]:
            return  # two countries as often: no default
        country = countries[0][1]
        for p in persons:
            if all(map(_vietnamese_syllable, p.name.split())):
                continue
            for q in p.positions:
                if q.organization is None and key(q.role).removeprefix("nguyên ") in _FOREIGN_STATE_ROLES:
                    q.organization = country

    def _subject_org(self, words, keys, toks, sp: PositionSpan) -> None:
        """"Tỉnh ủy Quảng Ninh hiện có ba phó bí thư là ...": the body before "có"/"gồm" is the offices' organization."""
        b = sp.tok_start
        while b > 0 and keys[b - 1] in ("có", "hiện", "gồm", "đang"):
            b -= 1
        if b == sp.tok_start or b == 0:
            return
        a = b
        while a > 0 and b - a < 8 and words[a - 1][:1].isalpha() and (
                is_capitalised(words[a - 1]) or keys[a - 1] in self.finder.org_words
                or (a > 1 and is_capitalised(words[a - 2]))):  # "Tỉnh ủy": a compound's second syllable
            a -= 1
        while a < b and not self.finder.org_heads.longest(keys, a, b):
            a += 1
        if a < b:
            sp.org_start, sp.org_end = toks[a][0], toks[b - 1][1]
            sp.extra["org_head"] = None

    def _list_before(self, ms, last, keys):
        """"Ông Tô Ân Xô và Trần Đăng Quỳnh làm trợ lý ...": the names joined to the one before the office."""
        out = [last]
        for m in reversed(ms):
            if m.end_tok > out[0].tok:
                continue
            gap = keys[m.end_tok:out[0].tok]
            # the nearest name joined with "và", earlier ones with "," or "và" ("A, B và C làm ...")
            if gap and len(gap) <= 3 and ("và" in gap or len(out) > 1) and all(
                    g in (",", "và") or self.finder.address.longest([g], 0) for g in gap) and m.mention.name != last.mention.name:
                out.insert(0, m)
            else:
                break
        return out

    def _list_after(self, ms, first, keys):
        out = [first]
        for m in ms:
            if m.tok <= out[-1].tok:
                continue
            gap = keys[out[-1].end_tok:m.tok]
            if gap and gap[0] == "(" and ")" in gap[:10]:
                gap = gap[gap.index(")") + 1:]  # "bà Nguyễn Thị Tuyến (53 tuổi), ông Nguyễn Văn Phong (56 tuổi)"
            if all(g in (",", "và", ";") or self.finder.address.longest([g], 0) for g in gap) and len(gap) <= 3:
                out.append(m)
            else:
                break
        return out

    # ================================================================== persons
    def _group(self, mentions: list[_Mention], text: str, ctx: ArticleContext, now_year: int | None = None):
        mentions = sorted(mentions, key=lambda m: m.start)
        groups: list[list[_Mention]] = []
        by_key: dict[str, int] = {}
        # full names first, longest first, so "Vũ Tuấn Anh" exists before "Tuấn Anh" is read
        full = [m for m in mentions if len(m.name.split()) >= 2]
        for m in sorted(full, key=lambda m: (-len(m.name.split()), m.start)):
            self._assign(m, groups, by_key, full_name=True, text=text)
        for m in mentions:
            if len(m.name.split()) < 2:
                self._assign(m, groups, by_key, full_name=False, text=text)
        persons, org_spans = [], []
        past: set[int] = set()
        weak: set[int] = set()
        terms = _current_terms(text, now_year)
        groups = [g for g in groups if self._credible(g, text)]
        for g in groups:
            g.sort(key=lambda m: m.start)
            name = max((m.name for m in g), key=lambda n: (len(n.split()), len(n)))
            aliases = []
            for m in g:
                if key(m.name) != key(name) and m.name not in aliases:
                    aliases.append(m.name)
            p = Person(name=name, aliases=aliases,
                       mentions=[Mention(start=m.start, end=m.end, text=text[m.start:m.end]) for m in g
                                 if m.source != "pronoun"])
            p.rank = next((m.rank for m in g if m.rank), None)
            seen = set()
            for m in g:
                for sp in m.positions:
                    org = self.finder.organization(sp, text)
                    org = ctx.complete(org)
                    role = self.role_rewrites.get((key(name), key(sp.role)), sp.role)
                    if org and sp.org_start is None and org == sp.extra.get("default_org"):
                        org = _with_term(org, text, sp.start, sp.end)  # "Ủy viên Trung ương Đảng khóa 13"
                    if org and key(role).removeprefix("nguyên ") in _UNIT_CHAIRS and self.gaz.split_admin(org)[0] \
                            in _PEOPLES_COMMITTEE_UNITS:
                        org = "UBND " + org  # "Phó chủ tịch tỉnh Hà Nam": of the province's People's Committee
                    elif org and (place := self.gaz.lookup(org)) and place[1] in ("province", "city"):
                        # "Cựu Bí thư Quảng Ngãi", "Chủ tịch Hà Nội": the province's Party committee or UBND
                        base = key(role).removeprefix("nguyên ")
                        city = place[1] == "city"
                        if base in _UNIT_CHAIRS:
                            org = f"UBND {'thành phố' if city else 'tỉnh'} {org}"
                        elif base in ("bí thư", "phó bí thư", "phó bí thư thường trực"):
                            org = f"{'Thành ủy' if city else 'Tỉnh ủy'} {org}"
                    if key(role).endswith("đại biểu") and org is None:
                        role = role[: -len("Đại biểu")] + ctx.delegate_role
                    k = (key(role), key(org or ""))
                    if k in seen:
                        continue
                    # the same role with and without an organization: keep the one with it
                    if org is None and any(r == key(role) for r, _ in seen):
                        continue
                    seen.add(k)
                    pos = Position(role=role, organization=org, text=text[sp.start:sp.end], start=sp.start, end=sp.end)
                    if sp.extra.get("past_context"):
                        past.add(id(pos))
                    if sp.former and sp.extra.get("former_weak"):
                        weak.add(id(pos))
                    if sp.org_start is not None and org:
                        # listed as written ("UBND tỉnh"), the completed form is the position's
                        # (or completed, when the completed form is itself written somewhere in the article)
                        literal = text[sp.org_start:sp.org_end]
                        org_spans.append((org if org != literal and org in text else literal, sp.org_start, sp.org_end))
                    p.positions.append(pos)
            # "UVBTV, Trưởng Ban Dân vận Tỉnh ủy": a standing-committee membership belongs to the committee named
            # in the person's other offices
            committee = next((m.group() for q in p.positions if q.organization
                              for m in [_COMMITTEE.search(q.organization)] if m), None)
            if committee:
                for q in p.positions:
                    if q.organization is None and key(q.role).removeprefix("nguyên ") in _COMMITTEE_MEMBER:
                        q.organization = committee
            # drop an organization-less duplicate of a role the article also gives with its organization
            full_roles = {key(q.role) for q in p.positions if q.organization}
            p.positions = [q for q in p.positions if q.organization or key(q.role) not in full_roles]
            # the article calls the office former elsewhere: "ông A, nguyên Bí thư ..." ... "Bí thư A"
            former = {key(q.role)[len("nguyên "):] for q in p.positions if key(q.role).startswith("nguyên ")}
            if former:
                # a former office-holder's offices told "với cương vị ..." are former too
                for q in p.positions:
                    if id(q) in past and not key(q.role).startswith("nguyên "):
                        q.role = "nguyên " + q.role
            for q in p.positions:
                if not key(q.role).startswith("nguyên ") and _past_term(q, text, terms):
                    q.role = "nguyên " + q.role  # "đại biểu Quốc hội khóa 12" in an article of the 15th term
                    weak.add(id(q))
            p.positions = _settle_former(p.positions, weak)
            persons.append(p)
        return persons, org_spans

    def _assign(self, m: _Mention, groups: list[list[_Mention]], by_key: dict[str, int], full_name: bool,
                text: str = "") -> None:
        """Put a mention in the group of the same name, else of the full name containing it, else a new group.
        A full name found inside a longer one registers its key there ("Tuấn Anh" -> "Vũ Tuấn Anh"); a short
        name does not, since the same short name may later belong to another person. A lone capitalised word
        from the model that nobody addresses or titles is too weak to open a person of its own."""
        k = key(m.name)
        if k in by_key:
            groups[by_key[k]].append(m)
            return
        owner = self._owner(m, groups, text)
        if owner is not None:
            groups[owner].append(m)
            if full_name:
                by_key[k] = owner
            return
        if not full_name and m.source == "model" and not m.positions and not m.rank:
            return
        by_key[k] = len(groups)
        groups.append([m])

    def _bare_head(self, name: str) -> bool:
        """"Bộ", "Ban", "Sở", "Đại hội" alone are not organizations (the standalone list says which bare words are),
        nor spans that start or end mid-phrase."""
        k = key(name)
        if k in self.standalone_orgs or k in self.known_org_keys:
            return False
        keys = k.split()
        hit = self.finder.org_heads.longest(keys, 0)
        if name.count("(") != name.count(")"):
            return True  # "HĐND) tỉnh Bạc Liêu": a span cut inside a parenthesis
        if name[:1].islower() and not hit and not self.gaz.admin.longest(keys, 0):
            return True  # "nhất Thành phố Hồ Chí Minh", "diện Việt Nam - Hoa Kỳ": the span began mid-phrase
        return bool(hit) and hit[0] == len(keys) or not any(c.isupper() for c in name)

    def _trim_org(self, prepared, start: int, end: int, memo: dict | None = None) -> tuple[int, int]:
        """An organization span without an office at its start ("Tổng thống Turkmenistan") and cut before a
        name inside it ("Bộ Nội vụ Thang Văn Phúc", "Bộ Ngoại giao Qatar Ibrahim Yousuf"). ``memo``: the
        spans already trimmed in this article."""
        if memo is not None:
            got = memo.get((start, end))
            if got is None:
                got = memo[(start, end)] = self._trim_org(prepared, start, end)
            return got
        text = prepared.text
        toks_o = text_tokens(text, start, end)
        if not toks_o:
            return start, end
        keys = prepared.keys(toks_o)
        words_o = [text[a:b] for a, b in toks_o]
        role = self.finder.roles.longest(keys, 0)
        first = 0
        if role and role[0] < len(keys):
            first = role[0]
            start = toks_o[first][0]
        places, place_ends = self.gaz.places, set()
        for t in range(first + 1, len(keys)):
            if keys[t] in _ORG_CLAUSE_WORDS or (self.finder.roles.longest(keys, t) and keys[t] not in ("chủ", "tổng")
                                                and not self.finder.org_heads.longest(keys, t)):
                # "Sở Giáo dục và Đào tạo giữ chức Ủy viên ...": the span ran into the clause
                end_t = t
                while end_t > first + 1 and keys[end_t - 1] in TRAILING_WORDS:
                    end_t -= 1
                return start, toks_o[end_t - 1][1]
            # (the longest place: "tỉnh Lào Cai" is not the country "Lào" and a name "Cai")
            h = places.longest(keys, t - 1)
            if h:
                place_ends.add(h[0])       # the ends of the places starting at first .. t - 1
            after_place = t in place_ends
            if self.finder.person_start(words_o, keys, t, len(keys), _NO_STOPS) or (
                    after_place and is_capitalised(words_o[t]) and words_o[t][0].isalpha()
                    and not self.finder.org_heads.longest(keys, t) and not self.gaz.places.longest(keys, t)):
                return start, toks_o[t - 1][1]
        return start, end

    def _trim_location(self, prepared, e: Entity, person_spans):
        """A model LOCATION span without leading function words ("từ Kazan"), cut before a person's name;
        None when the words before it make it a facility ("phố Hàng Bún", "khu ĐTM Thủ Thiêm")."""
        text = prepared.text
        toks = text_tokens(text, e.start, e.end)
        if not toks:
            return None
        keys = prepared.keys(toks)
        i = 0
        while i < len(toks) - 1 and not is_capitalised(text[toks[i][0]:toks[i][1]]) \
                and not self.gaz.admin.longest(keys, i) and not self.gaz.places.longest(keys, i):
            i += 1
        start, end = toks[i][0], e.end
        cut = min((a for a, b in person_spans if start < a < end), default=end)
        if any(a <= start < b for a, b in person_spans):
            return None
        end = cut
        while end > start and not text[end - 1].isalnum():
            end -= 1
        before = text_tokens(prepared.clean, max(0, start - 24), start)
        bkeys = prepared.keys(before)
        for b in range(len(bkeys)):
            hit = self.gaz.facilities.longest(bkeys, b)
            if hit and hit[0] == len(bkeys):
                return None
        return (start, end) if end > start else None

    def _gazetteer_locations(self, prepared, sent_tokens, loc_items, orgs_e, person_spans, doc_spans):
        """Countries, provinces and regions the model missed. A one-syllable name ("Anh", "Nga", "Ý") only
        after a word that introduces a place or in a list of places, never as part of a longer name."""
        out = []
        text = prepared.text
        covered = [(a, b) for _, a, b in loc_items] + [(e.start, e.end) for e in orgs_e] + person_spans + doc_spans
        places = self.gaz.places
        for toks, words, keys in sent_tokens:
            i = 0
            while i < len(toks):
                hit = places.longest(keys, i) if keys[i] in places.root and is_capitalised(words[i]) else None
                if not hit:
                    i += 1
                    continue
                j = hit[0]
                s, e = toks[i][0], toks[j - 1][1]
                ok = not any(x < e and s < y for x, y in covered)
                prev_cap = i > 0 and is_capitalised(words[i - 1]) and words[i - 1][0].isalpha()
                next_cap = j < len(words) and is_capitalised(words[j]) and words[j][0].isalpha()
                if prev_cap or next_cap:
                    ok = False  # inside a longer name: "Đảng Cộng sản Việt Nam", "Nguyễn Minh Đức"
                if ok and j - i == 1:
                    prev = keys[i - 1] if i > 0 else ""
                    nxt = keys[j] if j < len(keys) else ""
                    ok = prev in _PLACE_INTRO or (prev in (",", "và") and nxt in (",", "và", ".", ";", ")", ""))
                if ok:
                    out.append((text[s:e], s, e))
                i = j
        return out

    def _plausible_location(self, surface: str) -> bool:
        """Model LOCATION spans that are no place: lower-case phrases, numbered clauses, lone syllables."""
        surface = surface.strip()
        words = surface.split()
        kind0, rest0 = self.gaz.split_admin(surface)
        if not words or (any(ch.isdigit() for ch in surface) and not (kind0 and rest0.isdigit())):
            return False  # "khoản 3", "số 10 Tôn Thất Thuyết" -- but "quận 8" is a place
        if self.gaz.lookup(surface):
            return True
        kind, rest = self.gaz.split_admin(surface)
        if kind is None and not is_capitalised(words[0]):
            return False
        if kind is not None and not (is_capitalised(rest) or rest.isdigit()):
            return False
        if len(words) == 1 and not self.gaz.lookup(surface) and _vietnamese_syllable(surface):
            return False  # "Thượng", "Bắc", "Nam": a fragment, not a place ("Doha", "Kazan" are)
        keys = [key(w) for w in words]
        if self.finder.roles.longest(keys, 0) or (self.finder.org_heads.longest(keys, 0) and kind is None):
            return False
        return True

    def _credible(self, g: list[_Mention], text: str = "") -> bool:
        """A Vietnamese-looking name without a family name, never addressed or titled, is a byline or a
        place ("Thu Hằng", "Hoài Thu"), not a person in the article; so is a name told once, untitled, that
        ends the article or a paragraph followed by a source ("... nhấn mạnh. Hoàng Hà", "Hà Ngân / Theo X")."""
        if any(m.positions or m.rank or m.addressed or m.source != "model" for m in g):
            return True
        if len(g) == 1 and text and _BYLINE_AFTER.match(text, g[0].end):
            return False
        full = max((m.name for m in g), key=lambda n: len(n.split()))
        toks = full.split()
        if key(toks[0]) in self.finder.surnames:
            return True
        return all(t.isascii() for t in toks)

    def _owner(self, m: _Mention, groups, text: str = "") -> int | None:
        """The group whose full name contains this shorter name (nearest before it when several do).
        Not a name the same sentence also gives in full: "các ông Nguyễn Linh Ngọc (...), Nguyễn Ngọc (...)"
        are two persons."""
        toks = key(m.name).split()
        cands = []
        for gi, g in enumerate(groups):
            full = max((x.name for x in g), key=lambda n: len(n.split()))
            ft = key(full).split()
            if len(ft) <= len(toks):
                continue
            if len(toks) >= 2 and text and toks[0] in self.finder.surnames and _listed(text, m) \
                    and any(len(x.name.split()) > len(toks) and _same_sentence(text, x, m) for x in g):
                continue
            if _contains(ft, toks) and (ft[-len(toks):] == toks or not _looks_vietnamese(ft)) \
                    or _subsequence(ft, toks) \
                    or (len(toks) == 1 and ft[0] == toks[0] and toks[0] not in self.finder.surnames):
                # "Donald Trump" of "Donald John Trump", "Lương Cường" of "Lương Văn Cường", "ông Tập" of "Tập Cận Bình"
                cands.append(gi)
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        best, best_pos = None, -1
        for gi in cands:
            before = [x.start for x in groups[gi] if x.start < m.start]
            if before and max(before) > best_pos:
                best, best_pos = gi, max(before)
        return best

    # ================================================================== organizations
    def _standalone_orgs(self, prepared, orgs_e, positions_found, documents, known=None):
        """Organizations named without the model: national bodies everyone writes the same way ("Chính phủ",
        "Bộ Chính trị", "ASEAN") and bare "Đảng" / "Trung ương" meaning the Party (GUIDELINES 5)."""
        out = []
        # inside a position they still count: "Thủ tướng Chính phủ" names the Government too
        covered = [(e.start, e.end) for e in orgs_e]
        doc_cover = [(d.start, d.end) for d in documents]
        # inside a citation only the issuer names an organization ("Kết luận số 43-KL/TW của Ban Bí thư")
        for d in documents:
            for a, b in [(d.start, d.end)] + [(m.start, m.end) for m in d.mentions or []]:
                i = prepared.text.find(d.issuer, a, b) if d.issuer else -1
                if i < 0:
                    covered.append((a - 1, b + 1))
                else:
                    covered.extend([(a - 1, i), (i + len(d.issuer), b + 1)])
        text = prepared.match
        for m in self._known_re.finditer(text) if known is None else known:
            s, e = m.start(), m.end()
            nxt = text[e:e + 12]
            prev = text[max(0, s - 14):s]
            if (_NEXT_CAP.match(nxt) or _NEXT_BODY_WORD.match(nxt)) \
                    and key(m.group()) in self.standalone_orgs:
                continue  # part of a longer name: "Đảng Cộng sản", "Trung ương Đoàn", "Đảng ủy", "đảng viên"
            if _CAP_WORD_END.search(prev) and not _SENTENCE_START_CAP.search(prev):
                continue  # "Ban Chấp hành Trung ương", "Ủy ban Kiểm tra Trung ương"
            if _PREV_BODY_WORD.search(prev) \
                    and key(m.group()) in self.standalone_orgs:
                continue
            if _PREV_OFFICE_WORD.search(prev):
                continue  # "Văn phòng Chính phủ" is read whole; "Ban cán sự đảng Chính phủ" is the model's
            if any(a <= s and e <= b and (a, b) != (s, e) for a, b in covered):
                continue
            out.append((prepared.text[s:e], s, e))
        # "Ban Thường vụ Thành ủy", "Ban Chấp hành Đảng bộ thành phố", "Ban Thường trực" the model left out
        model = [(e.start, e.end) for e in orgs_e]
        for m in self._body_re.finditer(prepared.clean):
            s, e = m.start(), m.end()
            # a capitalised run after the committee keeps only a place ("Ban Thường vụ Tỉnh ủy Kon Tum Nguyễn ...")
            rest = m.group(1).strip()
            if rest:
                hit = self.gaz.places.longest(token_keys(rest), 0)
                e = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()) + len(" ".join(rest.split()[:hit[0]]))
                                  if hit else 0)
            if not any(a <= s and e <= b for a, b in model + doc_cover):
                out.append((prepared.text[s:e], s, e))
        return out


@dataclass
class _SentMention:
    tok: int
    end_tok: int
    mention: _Mention


_FAR_GAP = 40  # tokens between a person and an office a trigger verb may bridge


def _without_terms(gap: list[str]) -> list[str]:
    """A gap between two offices without the terms written after the first ("nhiệm kỳ 2010-2015", "khóa XII")."""
    out, i = [], 0
    while i < len(gap):
        g = gap[i]
        if gap[i:i + 3] == ["(", "cũ", ")"]:  # "Bí thư Tỉnh đoàn Hà Tây (cũ), Phó ban ..."
            i += 3
            continue
        if gap[i:i + 4] == ["(", "dự", "khuyết", ")"]:  # "Ủy viên Trung ương Đảng khóa 11 (dự khuyết), 13"
            i += 4
            continue
        if g in ("hai", "ba", "bốn", "các") and i + 1 < len(gap) and gap[i + 1] in ("khóa", "khoá", "nhiệm"):
            i += 1  # "Ủy viên Trung ương Đảng ba khóa 11-13, Bí thư ..."
            continue
        if g in ("nhiệm", "kỳ", "khóa", "khoá") or g[:1].isdigit() or (g in ("-", "–") and out and out[-1] == "#") \
                or _ROMAN.match(g.upper()):
            if not out or out[-1] != "#":
                out.append("#")
            i += 1
            continue
        out.append(g)
        i += 1
    return [g for g in out if g != "#"]


# dates that place the article in time: "16/5/2024", "tháng 4/2021", "tháng 4 năm 2021", "nhiệm kỳ 2020-2025"
_DATE_YEAR = _RX["date_year"]
# a clause opening with a date: "Tháng 2/2020, ...", "Năm 2016, ...", "Đầu tháng 4/2021, ..."
_CLAUSE_YEAR = _RX["clause_year"]
_NOW_RE = _RX["now"]


def _article_year(text: str) -> int | None:
    """The latest year the article dates anything in (up to 2026): roughly when it was written."""
    years = [int(y) for y in _DATE_YEAR.findall(text) if int(y) <= 2026]
    return max(years) if years else None


def _clause_year(head: str) -> int | None:
    m = _CLAUSE_YEAR.match(head)
    return int(m.group(1)) if m else None


_KHOA = _RX["khoa"]
_TERM_BODY = {"party": _RX["term_body_party"], "assembly": _RX["national_assembly"]}


def _khoa_number(m: re.Match) -> int | None:
    """The highest term a ``_KHOA`` match names ("khóa 11 (dự khuyết), 13" -> 13)."""
    nums = [int(x) if x.isdigit() else roman_to_int(x)
            for x in [m.group(1)] + re.findall(r"[IVXL]+|\d+", m.group(2) or "", re.IGNORECASE)]
    return max((x for x in nums if x), default=None)


def _term_after(text: str, start: int, end: int) -> int | None:
    """The term written right after the office at ``start:end`` (it may run past it)."""
    m = _KHOA.search(text, start, min(len(text), end + 40))
    if not m or m.start() > end + 4:  # (after a count: "ba khóa 11-13")
        return None
    return _khoa_number(m)


def _current_terms(text: str, year: int | None) -> dict[str, int]:
    """The Party and National Assembly terms the article is written in: from the latest year it dates
    (Party congresses 1986, 1991, ... 2021, 2026; Assemblies 2011, 2016, 2021, 2026) or the highest term it names."""
    out = {}
    if year:
        out["party"] = (year - 1986) // 5 + 6
        out["assembly"] = (year - 2011) // 5 + 13
    for m in _KHOA.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        n = _khoa_number(m)
        # the body named nearest before the term: "Ủy viên Bộ Chính trị khóa 13, đại biểu Quốc hội khóa XV"
        last = {body: max((h.end() for h in rx.finditer(before)), default=-1) for body, rx in _TERM_BODY.items()}
        body = max(last, key=last.get)
        if n and last[body] >= 0:
            out[body] = max(out.get(body, 0), n)
    return out


def _with_term(org: str, text: str, start: int, end: int) -> str:
    """The organization of an office written with its term, the term in Roman numerals as bodies write it:
    "Ủy viên Trung ương Đảng khóa 13" -> "Ban Chấp hành Trung ương Đảng khóa XIII" (the last of "ba khóa 11-13")."""
    n = _term_after(text, start, end)
    return f"{org} khóa {int_to_roman(n)}" if n else org


def _past_term(q: Position, text: str, terms: dict[str, int]) -> bool:
    """An office held in a term before the article's ("Ủy viên dự khuyết Trung ương Đảng khóa 12" in 2024)."""
    n = _term_after(text, q.start, q.end)
    office = q.role + " " + (q.organization or "") + " " + text[q.start:q.end]
    body = "assembly" if _TERM_BODY["assembly"].search(office) else "party" if _TERM_BODY["party"].search(office) else None
    return bool(n and body and body in terms and n < terms[body])


def _settle_former(positions: list[Position], weak: set[int]) -> list[Position]:
    """The same office told as current and as former: "thôi giữ chức X" / "nguyên X" (strong) makes X former,
    a past office inferred from the story (weak) gives way to the current one. Leaving "Phó Bí thư Thường trực
    Thành ủy" also ends "Phó Bí thư Thành ủy"."""
    def base(q):
        return key(q.role).removeprefix("nguyên "), key(q.organization or "")
    former = {base(q): id(q) in weak for q in positions if key(q.role).startswith("nguyên ")}
    current = {base(q) for q in positions if not key(q.role).startswith("nguyên ")}
    out = []
    for q in positions:
        b = base(q)
        if key(q.role).startswith("nguyên "):
            if b in current and id(q) in weak:
                continue
        else:
            if b in former and not former[b]:
                continue
            if any(not w and r.startswith(b[0] + " ") and o == b[1] and o for (r, o), w in former.items()):
                q.role = "nguyên " + q.role
        out.append(q)
    return out


def _make_former(sp: PositionSpan, weak: bool) -> None:
    """Mark an office former ("nguyên ..."). Weak: inferred from the story (a list of past offices, a dated
    clause), so the same office told without "nguyên" elsewhere in the article wins."""
    if not sp.former:
        sp.former = True
        sp.role = "nguyên " + sp.role
        sp.extra["former_weak"] = weak


def _antecedent(m: _Mention) -> bool:
    """A mention a later bare "ông"/"bà" may refer to: a full name, or a short one someone addresses."""
    return m.source != "pronoun" and (len(m.name.split()) >= 2 or m.addressed)


_VN_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
                          r"[aăâeêioôơuưy]+(?:ng|nh|ch|[cmnpt])?$")


def _vietnamese_syllable(word: str) -> bool:
    """One Vietnamese syllable (tones removed): "Giao", "Trung", "Tài" -- not "Putin", "Trump"."""
    import unicodedata
    base = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))
    base = base.replace("đ", "d")
    return bool(_VN_SYLLABLE.match(base)) or not word.isascii()


# what follows a byline: the end of the article, or a line giving the source
_BYLINE_AFTER = _RX["byline_after"]
# a line of credits: "Bài: Lê Xuân Thọ - Trường Thịnh", "Ảnh: NAG Nguyễn Á, Minh Chính" (not annotated)
_CREDIT_LINE = _RX["credit_line"]
_STREET_LIST = _RX["street_list"]
_DASH_NEXT = re.compile(f"\\s*[-–]\\s*([{UPPER}][\\wÀ-ỹ]*(?:\\s+[\\wÀ-ỹ]+)?)")
_DASH_BEFORE2 = re.compile(f"[{UPPER}][\\wÀ-ỹ]*\\s*[-–]\\s*[{UPPER}][\\wÀ-ỹ ]{{0,25}}[-–]\\s*$")
_DASH_BEFORE = re.compile(f"[{UPPER}][\\wÀ-ỹ]*\\s*[-–]\\s*$")
_ADDRESS_END = _RX["address_end"]
_PLACE_BEFORE = _RX["place_before"]
_PLACE_LIST = _RX["place_list"]


def _place_context(clean: str, e: Entity, locs_e: list[Entity]) -> bool:
    """A PERSON span that stands where a place does: after "ở"/"tại", after a place and "và", or in a list
    of administrative units ("Quận Cầu Giấy có 8 phường, gồm: Yên Hòa, Trung Hòa, Mai Dịch")."""
    before = clean[max(0, e.start - 160):e.start]
    if _PLACE_BEFORE.search(before[-30:]):
        return True
    if before.endswith(" và ") and any(0 <= e.start - 4 - l.end <= 1 for l in locs_e):
        return True
    return bool(_PLACE_LIST.search(before))


# words before a relief that make it a proposal or a procedure, not done: "Tờ trình đề nghị miễn nhiệm ..."


def _listed(text: str, m) -> bool:
    """The mention opens an item of a list: after ",", ";", ":" or "và" ("..., Nguyễn Ngọc (...)")."""
    before = text[max(0, m.start - 8):m.start].rstrip()
    return before.endswith((",", ";", ":")) or before.endswith(" và")


def _same_sentence(text: str, a, b) -> bool:
    lo, hi = (a, b) if a.start < b.start else (b, a)
    between = text[lo.end:hi.start]
    return not any(c in between for c in ".!?\n")


def _hyphen_end(words, toks, j: int) -> int:
    """End of a name continued past token j by a hyphen written without spaces ("Moon-sang"), then by
    capitalised words ("Diaz-Canel Bermudez"); j when the name does not go on."""
    k = j
    while k + 1 < len(words) and words[k] == "-" and toks[k - 1][1] == toks[k][0] and toks[k][1] == toks[k + 1][0] \
            and words[k + 1][:1].isalpha():
        k += 2
    if k == j:
        return j
    while k < len(words) and k - j < 4 and _NAME_TOKEN.match(words[k]) and not _INITIAL.match(words[k]):
        k += 1
    return k


def _subsequence(big: list[str], small: list[str]) -> bool:
    """"Donald Trump" in "Donald John Trump": same first and last word, the rest in order."""
    if len(small) < 2 or small[0] != big[0] or small[-1] != big[-1]:
        return False
    it = iter(big)
    return all(t in it for t in small)


def _contains(big: list[str], small: list[str]) -> bool:
    n = len(small)
    return any(big[i:i + n] == small for i in range(len(big) - n + 1))


def _looks_vietnamese(toks: list[str]) -> bool:
    return all(len(t) <= 7 for t in toks) and len(toks) <= 4


def _overlaps(e, spans) -> bool:
    return any(a < e.end and e.start < b for a, b in spans)


def _inside(s, e, spans) -> bool:
    return any(a <= s and e <= b for a, b in spans)


_ORG_STRIP = " ,.;:-–()\"“”'"


def _merge_orgs(items: list[tuple[str, int, int]], text: str, gaz: Gazetteer) -> list[Organization]:
    """One organization per name; "UBND tỉnh" merges into "UBND tỉnh Đắk Nông" (the more complete form)."""
    by_key: dict[str, Organization] = {}
    order = []
    for name, s, e in sorted(items, key=lambda x: x[1]):
        name = " ".join(name.split()).strip(_ORG_STRIP)
        if not name or not any(c.isupper() for c in name):
            continue
        k = key(name)
        if k not in by_key:
            by_key[k] = Organization(name=name)
            order.append(k)
        if not any(m.start == s and m.end == e for m in by_key[k].mentions):
            by_key[k].mentions.append(Mention(start=s, end=e, text=text[s:e]))
    # completion: a shorter name whose longer form adds only a place / admin unit / term
    keys = sorted(order, key=len, reverse=True)
    absorbed = {}
    for short in keys:
        for long_ in keys:
            if long_ == short or not long_.startswith(short + " ") or long_ in absorbed:
                continue
            rest = long_[len(short) + 1:]
            if gaz.lookup(rest) or gaz.split_admin(rest)[0] or rest.startswith(("khóa", "khoá")):
                absorbed[short] = long_
                break
    out = []
    for k in order:
        if k in absorbed:
            target = absorbed[k]
            while target in absorbed:
                target = absorbed[target]
            by_key[target].mentions.extend(by_key[k].mentions)
            continue
        out.append(by_key[k])
    for o in out:
        o.mentions.sort(key=lambda m: m.start)
    return out

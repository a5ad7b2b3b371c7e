"""Document references: find, parse and key citations of Party and State documents.

``DocumentRefFinder().find(text, published_at=None)`` returns one ``DocumentRef`` per distinct document
(the fullest citation as ``text/start/end``, every occurrence in ``mentions``), sorted by start.

The grammar lives in ``tagger/data/documents/``, built from shared/domain REFERENCE.md 1.1-1.3 and the
annotation guidelines (section 3): ``types.tsv`` (type words, abbreviations, symbol letters, how each type is
cited by name), ``issuers.tsv``/``issuer_phrases.json`` (symbol issuers, issuer phrases), ``terms.tsv`` (khóa),
``laws.txt`` (law names), ``grammar.json`` and ``named.json`` (word lists of the numbered and the named grammar),
``patterns.tsv`` (every regular expression, compiled by ``patterns()``). Every regular expression is anchored or
bounded and has no nested unbounded repetition, so the finder runs in linear time on any input.

Documents cited by name (``DocumentRef.name`` as the article writes it, type word included):

- laws and codes: ``Luật Đất đai 2024``, ``Luật Điện lực (sửa đổi)``, ``Bộ luật Hình sự``, ``Hiến pháp năm 2013``,
  ``Pháp lệnh dân số năm 2003``, ``dự thảo Luật ...``, ``Luật sửa đổi, bổ sung một số điều Luật X`` (and ``Luật X``);
  a listed title with abbreviated words (``Luật Hoạt động giám sát của Quốc hội và HĐND``: the name as written, the
  key the listed title); several laws after a plural law word (``các luật Đầu tư công, Đất đai``, ``các luật: Quốc
  phòng; Sửa đổi, bổ sung 11 luật ...; Lâm nghiệp``), one document each; a bare ``Hiến pháp`` is the one constitution
  cited with its year, if any; a code cited with "luật" is the code (``luật Lao động (sửa đổi) năm 2019`` -> type
  ``Bộ luật``, named ``Bộ luật Lao động ...``); a law's short or common name is that law (``luật Đặc khu``);
- plenums, congresses, sessions: ``Nghị quyết Trung ương 4 khóa XII``, ``Kết luận Hội nghị Trung ương 4 khóa XIII``,
  ``Nghị quyết Trung ương năm 2017 về ...``, ``Nghị quyết Đại hội XIII``, ``Văn kiện Đại hội XIII``;
- programmes, strategies, plans, schemes, master plans, protocols: a capitalised type word and a name running
  to its period (``Chương trình mục tiêu quốc gia ... giai đoạn 2021-2025``, ``Quy hoạch ... thời kỳ 2021-2030,
  tầm nhìn đến năm 2050``), to a year, or to the first verb or stop word; a quoted title (``đề án "..."``) is
  the name; a short name with its issuer (``Quy chế làm việc của Ban Chấp hành Trung ương ...``; not a body every
  unit has: ``Quy chế làm việc của Ban cán sự đảng``); national target programmes listed after one type word
  (``Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững``), one document each; a resolution
  without a number named by the strategy or plan it adopts (``Nghị quyết về Chiến lược ... đến năm 2030, tầm nhìn đến
  năm 2045``); the National Assembly's law-making programme of a year, in either case (``chương trình xây dựng luật,
  pháp lệnh năm 2020``); known national programmes (``Chương trình mỗi xã, phường một sản phẩm``); the Party platform
  as revised (``Cương lĩnh (bổ sung, phát triển năm 2011)``, one key for every form of it);
- bilateral joint statements: ``Tuyên bố chung Việt Nam - Lào``, ``Tuyên bố chung về ...``;
- local Party congresses: ``Nghị quyết Đại hội Đảng bộ tỉnh``, ``Nghị quyết Đại hội XVI Đảng bộ thành phố``; the
  Party's charter ``Điều lệ Đảng [Cộng sản Việt Nam]`` (one key);
- bilateral agreements named by their parties: ``Thỏa thuận về ... trên biển Việt Nam - Trung Quốc``, ``Thỏa thuận
  hợp tác giữa Quốc hội Việt Nam và Hội đồng Liên bang Nga`` (without the parties: the common noun);
- a law named with its year keeps a later amendment note in the citation, not in the name: ``Bộ luật Hình sự 2015
  (sửa đổi, bổ sung năm 2017)`` and ``Pháp lệnh dân số năm 2003, sửa đổi năm 2008`` are named with their year;
- not documents: the kind of paper without identity (``các nghị quyết của Đảng``, ``kế hoạch thực hiện Nghị quyết
  57``, ``Chương trình mục tiêu quốc gia``, ``dự thảo Quyết định về chức năng ...``), several papers
  (``10 Chương trình công tác``), papers still to be made (``sẽ ban hành Đề án cải cách tiền lương mới``),
  multilateral texts (``Công ước ... về Luật Biển``, ``Tuyên bố chung Cấp cao ASEAN``, ``Chương trình nghị sự APEC
  ...``, ``Nghị định thư Kyoto``), schools and firms (``Trường Luật``, ``Điều lệ Công ty``), another party's congress
  (``nghị quyết Đại hội 20`` of China), other states' texts (``foreign.json``: a foreign country named right after,
  inside the name without Việt Nam, or acting just before in the clause: ``Tổng thống Philippines ký ban hành Luật
  Vùng biển``, ``ủng hộ Lào thực hiện Nghị quyết Đại hội XI``, ``Hiến pháp Mỹ``, ``Đạo luật ...``; or an issuer that
  is an international body or a foreign state: ``Nghị quyết 1701 của Hội đồng Bảo an Liên Hợp Quốc``), slogans
  (``Chiến lược "Ba kết nối"``), drafts known by their drafting body or by the text they replace, reports known by
  what they review (``dự thảo Báo cáo tổng kết 10 năm ...``), the congress documents being prepared (``chuẩn bị văn
  kiện Đại hội 13``).

Numbered documents also when a few words say what the paper does before ``số`` and its number (``Quyết định công
nhận sự thỏa thuận của các đương sự số 62/2009``), and Party symbols written with slashes or joined (``08/KH/TW``,
``39NQ/TW``, keyed as ``08-KH/TW``).

A demonstrative after a type word (``Nghị định này``) is a mention of the last document of that type cited
before it. No-break spaces read as spaces; the surfaces keep them.

Key (``DocumentRef.key``), a canonical identifier that does not depend on the surface form::

    <system>/<type>/<number>[/<issuer>][@<period>]      numbered documents
    <system>/<type>/name:<name>[@<period>]               documents cited by name

- ``system``: ``party``, ``state``, or ``doc`` when the citation does not say (``Nghị quyết 57``).
- ``type``: the type as an ASCII slug (``nghi-quyet``, ``nghi-dinh``, ``luat``).
- ``number``: without leading zeros (``01`` -> ``1``; ``66.25`` kept).
- ``issuer``: the issuer part of the symbol, ASCII slug (``tw``, ``cp``, ``ubnd``, ``qh15``, ``ttg``).
- ``period``: Party documents: the khóa (Roman) when the citation gives a khóa, a date or a year, because Party
  numbering restarts every term (18-NQ/TW of 2017 is ``party/nghi-quyet/18/tw@XII``, of 2022 ``@XIII``);
  State documents: the year (in the symbol, else of the date), since State numbering restarts every year.
- ``name``: ``name_slug`` of the name without its type word (``luat/name:dat-dai-2024``,
  ``nghi-quyet/name:trung-uong-4-khoa-xii``): "năm" before a year dropped (``Luật Đất đai năm 2013`` =
  ``Luật Đất đai 2013``), brackets folded (``Luật Điện lực (sửa đổi)`` = ``Luật Điện lực sửa đổi`` ->
  ``luat/name:dien-luc-sua-doi``), abbreviations written out (``Chương trình MTQG ...`` = ``Chương trình mục
  tiêu quốc gia ...``); plenums, congresses and the Constitution use one canonical name (``NQ TƯ 4, khóa 12``,
  ``Nghị quyết TW4 (khóa XII)`` -> ``trung-uong-4-khoa-xii``; ``Nghị quyết Đại hội Đảng toàn quốc lần thứ 13`` ->
  ``dai-hoi-xiii``; ``Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013`` -> ``hien-phap/name:2013``);
  ``DocumentRef.name`` keeps the article's wording, except a plenum's, written in the guidelines' one form
  (``NQ TƯ 4 khóa 12`` -> ``Nghị quyết Trung ương 4 khóa XII``). Party named documents add ``@<khóa>`` when the term
  is known and not already in the name (``party/nghi-quyet/name:trung-uong-2017-ve-...@XII``). Within one article
  a later short name joins an earlier full one (``Luật Nhà ở năm 2023`` ... ``Luật Nhà ở``), and an abbreviation the
  article defines in brackets stands for its words in every name (``Luật Bảo đảm Trật tự An toàn Giao thông (TTATGT)
  đường bộ`` ... ``Luật Bảo đảm TTATGT đường bộ``); ``đảm bảo`` and ``bảo đảm`` key alike.

Examples: ``Nghị quyết số 25-NQ/TW ngày 3/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI`` and
``NQ 25-NQ/TW (khóa XI)`` -> ``party/nghi-quyet/25/tw@XI``; ``Nghị định 100/2019/NĐ-CP`` and
``Nghị định số 100/2019/ND-CP`` -> ``state/nghi-dinh/100/cp@2019``. Within one article a short citation
(``Nghị quyết 25``) joins the full one with the same type and number, so it shares that key.
"""
from __future__ import annotations

import csv
from bisect import bisect_left
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date as _date
from functools import lru_cache
from importlib import resources
from types import SimpleNamespace

from .numerals import int_to_roman, roman_to_int
from .types import DocumentRef, Mention

__all__ = ["DocumentRefFinder", "doc_key", "name_slug", "patterns"]

# --------------------------------------------------------------------------- data


def _data_text(name: str) -> str:
    return resources.files("tagger.data").joinpath("documents", name).read_text(encoding="utf-8")


def _law_fold(name: str) -> str:
    """A law's name compared without case, commas or repeated spaces (news drops the commas of a title)."""
    return " ".join(name.replace(",", " ").lower().split())


def _tsv(name: str) -> list[dict]:
    lines = [ln for ln in _data_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


_WORD_ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8,
                  "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "mười ba": 13, "mười bốn": 14,
                  "mười lăm": 15, "mười sáu": 16, "mười bảy": 17, "mười tám": 18, "mười chín": 19}


def _term_roman(s: str | None) -> str | None:
    """'XII', 'xii', '12' -> 'XII'."""
    if not s:
        return None
    s = s.strip()
    if s.isdigit():
        return int_to_roman(int(s)) if 0 < int(s) < 40 else None
    return s.upper() if roman_to_int(s) else None


def slug(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9.]+", "-", s).strip("-")


def _alternation(words, ignore_case: bool = False, optional_commas: bool = False,
                 abbreviations: dict[str, str] | None = None) -> str:
    """A regex alternation of literal words, longest first; a space inside a word matches 1-3 spaces
    (news runs words with doubled spaces); with ``optional_commas`` a comma inside may be left out ("Luật Phòng
    chống tác hại của rượu bia"); ``abbreviations`` (words -> abbreviation) lets the abbreviation stand for those
    words ("Luật Hoạt động giám sát của Quốc hội và HĐND"). No nested repetition: matching stays linear."""
    def esc(w):
        x = re.escape(w).replace(r"\ ", r"\s{1,3}")
        if optional_commas:  # and a spaced hyphen may lose its spaces ("hành chính-kinh tế đặc biệt")
            x = x.replace(r",\s{1,3}", r",?\s{1,3}").replace(r"\s{1,3}\-\s{1,3}", r"\s{0,3}[-–]\s{0,3}")
        return x

    abbr_re = (re.compile("(?<!\\w)(" + "|".join(re.escape(k) for k in sorted(abbreviations, key=len, reverse=True))
                          + ")(?!\\w)", re.I) if abbreviations else None)

    def one(w):
        if not abbr_re:
            return esc(w)
        out, last = [], 0
        for m in abbr_re.finditer(w):
            out.append(esc(w[last:m.start()]))
            out.append(f"(?:{esc(m.group(0))}|{re.escape(abbreviations[m.group(0).lower()])})")
            last = m.end()
        return "".join(out) + esc(w[last:])
    alt = "|".join(one(w) for w in sorted(set(words), key=len, reverse=True))
    return f"(?i:{alt})" if ignore_case else f"(?:{alt})"


def _lexicon(words, before: str = "", after: str = "", ignore_case: bool = False, group: str | None = None,
             optional_commas: bool = False, abbreviations: dict[str, str] | None = None) -> re.Pattern:
    """Compile a word list from the package data into ``before (words) after``; every word-list regex of the
    grammar is built here."""
    alt = _alternation(words, ignore_case, optional_commas, abbreviations)
    return re.compile(before + (f"(?P<{group}>{alt})" if group else alt) + after)


@dataclass
class _Type:
    name: str
    letters: tuple[str, ...]
    bare_abbr: bool
    system: str
    named: str


class _Grammar:
    """Everything loaded from the package data, compiled once."""

    def __init__(self):
        self.types: dict[str, _Type] = {}
        self.word_to_type: dict[str, str] = {}
        self.abbr_to_type: dict[str, str] = {}
        self.letters_to_type: dict[str, str] = {}
        for r in _tsv("types.tsv"):
            t = _Type(r["type"], tuple(x for x in (r["letters"] or "").strip().split("|") if x),
                      (r["bare_abbr"] or "") == "yes", r["system"], r["named"])
            self.types[t.name] = t
            for w in r["words"].split("|"):
                self.word_to_type[w.lower()] = t.name
            for a in (r["text_abbr"] or "").split("|"):
                if a:
                    self.abbr_to_type[a] = t.name
            for le in t.letters:
                self.letters_to_type.setdefault(le.upper(), t.name)
        self.letters_to_type["QĐI"] = "Quy định"
        self.letters_to_type["QYĐ"] = "Quy định"
        self.issuers = {r["abbr"].upper(): (r["issuer"], r["system"]) for r in _tsv("issuers.tsv")}
        # a Party symbol written with a slash or nothing before its letters ("Kế hoạch số 08/KH/TW", "Nghị quyết số
        # 39NQ/TW"): only with the letters of a type and a Party issuer, so State symbols (1205/QĐ-UBND) never match
        party_letters = [le for t in self.types.values() if t.system != "state" for le in t.letters]
        party_issuers = [r["abbr"] for r in _tsv("issuers.tsv") if r["system"] == "party"]
        self.party_slash = re.compile(
            rf"(?P<num>\d{{1,5}})(?:[ ]{{0,2}}/[ ]{{0,2}}|)(?P<letters>{_alternation(party_letters)})[ ]{{0,2}}/[ ]{{0,2}}"
            rf"(?P<issuer>{_alternation(party_issuers)})(?P<ext>)(?![\w/-])")
        self.terms = {"party": [], "state": []}
        for r in _tsv("terms.tsv"):
            self.terms[r["system"]].append((r["start"], r["term"]))
        for v in self.terms.values():
            v.sort()
        ip = json.loads(_data_text("issuer_phrases.json"))
        self.issuer_heads: dict[str, str] = ip["heads"]
        self.issuer_connectors = set(ip["connectors"])
        self.system_hints = ip["system_hints"]
        self.heads_without_of = ip["heads_without_of"]
        self.open_heads = set(ip["open_heads"])
        self.generic_body = _lexicon(ip["generic_bodies"], before=r"(?<!\w)", after=r"(?!\w)")
        g = json.loads(_data_text("grammar.json"))
        self.qualifiers = g["qualifiers"]
        self.number_follow_ok = set(g["number_follow_ok"])
        self.number_follow_with_number = set(g["number_follow_with_number"])
        self.clause_markers = set(g["clause_markers"])
        self.comma_clause_openers = set(g["comma_clause_openers"])
        self.of_generic_holder = _lexicon(g["of_generic_holders"], after=r"(?!\w)")
        self.name_stop = set(g["name_stop"])
        self.draft_prefixes = g["draft_prefixes"]
        self.compound_re = _lexicon(g["compounds"], after=r"(?!\w)", ignore_case=True)
        self.stop_compound = _lexicon(g["stop_word_compounds"], after=r"(?!\w)", ignore_case=True)
        self.not_law_name_starts = set(g["not_law_name_starts"])
        self.verb_like_types = set(g["verb_like_types"])
        self.clause_words = set(g["clause_words"])
        self.no_bare_number = set(g["no_bare_number"])
        self.number_with_so = set(g["number_with_so"])
        self.lowercase_named = _lexicon(g["lowercase_named"], after=r"(?!\w)", ignore_case=True)
        self.lowercase_dated = _lexicon(g["lowercase_named_dated"], after=r"(?!\w)", ignore_case=True)
        self.known_programme = _lexicon(g["known_programmes"], after=r"(?!\w)", ignore_case=True)
        self.mid_stop_proper = self.name_stop - set(g["mid_name_ok_proper"])
        self.mid_stop_law = self.name_stop - set(g["mid_name_ok_law"])
        self.mid_stop_draft = self.mid_stop_proper | set(g["draft_stops"])
        self.name_trailing = set(g["name_trailing"])
        # "trên cơ sở Chương trình ...", "đồng bộ Kết luận 67": "sở", "bộ" there are not a department or ministry
        compound = "".join(f"(?<!{re.escape(w)} )" for w in g["not_after_compounds"])
        self.not_after = _lexicon(g["not_after"], before=r"(?<!\w)" + compound, after=r"\s{1,2}$")
        # "Công ước của Liên Hợp Quốc về Luật Biển": a law inside a treaty's name, written without a comma between
        # ("các công ước quốc tế, nhưng bãi bỏ các phụ lục của Luật Đầu tư" is a law of its own)
        self.inside_other = _lexicon(g["inside_other"], after=r"[^.;:!?\n,]{0,60}$", ignore_case=True)
        self.other_instrument = _lexicon(g["inside_other"], after=r"(?!\w)")
        law_lines = [ln.strip() for ln in _data_text("laws.txt").splitlines() if ln.strip() and not ln.startswith("#")]
        # "variant = title": the variant is matched like a title and read as that title
        self.law_variants = {_law_fold(v): t.strip() for v, _, t in (ln.partition(" = ") for ln in law_lines) if t}
        self.laws = sorted({ln.partition(" = ")[0].strip() for ln in law_lines}, key=len, reverse=True)
        self.law_slugs: set[str] | None = None  # filled on first use (DocumentRefFinder._law_slugs)
        rows = _tsv("name_abbreviations.tsv")
        self.name_abbr = {r["abbr"]: (r["expansion"], r["scope"]) for r in rows
                          if r["scope"] not in ("law_words", "variant")}
        self.name_variants = {r["abbr"]: r["expansion"] for r in rows if r["scope"] == "variant"}
        # words of a listed law's title that news abbreviates inside it (Hội đồng nhân dân -> HĐND)
        law_words = [r for r in rows if r["scope"] == "law_words"]
        self.law_words_abbr = {r["expansion"].lower(): r["abbr"] for r in law_words}
        self.law_words_re = re.compile("(?<!\\w)(" + "|".join(re.escape(r["abbr"]) for r in law_words)
                                       + ")(?!\\w)")
        self.law_words_expansion = {r["abbr"]: r["expansion"] for r in law_words}
        nd = json.loads(_data_text("named.json"))
        self.period_heads, self.horizon_heads = nd["period_heads"], nd["horizon_heads"]
        self.anchor_stops = set(nd["anchor_stops"])
        self.strong_cues = nd["strong_cues"]
        self.implementing = nd["implementing"]
        self.official_verbs = nd["official_verbs"]
        self.needs_cue = set(nd["needs_cue"])
        self.about_stops = set(nd["about_stops"])
        self.person_surnames = set(nd["person_surnames"])
        self.quoted_types = set(nd["quoted_types"])
        # "giao" (assign) ends a name, "giao thông", "giao dịch" (nouns) do not
        self.submit_verbs = nd["submit_verbs"]
        self.submit_bodies = nd["submit_bodies"]
        self.drafting_before = {t: _lexicon(ws, before=r"(?<!\w)", after=r"\s{1,3}$", ignore_case=True)
                                for t, ws in nd["drafting_before"].items()}
        self.subject_heads = {t: _lexicon(ws, after=r"(?!\w)", ignore_case=True) for t, ws in nd["subject_heads"].items()}
        # "các luật Đầu tư công, Đất đai", "3 dự luật: ...": the names after the law word are several laws
        self.law_list_before = _lexicon(nd["law_list_before"], before=r"(?<!\w)(?:\d{1,2}|",
                                        after=r")\s{1,2}(?:dự\s{1,2}|dự\s{1,2}án\s{1,2})?$", ignore_case=True)
        self.target_programmes = nd["target_programmes"]
        self.codes = {c.lower() for c in nd["codes"]}  # "luật Lao động" is the Bộ luật Lao động: no law has that title
        self.subject_opener = _lexicon(nd["subject_openers"], before=r"(?<!\w)", after=r"\s{1,3}$", ignore_case=True)
        self.verb_stop = _lexicon(nd["verb_stops"], after=r"(?!\w)(?!\s{1,3}(?:thông|dịch|lưu|tiếp)(?!\w))",
                                  ignore_case=True)
        self.multilateral = _lexicon(nd["multilateral"], before=r"\s{1,3}(?:\S+\s{1,3}){0,3}?", after=r"(?!\w)")
        self.statement_verbs = _lexicon(nd["statement_verbs"], before=r"(?<!\w)", after=r"\s{1,3}$", ignore_case=True)
        self.multilateral_near = _lexicon(nd["multilateral"], before=r"(?<!\w)", after=r"(?!\w)")
        self.generic_names = {n.lower() for n in nd["generic_names"]}
        self.fixed_starts = {t: _lexicon(ws, before=r"\s{1,3}", after=r"(?!\w)", ignore_case=True)
                             for t, ws in nd["fixed_starts"].items()}
        # several papers ("10 Chương trình công tác"); a paper still to be made ("sẽ ban hành Đề án ...")
        self.this_doc = re.compile(rf"(?<!\w)(?P<w>{_alternation(self.word_to_type, ignore_case=True)})\s{{1,2}}$")
        self.count_before = _lexicon(nd["count_words"], before=r"(?<![\w.,/])(?:\d{1,3}|", after=r")\s{1,2}$",
                                     ignore_case=True)
        making = _alternation(nd["making_verbs"], ignore_case=True)
        self.not_yet_made = re.compile(
            rf"(?<!\w)(?:{_alternation(nd['future_markers'], ignore_case=True)})\s{{1,2}}"
            rf"(?:(?i:tiếp tục|khẩn trương|nhanh chóng)\s{{1,2}})?{making}\s{{1,2}}$"
            rf"|(?<!\w)(?<!đã )(?<!Đã ){_alternation(nd['unfinished_verbs'], ignore_case=True)}\s{{1,2}}$")
        fo = json.loads(_data_text("foreign.json"))
        countries = _alternation(fo["countries"])
        compound = _alternation(fo["compound_after"])
        self.country = re.compile(rf"(?<![\w-]){countries}(?!\w)(?!\s{{1,2}}{compound}(?!\w))")
        # "Hiến pháp Mỹ", "Luật Hồi hương của Israel", "Nghị quyết Đại hội XI của Đảng Nhân dân Cách mạng Lào"
        self.foreign_after = re.compile(rf"\s{{1,2}}(?:của\s{{1,2}}(?:Đảng(?:\s{{1,2}}[A-ZĐ][^\W\d_]{{0,12}}){{0,5}}\s{{1,2}})?)?"
                                        rf"{countries}(?!\w)(?!\s{{1,2}}{compound}(?!\w))"
                                        rf"|\s{{1,2}}của\s{{1,2}}(?:nước|quốc gia)\s{{1,2}}(?:này|bạn|đó)(?!\w)")
        self.not_actor_before = _lexicon(fo["not_actor_before"], before=r"(?<!\w)", after=r"\s{1,3}$", ignore_case=True)
        self.home = _lexicon(fo["home"], before=r"(?<!\w)", after=r"(?!\w)")
        self.foreign_in_name = _lexicon(fo["in_name"], before=r"(?<!\w)", after=r"(?!\w)")
        self.agenda_starts = tuple(fo["agenda_starts"])
        self.international = _lexicon(fo["international_bodies"], before=r"(?<!\w)", after=r"(?!\w)")
        self.actor_verb = _lexicon(fo["actor_verbs"], before=r"(?<!\w)", after=r"(?!\w)", ignore_case=True)
        home_names = "(?:Việt\\s{1,2}Nam|Việt)"
        self.parties = re.compile(rf"(?<!\w)(?:{home_names}\s{{0,2}}[-–]\s{{0,2}}{countries}|{countries}\s{{0,2}}[-–]\s{{0,2}}"
                                  rf"{home_names})(?!\w)")
        self._compile()

    def _compile(self):
        # trigger: a type word (any case) or an abbreviated type before a number / plenum
        # ("NQ57", "NĐ168": the two most cited abbreviations are also written joined to a number of 2-4 digits)
        self.trigger = re.compile(
            rf"(?<!\w)(?:(?P<word>{_alternation(self.word_to_type, ignore_case=True)})(?!\w)"
            rf"|(?P<abbr>{_alternation(self.abbr_to_type)})"
            rf"(?:(?=\s{{1,3}}(?:[Ss]ố\s{{0,2}}:?\s{{0,2}})?\d|\s{{1,3}}(?:TƯ|TW|T\.Ư)\s?\d)(?!\w)"
            rf"|(?<=NQ|NĐ)(?=\d{{2,4}}(?![\w/-]|[.,]\d))))")
        # "khẩn" (urgent) qualifies a paper; "khẩn trương" (promptly) is an adverb
        self.qualifier = _lexicon(self.qualifiers, before=r"\s{1,3}", after=r"(?=\s)(?!\s{1,3}trương(?!\w))",
                                  ignore_case=True)
        self.law_names = _lexicon(self.laws, before=r"\s{1,3}", after=r"(?!\w)", ignore_case=True, group="n",
                                  optional_commas=True, abbreviations=self.law_words_abbr)
        self.issuer_head = _lexicon(self.issuer_heads, after=r"(?!\w)")
        bodies = f"{_alternation(self.issuer_heads)}|{_alternation(self.submit_bodies, ignore_case=True)}"
        self.submit_to_body = _lexicon(self.submit_verbs, before=r"(?<!\w)", after=rf"\s{{1,3}}(?:{bodies})(?!\w)")
        self.draft_before = _lexicon(self.draft_prefixes, after=r"\s{1,3}$", ignore_case=True)
        # the period closing a programme's / strategy's name: "giai đoạn 2021-2025, tầm nhìn đến năm 2030"
        rng = r"(?:19|20)\d\d\s{0,2}[-–]\s{0,2}(?:(?:19|20)\d\d|\d\d)(?!\d)"
        horizon = rf"{_alternation(self.horizon_heads, True)}\s{{1,2}}(?:năm\s{{1,2}})?(?:19|20)\d\d(?!\d)"
        span = rf"{_alternation(self.period_heads, True)}\s{{1,2}}(?:từ\s{{1,2}})?(?:năm\s{{1,2}})?{rng}"
        self.period = re.compile(rf"(?:{span}|\d{{1,2}}\s{{1,2}}năm\s{{1,2}}{rng}|{horizon})"
                                 rf"(?:\s{{0,2}},?\s{{0,2}}(?:và\s{{1,2}})?{horizon})?")
        self.implements_end = _lexicon(self.implementing, before=r"(?<!\w)", after=r"$", ignore_case=True)
        self.implements = _lexicon(self.implementing, before=r"\s{1,3}", after=r"\s{1,3}(?=\w)", ignore_case=True)
        self.implements_in = _lexicon(self.implementing, before=r"(?<!\w)", after=r"(?!\w)", ignore_case=True)
        self.official_before = _lexicon(self.official_verbs, before=r"(?<!\w)",
                                        after=r"\s{1,3}(?:[^\W\d_]+\s{1,3}){0,2}$", ignore_case=True)
        self.strong_cue = _lexicon(self.strong_cues, before=r"(?<!\w)", after=r"(?!\w)", ignore_case=True)
        # "Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững": several national target
        # programmes after one type word; the first two here, the next ones by programme_next (bounded, linear)
        subj = _alternation(self.target_programmes, ignore_case=True, optional_commas=True)
        sep = r"(?:\s{0,2}[,;]\s{1,3}(?:và\s{1,3})?|\s{1,3}và\s{1,3})"
        self.programme_list = re.compile(
            rf"(?i:chương\s{{1,3}}trình)\s{{1,3}}(?P<head>(?i:mục\s{{1,3}}tiêu\s{{1,3}}quốc\s{{1,3}}gia)|MTQG)\s{{1,3}}"
            rf"(?P<s>{subj})(?!\w)(?={sep}{subj}(?!\w))")
        self.programme_next = re.compile(rf"{sep}(?P<s>{subj})(?!\w)")
        # plenum and central bodies are often written as the issuer without "của"
        # ... on the same line: a heading on the next line ("...\nBan Chấp hành Trung ương ...") is not the issuer
        self.issuer_without_of = _lexicon(self.heads_without_of, before=r"[^\S\n]{1,2}(?=", after=")")


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    return _Grammar()


# --------------------------------------------------------------------------- patterns (bounded, linear)


def patterns() -> SimpleNamespace:
    """The grammar's regular expressions from ``data/documents/patterns.tsv``: ``<<_PIECE>>`` expands to an
    earlier piece; names without a leading underscore are compiled. One builder for every pattern."""
    env: dict[str, str] = {}
    out = SimpleNamespace()
    for row in _tsv("patterns.tsv"):
        name = row["name"]
        pattern = PIECE.sub(lambda m: env[m.group(1)], row["pattern"])
        env[name] = pattern
        setattr(out, name, pattern if name.startswith("_") else re.compile(pattern))
    return out


PIECE = re.compile(r"<<(_[A-Z0-9_]+)>>")
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " "})
_SPACES_RE = re.compile("[\u00a0\u2007\u2009\u202f]")
ORDINAL_END = re.compile(r"\s(?:[IVX]{1,5}|\d{1,2})$")  # "Quy hoạch điện VIII": a short name with its ordinal
LAW_TYPES = ("Luật", "Bộ luật", "Pháp lệnh")
ROMAN_END = re.compile(r"\s[IVX]{1,5}$")  # a Roman ordinal names a paper even at the start of a sentence
RX = patterns()


# --------------------------------------------------------------------------- parsed citation


@dataclass
class _Cit:
    start: int
    end: int
    type: str | None = None
    number: str | None = None
    symbol: str | None = None
    year: int | None = None
    date: str | None = None
    issuer: str | None = None
    issuer_abbr: str | None = None
    term: str | None = None
    name: str | None = None
    subject: str | None = None
    system: str | None = None
    issue_year: int | None = None
    confidence: float = 0.9
    kind: str = "number"          # number | symbol | name
    extra: list = field(default_factory=list)  # further citations found inside this one
    canon: str | None = None      # canonical name for the key when the written name varies (plenums)


def _parse_pub(published_at: str | None) -> _date | None:
    if not published_at:
        return None
    try:
        return _date.fromisoformat(str(published_at)[:10])
    except ValueError:
        return None


def _strip0(num: str) -> str:
    if "." in num:
        a, b = num.split(".", 1)
        return (a.lstrip("0") or "0") + "." + b
    return num.lstrip("0") or "0"


def _norm_letters(s: str) -> str:
    u = s.upper()
    return {"ND": "NĐ", "QD": "QĐ", "QYĐ": "QyĐ", "QYD": "QyĐ", "QĐI": "QĐi", "QDI": "QĐi", "TƯ": "TW", "T.Ư": "TW",
            "TTG": "TTg", "CTR": "CTr", "TTR": "TTr", "DA": "DA"}.get(u, s)


class DocumentRefFinder:
    """Rule-based finder of document references; see the module docstring for the key."""

    def __init__(self):
        self.g = _grammar()

    # the engine's component protocol
    @classmethod
    def load(cls, component_dir=None, config=None) -> DocumentRefFinder:
        return cls()

    # ------------------------------------------------------------------ public

    def find(self, text: str, published_at: str | None = None) -> list[DocumentRef]:
        """All document references in ``text`` (offsets into it). ``published_at`` (ISO date or datetime)
        completes dates written without a year ("ngày 5/4"): the latest such date not after publication."""
        pub = _parse_pub(published_at)
        surface = text
        # no-break and thin spaces read as spaces (one character each, so offsets do not move); the
        # surfaces keep them as written
        if _SPACES_RE.search(text):
            text = text.translate(_SPACES)
        cits: list[_Cit] = []
        covered_end = -1
        pos = 0
        g = self.g
        n = len(text)
        while pos < n:
            m = g.trigger.search(text, pos)
            if not m:
                break
            if m.start() < covered_end:
                pos = m.end()
                continue
            found = self._parse_typed(text, m, pub)
            if found:
                cits.extend(found)
                for c in found:
                    cits.extend(c.extra)
                covered_end = max(c.end for c in found for c in (c, *c.extra))  # a list's items too
                pos = max(m.end(), covered_end)
            else:
                pos = m.end()
        cits.extend(self._symbols_only(text, cits, pub))
        self._defined_abbreviations(text, cits)
        anaphors = self._anaphors(text, cits)
        return self._merge(text, cits, surface, anaphors)

    def _defined_abbreviations(self, text: str, cits: list[_Cit]) -> None:
        """'Luật Bảo đảm Trật tự An toàn Giao thông (TTATGT) đường bộ', then 'Luật Bảo đảm TTATGT đường bộ': an
        abbreviation the article defines in brackets, right after words whose initials spell it, stands for those
        words in every name of the article, so both citations share one key (the names keep their wording)."""
        defs: dict[str, str] = {}
        for c in cits:
            if c.kind != "name" or not c.name or "(" not in text[c.start:c.end + 14]:
                continue
            for m in RX.ABBR_DEFINED.finditer(text, c.start, min(len(text), c.end + 14)):
                ab = m.group("a")
                words = [w.strip(",") for w in text[c.start:m.start()].split()]
                words = [w for w in words if w]
                tail = words[-len(ab):]
                if len(tail) == len(ab) and all(w[0].upper() == a for w, a in zip(tail, ab)):
                    defs[ab] = " ".join(tail)
        if not defs:
            return
        used = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, defs))})(?!\w)")
        for c in cits:
            if c.kind == "name" and c.name and used.search(c.canon or c.name):
                c.canon = used.sub(lambda m: defs[m.group(0)], c.canon or c.name)

    def _anaphors(self, text: str, cits: list[_Cit]) -> list[tuple[_Cit, _Cit]]:
        """'Cũng theo Nghị định này': a mention of the latest document of that type cited before it. One pass over
        the citations sorted by end (no quadratic scan on long lists)."""
        out: list[tuple[_Cit, _Cit]] = []
        if not cits:
            return out
        by_start = sorted(cits, key=lambda c: c.start)
        starts = [c.start for c in by_start]
        reach, r = [], -1  # reach[k]: the furthest end among the first k+1 citations by start
        for c in by_start:
            r = max(r, c.end)
            reach.append(r)
        by_end = sorted(cits, key=lambda c: (c.end, c.start))
        last: dict[str, _Cit] = {}
        i = 0
        for d in RX.THIS.finditer(text):  # the demonstrative first (cheap), then the type word before it
            m = self.g.this_doc.search(text, max(0, d.start() - 24), d.start())
            if not m:
                continue
            while i < len(by_end) and by_end[i].end <= m.start():
                c = by_end[i]
                if c.type and (c.type not in last or c.start >= last[c.type].start):
                    last[c.type] = c
                i += 1
            typ = self.g.word_to_type.get(" ".join(m.group("w").lower().split()))
            k = bisect_left(starts, d.end())
            if typ in last and not (k and reach[k - 1] > m.start()):  # not inside a citation
                out.append((_Cit(m.start(), d.end(), type=typ, kind="anaphor"), last[typ]))
        return out

    # ------------------------------------------------------------------ typed citations

    def _parse_typed(self, text: str, m: re.Match, pub: _date | None = None) -> list[_Cit]:
        g = self.g
        s, p = m.start(), m.end()
        if m.group("word"):
            word = m.group("word")
            typ = g.word_to_type[" ".join(word.lower().split())]
            abbr = False
        else:
            typ = g.abbr_to_type[m.group("abbr")]
            abbr = True
        tinfo = g.types[typ]
        if not abbr and g.not_after.search(text, max(0, s - 12), s):
            return []  # "Bộ Kế hoạch và Đầu tư", "Đối tác Chiến lược toàn diện"
        p_name = p  # a named document keeps its qualifier: "Chương trình hành động quốc gia ..."
        q = g.qualifier.match(text, p)
        if q:
            p = q.end()
        # a capitalised type word inside a sentence is a title: "vừa có Quyết định 171 điều động ...", "Quy định 214
        # còn quy định ...": the number after it is the paper's, whatever verb follows
        titled = not abbr and m.group("word")[0].isupper() and not self._sentence_start(text, s)
        items, p2, _ = self._items(text, p, typ, abbr, titled)
        if not items and not abbr and tinfo.named in ("no", "draft", "proper"):
            items, p2 = self._described(text, s, p, typ)
        if items:
            cits = items
            end = self._tail(text, p2, cits, pub)
            for c in cits:
                c.type = c.type or typ
            cits[0].start = s
            cits[-1].end = max(cits[-1].end, end)
            if len(cits) == 1:
                cits[0].end = end
            else:
                # the first item's citation runs from the type word; later items keep their own span
                cits[0].end = max(cits[0].end, cits[0].start)
                if end > p2:  # date / issuer / subject shared by the list: the last item's citation carries it
                    cits[-1].end = end
            for c in cits:
                self._finish(c, typ)
                if abbr and c.kind == "number":
                    c.confidence = min(c.confidence, 0.8)
            return [c for c in cits if not self._foreign_issuer(c.issuer)]
        if abbr and typ not in ("Nghị quyết", "Kết luận"):
            return []
        c = self._named(text, s, p_name, typ, tinfo, word=None if abbr else m.group("word"))
        if c is None or (tinfo.named not in ("statement",) and typ != "Nghị định thư" and self._foreign(text, s, c.end)):
            return []  # "Tổng thống Philippines ký ban hành Luật Vùng biển": another state's text, not annotated
        c.end = max(c.end, self._tail(text, c.end, [c], pub))
        if tinfo.named != "statement" and self._foreign_issuer(c.issuer):
            return []  # "Chiến lược ... của Liên Hợp Quốc"
        self._finish(c, typ)
        return [c]

    def _items(self, text: str, p: int, typ: str, abbr: bool, titled: bool = False):
        """type [số] item (sep item)* -> citations, end, whether 'số' was written."""
        g = self.g
        m = RX.SO.match(text, p)
        if not m:
            return [], p, False
        with_so = "ố" in m.group(0) or "Ố" in m.group(0)
        q = m.end()
        paren = text.startswith("(", q)
        if paren:
            q += 1
        out: list[_Cit] = []
        first = True
        while len(out) < 12:
            c = self._item(text, q, typ, with_so or not first, abbr)
            if c is None:
                break
            if (c.kind == "number" and first and not with_so and not abbr and typ in g.verb_like_types
                    and not titled and not self._follow_ok(text, c.end)):
                break
            if c.kind == "number" and not first and not self._follow_ok(text, c.end):
                q = out[-1].end  # "Nghị quyết số 25 và 5 năm ...": the list ends before "và"
                break
            out.append(c)
            q = c.end
            first = False
            ls = RX.LIST_SEP.match(text, q)
            if not ls:
                break
            nxt = self._item(text, ls.end(), typ, True, abbr)
            if nxt is None:
                break
            q = ls.end()
        if not out:
            return [], p, with_so
        if paren:
            if not text.startswith(")", q):
                return [], p, with_so  # "9 Đề án (2 đề án ...": a count in brackets, not "Nghị quyết (57-NQ/TW)"
            q += 1
        # "Nghị quyết số 18, 19-NQ/TW": earlier bare numbers share the last symbol's suffix
        last = out[-1]
        if last.kind == "symbol" and last.year is None and last.symbol:
            suffix = last.symbol[len(last.symbol.split("-" if last.system == "party" else "/", 1)[0]):]
            for c in out[:-1]:
                if c.kind == "number":
                    c.symbol = c.number + suffix
                    c.kind = "symbol"
                    c.system, c.issuer_abbr, c.issuer = last.system, last.issuer_abbr, last.issuer
                    c.type = last.type
        return out, q, with_so

    def _described(self, text: str, s0: int, p: int, typ: str) -> tuple[list[_Cit], int]:
        """'Quyết định công nhận sự thỏa thuận của các đương sự số 62/2009', 'Quyết định xử phạt vi phạm hành chính
        số 123/QĐ-XPVPHC': a few words saying what the paper does, then 'số' and its number. Only with 'số', and a
        bare number must end like a document number ('thông báo thêm số 12 ca mắc' is a count); a type word in lower case
        needs a full symbol ('quy định chung trong hợp đồng gói thầu số 3' is the package's number)."""
        g = self.g
        if not RX.SO_AHEAD.search(text, p, min(len(text), p + 120)):
            return [], p  # no "số <number>" within reach: the usual case, decided without reading words
        q, n = p, 0
        while n < 12:
            t = RX.TOK.match(text, q)
            if not t or not t.group("w") or "\n" in t.group(0):
                return [], p
            w = t.group("w")
            if w.lower() == "số" and n:
                items, e, with_so = self._items(text, q, typ, False)
                if not (with_so and len(items) == 1):
                    return [], p
                c = items[0]
                if c.kind == "number" and not self._follow_ok(text, c.end):
                    return [], p
                full = c.symbol and "/" in c.symbol and not c.symbol[-1].isdigit()
                if not full and (not text[s0].isupper() or g.types[typ].named == "proper"):
                    # "quy định chung trong hợp đồng gói thầu số 3", "Chương trình nghệ thuật số 1": lower case, or a
                    # programme's / plan's word (also an event's), needs a full symbol
                    return [], p
                c.confidence = 0.7
                return items, e
            tm = g.trigger.match(text, t.start("w"))
            if w[0].isdigit() or (tm and (w[0].isupper() or not tm.group("word")
                                          or g.types[g.word_to_type[" ".join(tm.group("word").lower().split())]].named
                                          != "bilateral")):
                return [], p  # "Kế hoạch triển khai Nghị quyết số 12": the number is the other document's
            q, n = t.end(), n + 1
        return [], p

    def _item(self, text: str, q: int, typ: str, with_so: bool, abbr: bool) -> _Cit | None:
        g = self.g
        m = RX.PARTY_SYMBOL.match(text, q) or g.party_slash.match(text, q)
        if m:
            return self._party(m)
        m = RX.STATE_SYMBOL.match(text, q)
        if m:
            c = self._state(m, typ)
            if c is not None:
                return c
        m = RX.NUM_YEAR.match(text, q)
        if m:
            num, year = m.group("num"), int(m.group("year"))
            c = _Cit(m.start(), m.end(), number=_strip0(num), year=year, kind="symbol", confidence=0.9)
            if typ == "Nghị định":
                c.symbol, c.issuer_abbr, c.issuer = f"{num}/{year}/NĐ-CP", "CP", "Chính phủ"
            c.system = "state" if g.types[typ].system != "party" else None
            return c
        if typ in g.no_bare_number and not (with_so and typ in g.number_with_so):
            return None  # "Luật số 69 năm 2013" is law number 69; "Luật 2 lần sửa đổi" is not
        if abbr and not g.types[typ].bare_abbr:
            # "CT 16 của Thủ tướng", "TB 50 của Bộ Chính trị": an ambiguous abbreviation (công ty, chủ tịch) with a
            # bare number is a reference only when its issuer follows
            m = RX.BARE.match(text, q)
            if m and self._issuer(text, m.end())[1]:
                return _Cit(m.start(), m.end(), number=_strip0(m.group("num")), kind="number", confidence=0.75)
            return None
        m = RX.BARE.match(text, q)
        if m:
            num = m.group("num")
            if not with_so and re.fullmatch(RX._YEAR, num):
                return None  # "Kế hoạch 2025": a year, not a number
            if "." in num and not with_so:
                return None  # "Nghị quyết 1.500 ..." reads as a quantity
            if not with_so and RX.DURATION.match(text, m.end()):
                return None  # "kế hoạch 5 năm", "chương trình 3 tháng": a duration
            if typ in g.no_bare_number and not self._follow_ok(text, m.end()):
                return None  # "Luật số 2 lần được sửa": a count
            return _Cit(m.start(), m.end(), number=_strip0(num), kind="number", confidence=0.9 if with_so else 0.85)
        return None

    def _follow_ok(self, text: str, e: int) -> bool:
        """A bare number is a document number, not a count ("quyết định 3 vấn đề"), when what follows is
        punctuation, the end, a capitalised word or one of the connector words in grammar.json."""
        m = RX.FOLLOW_WORD.match(text, e)
        if not m:
            rest = text[e:e + 2]
            return not rest.strip() or rest.lstrip()[:1] in ",.;:)(“\"”-–!?/\n" or rest[:1] == "\n"
        w = m.group(1)
        if w[0].isupper():
            return True
        if w.lower() in self.g.number_follow_with_number:
            # "Nghị quyết 57 năm 2024" but "Nghị quyết số 25 và 5 năm thực hiện": a count of years
            return RX.FOLLOW_NUMBER.match(text, m.end()) is not None
        return w.lower() in self.g.number_follow_ok

    def _party(self, m: re.Match) -> _Cit:
        g = self.g
        num, letters, issuer, ext = m.group("num"), m.group("letters"), m.group("issuer"), m.group("ext") or ""
        letters = _norm_letters(letters)
        issuer = _norm_letters(issuer)
        symbol = f"{num}-{letters}/{issuer}{ext}"
        c = _Cit(m.start(), m.end(), number=_strip0(num), symbol=symbol, kind="symbol", system="party", confidence=0.98)
        c.type = g.letters_to_type.get(letters.upper())
        if letters.upper() == "QĐ":
            c.type = None  # Quyết định or Quy định: the type word decides
        if letters.upper() == "TT":
            c.type = "Thông tri"
        c.issuer_abbr = issuer
        exp = g.issuers.get(issuer.upper())
        c.issuer = exp[0] if exp else None
        return c

    def _state(self, m: re.Match, typ: str) -> _Cit | None:
        g = self.g
        num, year, tail = m.group("num"), m.group("year"), m.group("tail")
        parts = [p.strip() for p in re.split(RX._SEP, tail)]
        if any(re.fullmatch(r"[A-ZĐ][a-zđ]{3,}", x) for x in parts):
            return None  # "03/CV - Navicrom": a company's paper, not an official symbol
        parts[0] = _norm_letters(parts[0])
        head = parts[0].upper()
        qh = re.fullmatch(r"(UBTVQH|QH)(\d{1,2})", head)
        if head in g.letters_to_type and len(parts) > 1:
            ptype = g.letters_to_type[head]
            issuer_parts = parts[1:]
        elif qh:
            ptype = None
            issuer_parts = parts
        elif len(parts) > 1 and (head in g.issuers or head.startswith(("S", "B", "UB", "VP", "TT"))):
            ptype = "Công văn"
            issuer_parts = parts[:1]
        elif len(parts) > 1 and typ:
            ptype = None
            issuer_parts = parts[:1]
        else:
            return None
        if head == "TT" and typ == "Thông tri":
            ptype = "Thông tri"
        issuer_parts = [_norm_letters(x) for x in issuer_parts]
        symbol_tail = "-".join(parts)
        ellipsis = num in ("…", "...")
        symbol = None if ellipsis else f"{num}/{year + '/' if year else ''}{symbol_tail}"
        c = _Cit(m.start(), m.end(), number=None if ellipsis else _strip0(num), symbol=symbol,
                 year=int(year) if year else None, kind="symbol", system="state", confidence=0.97)
        c.type = ptype
        c.issuer_abbr = "-".join(issuer_parts)
        if ptype and len(issuer_parts) == 1 and g.issuers.get(issuer_parts[0].upper(), ("", ""))[1] == "party":
            c.system = "party"  # "Nghị quyết 57/NQ-TW": a Party symbol written with the State's separators
        first = issuer_parts[0].upper() if issuer_parts else ""
        qh2 = re.fullmatch(r"(UBTVQH|QH)(\d{1,2})", first)
        if qh2:
            c.term = int_to_roman(int(qh2.group(2)))
            c.issuer = ("Quốc hội" if qh2.group(1) == "QH" else "Ủy ban Thường vụ Quốc hội") + f" khóa {c.term}"
        else:
            names = [g.issuers[x.upper()][0] for x in issuer_parts if x.upper() in g.issuers]
            if ptype == "Công văn" or (ptype and len(issuer_parts) > 1 and ptype not in ("Thông tư liên tịch", "Nghị quyết liên tịch")):
                names = names[:1]
            c.issuer = "; ".join(names) if names else None
        return c

    # ------------------------------------------------------------------ tail: date, year, khóa, issuer, subject

    def _tail(self, text: str, p: int, cits: list[_Cit], pub: _date | None = None) -> int:
        last = cits[-1]
        seen = set()
        for _ in range(7):
            m = RX.DATE.match(text, p) if "date" not in seen else None
            if m:
                seen.add("date")
                d, mo, y = (m.group("d") or m.group("d2")), (m.group("m") or m.group("m2")), (m.group("y") or m.group("y2"))
                if not y and pub:
                    y = pub.year if (int(mo), int(d)) <= (pub.month, pub.day) else pub.year - 1
                if y:
                    try:
                        iso = _date(int(y), int(mo), int(d)).isoformat()
                    except ValueError:
                        iso = None
                    for c in cits:
                        c.date = c.date or iso
                p = m.end()
                continue
            m = RX.ISSUE_YEAR.match(text, p) if "year" not in seen else None
            if m:
                seen.add("year")
                for c in cits:
                    c.issue_year = int(m.group("y") or m.group("y2"))
                p = m.end()
                continue
            m = RX.TERM.match(text, p) if "term" not in seen else None
            if m:
                t = _term_roman(m.group("t"))
                if t:
                    seen.add("term")
                    for c in cits:
                        if c.system != "state" or not c.term:
                            c.term = c.term or t
                    p = m.end()
                    continue
            if "issuer" not in seen:
                e, issuer = self._issuer(text, p)
                if issuer:
                    seen.add("issuer")
                    for c in cits:
                        c.issuer = issuer  # the article's wording beats the expansion of the symbol
                        tm = re.search(r"[Kk]h(?:óa|oá|oa)\s+([IVXL]{1,6}|\d{1,2})\b", issuer)
                        if tm and not c.term:
                            c.term = _term_roman(tm.group(1))
                    p = e
                    continue
            if "subject" not in seen:
                e, subj = self._subject(text, p)
                if subj:
                    seen.add("subject")
                    last.subject = subj
                    p = e
                    continue
            break
        return p

    def _issuer(self, text: str, p: int) -> tuple[int, str | None]:
        g = self.g
        m = RX.OF.match(text, p)
        start = m.end() if m else p
        if not m:
            # plenum / central bodies are often written without "của"
            m2 = g.issuer_without_of.match(text, p)
            if not m2:
                return p, None
            start = m2.end()
        h = g.issuer_head.match(text, start)
        if not h:
            return p, None
        q = end = h.end()
        # lower-case words belong to a name only after an open head: "Bộ Nông nghiệp và Phát triển nông thôn",
        # "Ủy ban nhân dân tỉnh", but not "Bộ Chính trị yêu cầu"
        open_left = 5 if h.group(0) in g.open_heads else 0
        count = 0
        while count < 16:
            t = RX.TOK.match(text, q)
            if (t and t.group("p") == "," and count and text[t.end():t.end() + 1] == " " and g.issuer_head.match(text, t.end() + 1)
                    and not RX.TERM_END.search(text, start, q)):
                q = t.end() + 1  # "của Ban Chấp hành Trung ương, Bộ Chính trị và Ban Bí thư": several bodies
                continue
            if t and t.group("p") in ("-", "–") and count and text[q - 1:q].isalpha():
                nx = RX.TOK.match(text, t.end())
                if (nx and nx.group("w") and nx.group("w")[0].isupper() and text[t.end():t.end() + 1] == " "
                        and not g.trigger.match(text, nx.start("w"))):
                    q = t.end()  # "HĐND tỉnh Bà Rịa - Vũng Tàu", "Bộ Lao động - Thương binh và Xã hội"
                    continue
            if not t or not t.group("w"):
                # "(khóa 12)" after a plenum
                pm = RX.PAREN_TERM.match(text, q)
                if pm:
                    end = q = pm.end()
                break
            w = t.group("w")
            lw = w.lower()
            if lw in ("về", "ngày", "số"):
                break
            if (w[0].isupper() or text[start:q].rstrip().endswith((" và", ","))) and g.trigger.match(text, t.start("w")):
                break  # "của Trung ương và Nghị quyết ...", "của Bộ Chính trị và nghị quyết 32 ...": the next document
            h = g.issuer_head.match(text, t.start("w"))
            if h:
                q = end = h.end()
                open_left = 5 if h.group(0) in g.open_heads else 0
                count += 1
                continue
            prev = text[start:q].rstrip().lower()
            ordinal = prev.endswith(("lần thứ", "lần thứ mười"))
            lower_ok = open_left > 0 and lw not in g.name_stop
            open_left -= 1
            # a small number names a body ("Quân khu 5", "khóa 12"), but not right after "và": "của Ban Chấp
            # hành Trung ương Đảng khóa XI và 5 năm thực hiện Kết luận 43" starts a new phrase
            numeral = w.isdigit() and len(w) <= 2 and not prev.endswith((" và", ","))
            if (w[0].isupper() or lw in g.issuer_connectors or roman_to_int(w) or numeral
                    or ordinal or lower_ok):
                if lw == "của" and not (RX.TOK.match(text, t.end()) and (RX.TOK.match(text, t.end()).group("w") or "a")[0].isupper()):
                    break
                q = t.end()
                if lw not in ("và", "của"):
                    end = q
                count += 1
                continue
            break
        issuer = text[start:end].strip()
        return end, issuer or None

    def _subject(self, text: str, p: int) -> tuple[int, str | None]:
        m = RX.SUBJ.match(text, p)
        if not m:
            return p, None
        q = m.end()
        if q < len(text) and text[q] in "“\"":
            close = "”" if text[q] == "“" else "\""
            j = text.find(close, q + 1, q + 400)
            if j < 0:
                return p, None
            return j + 1, text[q + 1:j].strip() or None
        if q == m.start():
            return p, None
        # "về ...": up to the end of the clause
        lim = min(len(text), q + 250)
        stop = RX.SUBJ_END.search(text, q, lim)
        j = stop.start() if stop else lim
        comma = text.find(", ", q, j)
        for _ in range(8):  # "về trách nhiệm nêu gương, cán bộ chủ chốt phải ...": a comma opening a clause ends it
            if comma < 0:
                break
            # ... or when a noun phrase and then a tense or passive word follow ("..., công tác dân vận trên địa
            # bàn tỉnh ngày càng được triển khai"), read further and across "và"
            if (self._segment_words(text, comma + 1, self.g.mid_stop_proper, self.g.anchor_stops, names_end=False) == 99
                    or self._segment_words(text, comma + 1, frozenset(), self.g.clause_markers, names_end=False,
                                           limit=16, verb_after=2, and_ends=False) == 99):
                j = comma
                break
            comma = text.find(", ", comma + 2, j)
        nxt = self.g.trigger.search(text, q, j)
        if nxt:  # another document starts: the subject ends before it
            j = nxt.start()
            k = RX.SUBJ_TRAIL.search(text[q:j])
            if k:
                j = q + k.start()
        subj = text[q:j].strip(" ,")
        if not subj:
            return p, None
        return q + len(text[q:j].rstrip(" ,")), subj

    # ------------------------------------------------------------------ named documents

    def _named(self, text: str, s: int, p: int, typ: str, tinfo: _Type, word: str | None) -> _Cit | None:
        g = self.g
        draft = bool(g.draft_before.search(text, max(0, s - 12), s))
        kind = tinfo.named
        tname = typ
        qm = RX.QUOTED_NAME.match(text, p)
        if qm and typ in g.quoted_types:
            # đề án "Xây dựng cơ sở dữ liệu quốc gia về kiểm soát tài sản, thu nhập": the quoted title is the name;
            # kết luận "Về việc khiếu nại khu tái định cư 160ha": a quoted subject names nothing (GUIDELINES 5)
            if RX.QUOTED_SUBJECT.match(qm.group("n")):
                return None
            return _Cit(s, qm.end(), name=self._tidy_name(qm.group("n")), kind="name", confidence=0.8)
        if g.implements.match(text, p) and not (kind == "law" and g.law_names.match(text, p)):
            # "Kế hoạch thực hiện Nghị quyết 57": known by the document it implements; that one is cited (a listed law
            # may start so: "Luật Thực hiện dân chủ ở cơ sở", "Luật Thi hành án hình sự")
            return None
        if typ in g.drafting_before and g.drafting_before[typ].search(text, max(0, s - 24), s):
            return None  # "chuẩn bị văn kiện Đại hội 13": the papers a congress is preparing, no one document
        if kind == "plenum":
            m = RX.PLENUM.match(text, p)
            if m:
                n = m.group("n")
                c = _Cit(s, m.end(), system="party", confidence=0.9, kind="name")
                # "Nghị quyết Trung ương 4, 5, 6 và 7 khóa 12": several plenums of one term, one document each;
                # only a khóa closing the list makes the numbers plenums (not "Trung ương 4, 5 năm qua")
                more, q = [], m.end()
                nm = RX.PLENUM_MORE.match(text, q)
                while nm and len(more) < 8:
                    more.append(nm)
                    q = nm.end()
                    nm = RX.PLENUM_MORE.match(text, q)
                t = RX.TERM.match(text, q)
                if more and not (t and _term_roman(t.group("t"))):
                    more, t = [], RX.TERM.match(text, m.end())
                if t and _term_roman(t.group("t")):
                    c.term = _term_roman(t.group("t"))
                    c.end = t.end()
                term = f" khóa {c.term}" if c.term else ""
                c.canon = self._plenum_name(tname, int(n), c.term)
                # GUIDELINES 3 names a plenum's resolution in one form ("Nghị quyết Trung ương 4 khóa XII"), whatever
                # the article writes ("NQ TƯ 4 khóa 12", "Nghị quyết TW4 (khóa XII)")
                c.name = c.canon
                c.issuer = "Ban Chấp hành Trung ương Đảng" + term
                c.extra = []
                for nm in more:
                    canon2 = self._plenum_name(tname, int(nm.group("n")), c.term)
                    c.extra.append(_Cit(nm.start("n"), nm.end("n"), type=tname, system="party", confidence=0.85,
                                        kind="name", term=c.term, canon=canon2, name=canon2, issuer=c.issuer))
                if more:
                    return c
                # "Nghị quyết Trung ương 4 khóa XI, khóa XII", "(khóa XI, XII, XIII)": the 4th plenum of several
                # terms, one document each
                q2 = c.end
                t2 = RX.SECOND_TERM.match(text, q2) if c.term else None
                while t2 and _term_roman(t2.group("t") or t2.group("r")) and len(c.extra) < 5:
                    term2 = _term_roman(t2.group("t") or t2.group("r"))
                    canon2 = self._plenum_name(tname, int(n), term2)
                    x = _Cit(t2.start() + len(t2.group(0)) - len(t2.group(0).lstrip(" ,")), t2.end(),
                             type=tname, system="party", confidence=0.85, kind="name", term=term2,
                             canon=canon2, name=canon2, issuer=f"Ban Chấp hành Trung ương Đảng khóa {term2}")
                    if text[x.start:x.start + 2] == "và":
                        x.start += 3
                    c.extra.append(x)
                    q2 = t2.end()
                    t2 = RX.SECOND_TERM.match(text, q2)
                return c
            m = RX.PLENUM_YEAR.match(text, p)
            if m:
                # "Nghị quyết Trung ương năm 2017 về chính sách dân số trong tình hình mới": year and subject name it
                e = self._about_end(text, m.end()) or m.end()
                c = _Cit(s, e, system="party", confidence=0.8, kind="name", issue_year=int(m.group("y")),
                         issuer="Ban Chấp hành Trung ương Đảng")
                c.name = self._written_name(tname, text, p, e)
                return c
            m = RX.PLENUM_ORD.match(text, p)
            if m:
                o = m.group("ord")
                n = int(o) if o.isdigit() else _WORD_ORDINALS.get(re.sub(r"\s+", " ", o.lower()))
                if n:
                    c = _Cit(s, m.end(), system="party", confidence=0.85, kind="name")
                    t = RX.TERM.match(text, m.end())
                    if t and _term_roman(t.group("t")):
                        c.term = _term_roman(t.group("t"))
                        c.end = t.end()
                    c.canon = self._plenum_name(tname, n, c.term)
                    c.name = c.canon  # "Hội nghị lần thứ tám Ban Chấp hành ..." is a description: name it canonically
                    c.issuer = "Ban Chấp hành Trung ương Đảng" + (f" khóa {c.term}" if c.term else "")
                    return c
            m = RX.CONGRESS_LOCAL.match(text, p)
            if m and "\n" not in m.group(0):
                # "Nghị quyết Đại hội Đảng bộ tỉnh", "Nghị quyết Đại hội XVI Đảng bộ thành phố": the resolution of a
                # local Party congress (REFERENCE 1.3 item 10), named as written
                body = re.sub(r"\s+", " ", m.group("body"))
                return _Cit(s, m.end(), confidence=0.7, kind="name", system="party", name=f"{tname} {body}",
                            issuer=body)
            m = RX.CONGRESS.match(text, p)
            if m:
                t = _term_roman(m.group("t"))
                if t and roman_to_int(t) <= roman_to_int(self.g.terms["party"][-1][1]):
                    c = _Cit(s, m.end(), system="party", confidence=0.9, kind="name", term=t)
                    c.name = f"{tname} Đại hội {t}"
                    start = {tt: st for st, tt in self.g.terms["party"]}.get(t)
                    c.year = int(start[:4]) if start else None
                    c.issuer = f"Đại hội đại biểu toàn quốc lần thứ {t} của Đảng"
                    return c
            # a number past the last national term is another party's congress ("nghị quyết Đại hội 20" of China)
            # or a local one; only its body and "lần thứ" / "khóa" / "nhiệm kỳ" name it
            m = RX.CONGRESS_OTHER.match(text, p)
            if m and "\n" not in m.group(0):
                body = re.sub(r"\s+", " ", m.group("body"))
                c = _Cit(s, m.end(), confidence=0.75, kind="name")
                c.name = f"{tname} {body} {m.group('kw')} {m.group('t')}"
                c.issuer = f"{body} {m.group('kw')} {m.group('t')}"
                if "Đảng" in body:
                    c.system = "party"
                return c
            m = RX.SESSION.match(text, p)
            if m and tname == "Nghị quyết":
                body = re.sub(r"\s+", " ", m.group("body"))
                qh = m.group("qh")
                c = _Cit(s, m.end(), system="state", confidence=0.8, kind="name")
                c.name = f"{tname} {body}" + (", " + re.sub(r"\s+", " ", qh.strip(" ,")) if qh else "")
                c.issuer = "Quốc hội"
                return c
            return self._about_named(text, s, p, tname)
        if kind == "law":
            return self._law(text, s, p, typ, draft)
        if kind == "fixed":
            note = RX.PLATFORM_NOTE.match(text, p) if typ == "Cương lĩnh" else None
            if note and word and word[0].isupper():
                # "Cương lĩnh (bổ sung, phát triển năm 2011)": the Party's platform as revised that year
                return self._platform(s, note.end(), f"{tname} {self._tidy_name(note.group(0))}", note)
            if typ in g.fixed_starts and not g.fixed_starts[typ].match(text, p):
                return None  # "Cương lĩnh hành động Bắc Kinh" is not the Party's Cương lĩnh
            cm = RX.PARTY_CHARTER.match(text, p) if typ == "Điều lệ" else None
            if cm:  # "Điều lệ Đảng nhiệm kỳ ...": the charter's name is the Party's, nothing more
                e, name = cm.end(), self._tidy_name(cm.group(0))
            else:
                e, name = self._scan_name(text, p, allow_comma=False, first_cap=False, max_tokens=16,
                                          stop_at_type=True)  # "Điều lệ Đảng quy định ...": a type word is a verb here
            if not name or (word and word[0].islower() and name[0].islower()):
                return None
            cut = RX.FIXED_AND.search(text, p, e)
            if cut:  # "Điều lệ Đảng và thư gửi ...": the name ends before "và" and a common noun
                e, name = cut.start(), self._tidy_name(text[p:cut.start()])
            note = RX.PLATFORM_NOTE.match(text, e) if typ == "Cương lĩnh" else None
            if note:  # "Cương lĩnh xây dựng đất nước ... (bổ sung, phát triển năm 2011)": the note is in the title
                return self._platform(s, note.end(), f"{tname} {name} {self._tidy_name(note.group(0))}", note)
            return _Cit(s, e, name=f"{tname} {name}", kind="name", confidence=0.85,
                        system="party" if typ == "Cương lĩnh" or name.lower().startswith("đảng") else None,
                        canon="Điều lệ Đảng" if cm else None)  # one key for both written forms
        if kind == "statement":
            return self._statement(text, s, p, tname, word)
        if kind == "bilateral":
            return self._bilateral(text, s, p, tname, word)
        if kind == "proper" or (kind == "draft" and draft):
            return self._proper(text, s, p, typ, kind, word, draft)
        return None

    @staticmethod
    def _platform(s: int, e: int, name: str, note: re.Match) -> _Cit:
        """The Party's platform as revised in a year; every written form of it shares one key."""
        year = note.group("y") or note.group("y0")
        return _Cit(s, e, name=name, kind="name", confidence=0.85, system="party",
                    canon=f"Cương lĩnh (bổ sung, phát triển năm {year})" if year else None)

    def _foreign(self, text: str, s: int, e: int) -> bool:
        """A document cited by name is another country's (or party's) when a foreign country follows it ("Hiến pháp
        Mỹ"), is inside its name with no Việt Nam ("Luật Hồi hương của Israel"), or acts just before it in the same
        clause ("Tổng thống Philippines ký ban hành Luật ...", "ủng hộ Lào thực hiện Nghị quyết Đại hội XI"); see
        foreign.json. Bounded windows: linear."""
        g = self.g
        fa = g.foreign_after.match(text, e)
        if fa and not self._place_name(text, fa.end()):
            return True
        if g.home.search(text, s, e) or RX.HOME_AFTER.match(text, e):
            return False  # "Chương trình Hành động ... Việt Nam - Australia", "Luật Đất đai 2024 của Việt Nam"
        # from s + 1: "Pháp lệnh" is not France
        if any(not self._place_name(text, m.end()) for m in g.country.finditer(text, s + 1, e)):
            return True
        ws = max(0, s - 100)
        cut = max(text.rfind(ch, ws, s) for ch in ".!?;\n")
        ws = max(ws, cut + 1)
        last = None
        for m in g.country.finditer(text, ws, s):
            if not self._place_name(text, m.end()):
                last = m
        if last is None or g.home.search(text, last.end(), s) or not g.actor_verb.search(text, last.end(), s):
            return False
        before = text[max(ws, last.start() - 24):last.start()]
        pw = re.search(r"([^\W\d_]+)\s{1,3}$", before)
        if pw and pw.group(1)[0].isupper():
            return False  # "Nguyễn Minh Đức", "Thị Nga": a person's name, not a country
        return not g.not_actor_before.search(before)

    def _foreign_issuer(self, issuer: str | None) -> bool:
        """'Nghị quyết 1701 của Hội đồng Bảo an Liên Hợp Quốc', '... của Quốc hội Lào': an international body or a
        foreign country issued it (not annotated), unless Việt Nam is named too."""
        g = self.g
        if not issuer or g.home.search(issuer):
            return False
        return bool(g.international.search(issuer)
                    or any(not self._place_name(issuer, m.end()) for m in g.country.finditer(issuer)))

    @staticmethod
    def _place_name(text: str, e: int) -> bool:
        """A country word followed by a capitalised word is part of a Vietnamese place's name (Lào Cai, Mỹ Phú,
        Nga Sơn) or a longer one (Ấn Độ Dương)."""
        m = RX.FOLLOW_WORD.match(text, e)
        return bool(m and m.group(1)[0].isupper() and m.start(1) - e <= 2)

    def _proper(self, text: str, s: int, p: int, tname: str, kind: str, word: str | None, draft: bool) -> _Cit | None:
        """A programme, strategy, plan, scheme, master plan or protocol by name, or a draft ("dự thảo Nghị định
        ..."): the name runs to its period, else to the first stop word; see the module docstring."""
        g = self.g
        typ = tname
        listed = self._programme_list(text, s, tname)
        if listed:
            return listed
        lower_ok = word and g.lowercase_named.match(text, s)
        if word and not lower_ok:
            # "chương trình xây dựng luật, pháp lệnh năm 2020": named by the year that follows
            lower_ok = g.lowercase_dated.match(text, s)
            if lower_ok and not RX.YEAR_NEXT.match(text, lower_ok.end()):
                lower_ok = None
        known = g.known_programme.match(text, s) if word else None  # "Chương trình mỗi xã, phường một sản phẩm"
        if not (word and word[0].isupper()) and not lower_ok and not known:
            return None  # "dự thảo nghị định hướng dẫn", "kế hoạch sản xuất": the kind of paper
        if g.count_before.search(text, max(0, s - 12), s):
            return None  # "10 Chương trình công tác của Thành ủy Hà Nội": several papers, none named
        q = p
        issuer = None
        if draft:
            e, issuer = self._issuer(text, p)
            if issuer:
                q = e
            elif g.issuer_head.match(text, p + len(text[p:p + 3]) - len(text[p:p + 3].lstrip())):
                return None  # "Dự thảo Nghị định Bộ Giao thông vận tải vừa trình": the body drafting it, no name
        qual = g.qualifier.match(text, q)
        if qual:
            q = qual.end()  # "Kế hoạch hành động quốc gia ...": the qualifier is part of the name
        nx = RX.TOK.match(text, q)
        if nx and nx.group("w") and nx.group("w")[0].isupper() and g.trigger.match(text, nx.start("w")):
            # "Chương trình hành động Nghị quyết số 36 của TƯ": known by the document it implements (GUIDELINES 5);
            # that one is cited
            return None
        anchor = self._period_end(text, q) if kind == "proper" else None
        if not anchor and not draft and g.not_yet_made.search(text, max(0, s - 50), s):
            return None  # "sẽ ban hành Đề án cải cách tiền lương mới": still to be made, known by its subject only
        if not anchor and not draft and g.subject_opener.search(text, max(0, s - 24), s):
            return None  # "Quyết định số 452/2017 về việc phê duyệt Đề án đẩy mạnh ...": the decision's subject
        if anchor:
            # "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025": the name runs to the period
            e, name = anchor, self._tidy_name(text[q:anchor])
            only = g.period.match(name)
            if only and only.end() == len(name) and not qual and not name[:1].isdigit():
                # "Chương trình trong giai đoạn 2011 - 2020": a period alone names no programme ("Chương trình hành
                # động giai đoạn 2024-2028" keeps its qualifier and is named, "Kế hoạch 5 năm 2021-2025" its span)
                return None
        elif known:
            e, name = known.end(), self._tidy_name(text[q:known.end()])
        else:
            # a draft's name stops at the first function word ("dự thảo Báo cáo chính trị với ...")
            e, name = self._scan_name(text, q, allow_comma=not draft, first_cap=False, max_tokens=16 if draft else 32,
                                      allow_ve=draft, proper=True, quoted=True, strict=draft)
        if (not draft and not lower_ok and not anchor and not known and self._sentence_start(text, s)
                and not (name and (g.strong_cue.search(name) or ROMAN_END.search(name)))):
            return None  # "Kế hoạch của tôi ...", "Chương trình còn có ...": a common noun opening the sentence
        of = RX.OF.match(text, e)
        if (name and not draft and word and word[0].isupper() and len(name.split()) < 3
                and of and g.issuer_head.match(text, of.end())):
            # "Quy chế làm việc của Ban Chấp hành Trung ương, Bộ Chính trị và Ban Bí thư khóa 13": the issuer names it
            ie, issuer = self._issuer(text, e)
            if issuer and not any(w[0].isupper() for w in g.generic_body.sub(" ", issuer).split()):
                return None  # "Quy chế làm việc của Ban cán sự đảng", "... của Đảng ủy và UBND xã": whose, the text
                # does not say; known by its subject only (GUIDELINES 5)
            if issuer:
                of_word = of.end() - len(of.group(0).lstrip(" ,"))
                name, e = self._tidy_name(f"{name} {text[of_word:ie]}"), ie
        if name and self._implements_inside(text, q, e):
            return None  # "Kế hoạch cụ thể thực hiện hiệu quả Hiệp định CPTPP": known by what it implements
        if name and not anchor and name.lower().startswith("về "):
            return None  # "dự thảo Quyết định về chức năng ...": known only by its subject
        if name and typ in g.subject_heads and g.subject_heads[typ].match(name):
            return None  # "dự thảo Báo cáo tổng kết 10 năm xây dựng Luật ...": what it reviews, not a name
        if (not name or len(name.split()) < (2 if draft or ORDINAL_END.search(name) else 3) or g.implements_end.search(name)
                or name.lower() in g.generic_names):
            return None  # "Kế hoạch thực hiện", "Quy chế làm việc", "Báo cáo đánh giá 5 năm thực hiện": the kind of paper
        toks = name.split()
        if 2 <= len(toks) <= 4 and toks[0] in g.person_surnames and all(x[0].isupper() for x in toks):
            return None  # "Tổ Biên tập Đề án Trần Văn Tuý trình bày": a person's name, not the scheme's
        if name.lower().startswith(g.agenda_starts):
            return None  # "Chương trình nghị sự 2030", "Chương trình nghị sự APEC ...": an agenda, not a paper
        fm = g.foreign_in_name.search(name)
        if fm and not g.implements_in.search(name, 0, fm.start()):
            return None  # "Kế hoạch Tổng thể về Kết nối ASEAN", "Nghị định thư Kyoto": a multilateral text
        if lower_ok and not word[0].isupper() and e <= lower_ok.end():
            return None  # "chương trình mục tiêu quốc gia" alone: the kind, not one programme
        if qual:
            name = f"{self._tidy_name(qual.group(0))} {name}"
        ym = RX.YEAR_AFTER_NAME.match(text, e) if not anchor else None
        if ym:  # "Chương trình Giáo dục phổ thông 2018"; "Chiến lược phát triển kinh tế - xã hội 2011 - 2020": a range
            rt = RX.YEAR_RANGE_TAIL.match(text, ym.end())
            end = rt.end() if rt else ym.end()
            name, e = f"{name} {self._tidy_name(text[ym.start():end])}", end
        if typ in g.needs_cue and not (draft or anchor or lower_ok or known or issuer
                                       or self._policy_cue(text, s, e, name)):
            return None  # "Chương trình nghệ thuật khai trương mùa du lịch": an event, not a State or Party paper
        return _Cit(s, e, name=f"{tname} {name}", kind="name", confidence=0.7 if draft else 0.6, issuer=issuer)

    def _about_named(self, text: str, s: int, p: int, tname: str) -> _Cit | None:
        """'Nghị quyết về Chiến lược phát triển bền vững kinh tế biển Việt Nam đến năm 2030, tầm nhìn đến năm 2045':
        a resolution without a number whose subject is a named strategy, plan or programme is named by it, one
        document (the strategy is what the resolution adopts); a subject without a name is no name (GUIDELINES 5)."""
        g = self.g
        ab = RX.ABOUT.match(text, p)
        if not ab:
            return None
        tm = g.trigger.match(text, ab.end())
        if not tm or not tm.group("word") or not tm.group("word")[0].isupper():
            return None
        typ2 = g.word_to_type[" ".join(tm.group("word").lower().split())]
        if g.types[typ2].named != "proper":
            return None
        inner = self._named(text, tm.start(), tm.end(), typ2, g.types[typ2], tm.group("word"))
        if inner is None or not inner.name or not self._period_end(text, tm.end()):
            return None  # only a name closed by its period is taken for the resolution's own
        return _Cit(s, inner.end, name=f"{tname} về {inner.name}", kind="name", confidence=0.6)

    def _programme_list(self, text: str, s: int, tname: str) -> _Cit | None:
        """Several national target programmes named after one type word ("Chương trình mục tiêu quốc gia xây dựng
        nông thôn mới, giảm nghèo bền vững", "các Chương trình MTQG giảm nghèo bền vững và xây dựng nông thôn mới"):
        one document each, the whole list the first one's citation; a period closing the list belongs to each."""
        g = self.g
        m = g.programme_list.match(text, s)
        if not m:
            return None
        head = self._tidy_name(m.group("head"))
        spans = [(m.start("s"), m.end("s"))]
        q = m.end()
        nx = g.programme_next.match(text, q)
        while nx and len(spans) < 8:
            spans.append((nx.start("s"), nx.end("s")))
            q = nx.end()
            nx = g.programme_next.match(text, q)
        period = ""
        pm = RX.PERIOD_AFTER_LIST.match(text, q)
        if pm:
            pe = g.period.match(text, pm.end())
            if pe:
                period, q = " " + self._tidy_name(pe.group(0)), pe.end()
        cits = [_Cit(a, b, type=tname, kind="name", confidence=0.8,
                     name=f"{tname} {head} {self._tidy_name(text[a:b])}{period}") for a, b in spans]
        first = cits[0]
        first.start, first.end, first.extra = s, q, cits[1:]
        return first

    def _implements_inside(self, text: str, q: int, e: int) -> bool:
        """An implementing verb within the first words of a name, followed within three words by another document
        ("cụ thể thực hiện hiệu quả Hiệp định CPTPP")."""
        g = self.g
        m = g.implements_in.search(text, q, min(e, q + 40))
        if not m or g.strong_cue.search(text, q, m.start()):
            return False  # "Kế hoạch hành động quốc gia thực hiện Chương trình nghị sự 2030": its own name
        r = m.end()
        for _ in range(4):
            t = RX.TOK.match(text, r, e)
            if not t or not t.group("w"):
                return False
            w = t.group("w")
            if w[0].isupper() and (g.trigger.match(text, t.start("w")) or g.other_instrument.match(text, t.start("w"))):
                return True
            r = t.end()
        return False

    def _policy_cue(self, text: str, s: int, e: int, name: str) -> bool:
        """A programme, strategy, plan or scheme named without a period is a State or Party paper when its name
        says so (quốc gia, tổng thể, a year), an issuer follows (của Chính phủ) or an official verb comes just
        before it (ban hành, phê duyệt, triển khai ...)."""
        g = self.g
        if re.search(RX._YEAR, name) or g.strong_cue.search(name):
            return True
        of = RX.OF.match(text, e)
        if of and g.issuer_head.match(text, of.end()):
            return True
        return bool(g.official_before.search(text, max(0, s - 40), s))

    def _statement(self, text: str, s: int, p: int, tname: str, word: str | None) -> _Cit | None:
        """A joint statement is named by its parties ("Tuyên bố chung Việt Nam - Trung Quốc"), its year, its
        subject ("về quan hệ đối tác quốc phòng") or its period; "hai bên ra Tuyên bố chung" is the visit's one."""
        g = self.g
        if not (word and word[0].isupper()) or g.multilateral.match(text, p):
            return None  # "Tuyên bố chung Cấp cao ASEAN - ...": a multilateral text
        pm = g.parties.match(text, p + len(text[p:p + 3]) - len(text[p:p + 3].lstrip()))
        period_end = self._period_end(text, p)
        e = period_end or self._about_end(text, p)
        if e is None and pm:
            # "Tuyên bố chung Việt Nam-Nhật Bản Trước lễ đón ...": the name ends with its parties
            ym = RX.YEAR_AFTER_NAME.match(text, pm.end())
            e = ym.end() if ym else pm.end()
            e = self._about_end(text, e) or e
        elif e is None:
            e, name = self._scan_name(text, p, allow_comma=False, first_cap=True, max_tokens=8, caps_after_first=True)
            if not name or len(name.split()) < 2:
                if (g.statement_verbs.search(text, max(0, s - 30), s)
                        and not g.multilateral_near.search(text, max(0, s - 200), min(len(text), p + 200))):
                    return _Cit(s, p, name=tname, kind="name", confidence=0.5)
                return None
            ym = RX.YEAR_AFTER_NAME.match(text, e)
            e = ym.end() if ym else e
            e = self._about_end(text, e) or e  # "Tuyên bố chung Việt Nam - Brazil về việc nâng cấp quan hệ ..."
        elif len(text[p:e].split()) < 4:
            return None  # "Tuyên bố chung về việc này"
        elif not period_end:
            pe = g.parties.search(text, p, e)
            if pe:  # "... Đối tác Chiến lược Việt Nam - Australia cùng nhiều thỏa thuận ...": the parties close the name
                e = pe.end()
        return _Cit(s, e, name=f"{tname} {self._tidy_name(text[p:e])}", kind="name", confidence=0.7)

    def _bilateral(self, text: str, s: int, p: int, tname: str, word: str | None) -> _Cit | None:
        """A bilateral agreement named by its subject and its parties, Việt Nam and another country ("Thỏa thuận về
        những nguyên tắc cơ bản chỉ đạo giải quyết vấn đề trên biển Việt Nam - Trung Quốc"): the name runs to the
        last pair of parties in the clause, or to the foreign party after "giữa ... Việt Nam và ...". Without the parties
        the word is the common noun (đạt được thỏa thuận)."""
        g = self.g
        if not (word and word[0].isupper()):
            return None
        stop = RX.CLAUSE_END.search(text, p, min(len(text), p + 250))
        lim = stop.start() if stop else min(len(text), p + 250)
        nxt = g.trigger.search(text, p, lim)
        lim = nxt.start() if nxt else lim
        end = None
        for m in g.parties.finditer(text, p, lim):
            end = m.end()
        if end is None:
            # "Thỏa thuận hợp tác giữa Quốc hội Việt Nam và Hội đồng Liên bang Nga": the parties after "giữa ... và"
            between = RX.BETWEEN.search(text, p, lim)
            home = between and g.home.search(text, between.end(), lim)
            and_ = home and RX.AND.search(text, home.end(), lim)
            if and_:
                for m in g.country.finditer(text, and_.end(), lim):
                    if not self._place_name(text, m.end()):
                        end = m.end()
        if end is None or not text[p:end].strip():
            return None
        return _Cit(s, end, name=f"{tname} {self._tidy_name(text[p:end])}", kind="name", confidence=0.6,
                    system="state")

    def _about_end(self, text: str, p: int) -> int | None:
        """End of a "về ..." subject that is part of a name: up to a comma, sentence punctuation or a verb."""
        if not RX.ABOUT.match(text, p):
            return None
        g, q, end = self.g, p, None
        for _ in range(30):
            t = RX.TOK.match(text, q)
            if t and t.group("p") in ("-", "–") and end:
                q = t.end()  # "Tầm nhìn quan hệ Việt - Mỹ"
                continue
            if not t or not t.group("w") or "\n" in text[q:t.end()] or t.group("w").lower() in g.about_stops:
                break
            q = end = t.end()
        return end

    def _period_end(self, text: str, p: int) -> int | None:
        """End of the period that closes a name starting at ``p``, when one comes within the clause (bounded)."""
        g = self.g
        q = p
        for _ in range(40):
            t = RX.TOK.match(text, q)
            if not t or t.end() == q or "\n" in text[q:t.end()]:
                return None
            w = t.group("w")
            if w:
                if w.lower() in g.anchor_stops or (w[0].isupper() and q > p and self._type_word_at(text, t.start("w"))):
                    return None
                pm = g.period.match(text, t.start("w"))
                if pm:
                    return pm.end()
            elif t.group("p") not in (",", "-", "–"):
                return None
            q = t.end()
        return None

    def _type_word_at(self, text: str, i: int) -> bool:
        """A type word at ``i`` that opens another document: not one inside an organisation's name or a partnership
        ("quan hệ Đối tác Chiến lược Toàn diện", "Bộ Kế hoạch và Đầu tư"), as the trigger scan decides too."""
        g = self.g
        return bool(g.trigger.match(text, i)) and not g.not_after.search(text, max(0, i - 12), i)

    @staticmethod
    def _tidy_name(raw: str) -> str:
        return re.sub(r"\s+", " ", raw).strip(" ,")

    @staticmethod
    def _written_name(tname: str, text: str, p: int, e: int) -> str:
        """The name as the article writes it after the type word ("Nghị quyết TƯ 4, khóa 12")."""
        rest = re.sub(r"\s+", " ", text[p:e]).strip()
        rest = re.sub(r"^(?:của|Của)\s", "", rest)
        if rest.count("(") > rest.count(")"):
            rest = re.sub(r"\s?\(\s?", " ", rest)  # "Nghị quyết Trung ương 8 (khóa IX, XI)": the first of two, no bracket left open
        return f"{tname} {rest}"

    @staticmethod
    def _plenum_name(tname: str, n: int, term: str | None) -> str:
        """The one form of a plenum's paper (GUIDELINES 3, REFERENCE 1.3): "Nghị quyết Trung ương 4 khóa XII", but
        "Kết luận Hội nghị Trung ương 4 khóa XIII"."""
        return f"{tname}{'' if tname == 'Nghị quyết' else ' Hội nghị'} Trung ương {n}" + (f" khóa {term}" if term else "")

    @staticmethod
    def _sentence_start(text: str, s: int) -> bool:
        j = s - 1
        while j >= 0 and text[j] == " ":
            j -= 1
        return j < 0 or text[j] in ".!?\n\"“"

    def _law(self, text: str, s: int, p: int, typ: str, draft: bool) -> _Cit | None:
        g = self.g
        tname = typ
        if typ == "Hiến pháp":
            m = RX.HIEN_PHAP_YEAR.match(text, p)
            if not m and not text[s].isupper():
                return None  # "tuân thủ hiến pháp và pháp luật": the constitution in general
            e = m.end() if m else p
            name = "Hiến pháp" + (re.sub(r"\s+", " ", text[p:e]) if m else "")
            canon = f"Hiến pháp năm {m.group('y')}" if m else None
            c = _Cit(s, e, name=name, kind="name", system="state", confidence=0.9 if m else 0.8, issuer="Quốc hội")
            if m:
                c.year, c.canon = int(m.group("y")), canon
            return c
        if g.inside_other.search(text, max(0, s - 80), s):
            return None  # "Công ước của Liên Hợp Quốc về Luật Biển": the law is part of a treaty's name
        if RX.ACT_BEFORE.search(text, max(0, s - 12), s):
            return None  # "Đạo luật Quản lý Y tế Công cộng": news calls another state's act "đạo luật"
        plural = typ in ("Luật", "Bộ luật") and bool(g.law_list_before.search(text, max(0, s - 16), s))
        if plural:
            colon = RX.LAW_LIST_COLON.match(text, p)
            if colon:
                p = colon.end()  # "các luật: Quốc phòng; ...": the list follows the colon
        prefix = ""
        q = p
        am = RX.AMENDING_LAW.match(text, p)
        inner_start = None
        if am:
            prefix = " " + re.sub(r"\s+", " ", am.group("a")).strip()
            lm = RX.LAW_WORD.match(text, am.end())
            inner_start = am.end() + (len(lm.group(0)) - len(lm.group(0).lstrip()))
            q = lm.end()
            prefix += " " + ("Luật" if lm.group(1).lower() == "luật" else "Bộ luật")
        lm = g.law_names.match(text, q)
        if (lm and typ == "Pháp lệnh"
                and self._scan_name(text, q, allow_comma=True, first_cap=True, max_tokens=14)[0] > lm.end()):
            # laws.txt lists laws and codes; an ordinance may have a longer name of its own ("Pháp lệnh Lao động công
            # ích" is not "Bộ luật Lao động"): the capitalised name read on wins
            lm = None
        title = None  # the listed title when the article writes a variant of it
        if lm:
            e = lm.end()
            body = self._canon_law(lm.group("n"))
            title = self._law_title(body)
            conf = 0.9
        else:
            e, body = self._scan_name(text, q, allow_comma=True, first_cap=True, max_tokens=14)
            if not body and draft and text[s].isupper():
                # "dự thảo Luật tham gia lực lượng gìn giữ hòa bình của Liên Hợp Quốc": drafts are often written so
                e, body = self._scan_name(text, q, allow_comma=False, first_cap=False, max_tokens=14)
                if body and len(body.split()) < 3:
                    body = None
            if not body and text[s].isupper():
                # "Pháp lệnh dân số năm 2003": a lower-case name is a law's name when the year of passage closes it
                e, body = self._scan_name(text, q, allow_comma=False, first_cap=False, max_tokens=6)
                if not body or not re.search(rf"(?:^|\s){RX._YEAR}$", body):
                    return None
            if not body:
                return None
            toks = body.split()
            if toks[0] in g.not_law_name_starts:
                return None  # "9 dự luật QH cho ý kiến": the body, not a law's name
            if body in g.name_abbr:
                body = g.name_abbr[body][0]
            elif (len(toks) < 2 or (toks[1][0].isupper() and not toks[1].isupper())
                  or g.issuer_head.match(body) and not g.law_names.match(" " + body)):
                return None  # "luật Đảng", "Luật Hà Nội": not a law's name
            conf = 0.75
        inner_body, inner_end = body, e
        second = None
        ab = RX.AND_LAW.match(text, e) if inner_start is not None else None
        if ab:
            # "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương":
            # one amending law whose name runs through the second law it amends; that one is cited too
            lm2 = g.law_names.match(text, ab.end())
            if lm2:
                e2, body2 = lm2.end(), self._canon_law(lm2.group("n"))
            else:
                e2, body2 = self._scan_name(text, ab.end(), allow_comma=True, first_cap=True, max_tokens=14)
            if body2:
                word2 = "Luật" if ab.group("w").lower() == "luật" else "Bộ luật"
                second = _Cit(ab.start("w"), e2, kind="name", system="state", confidence=conf, issuer="Quốc hội",
                              name=f"{word2} {body2}", type=word2)
                body, e = f"{body} và {word2} {body2}", e2
        pa = RX.ABBR_BEFORE_YEAR.match(text, e)
        if pa:
            e = pa.end()  # "luật Phòng, chống tham nhũng (PCTN) năm 2018": the abbreviation is not part of the name
        if typ == "Luật" and not prefix and not plural and (title or body).lower() in g.codes:
            tname = "Bộ luật"  # "luật Lao động (sửa đổi) năm 2019", "theo luật hình sự": the code, cited as a law
        name = f"{tname}{prefix} {body}"
        c = _Cit(s, e, kind="name", system="state", confidence=conf, issuer="Quốc hội")
        ym = re.search(rf"\s({RX._YEAR})$", body)
        if ym:
            c.year = int(ym.group(1))
        ym = RX.YEAR_AFTER_NAME.match(text, e)
        if ym:
            c.year = int(ym.group("y"))
            name += f" {'năm ' if ym.group('w') else ''}{ym.group('y')}"
            e = ym.end()
        amd = RX.AMEND_NOTE.match(text, e) if c.year else None
        if amd:
            # "Pháp lệnh dân số năm 2003, sửa đổi năm 2008", "Bộ luật Hình sự 2015 (sửa đổi, bổ sung năm 2017)": the
            # law of that year as later amended, one document; the note is in the citation, not in the name (both
            # tuning annotators name it "Bộ luật Hình sự 2015"). "(sửa đổi)" with no year is a new law (below)
            e = amd.end()
        else:
            amd = RX.AMEND.match(text, e)
            if amd:
                # as written: "Luật Điện lực (sửa đổi)", "Luật Di sản văn hóa sửa đổi" (a new law replacing the
                # old one); the key folds both
                name += " " + self._tidy_name(amd.group(0))
                e = amd.end()
                ym = RX.YEAR_AFTER_NAME.match(text, e) if not c.year else None
                if ym:  # "Luật Quốc phòng sửa đổi năm 2018": the new law's year
                    c.year = int(ym.group("y"))
                    name += f" {'năm ' if ym.group('w') else ''}{ym.group('y')}"
                    e = ym.end()
        c.end = e
        c.name = name
        if tname != typ:
            c.type = tname
        if title:
            # "Luật Phòng chống tác hại của bia rượu 2019" and "... của rượu bia": one law, one key
            c.canon = name.replace(f" {body}", f" {title}", 1)
        if inner_start is not None:
            # the amending law names the law it amends: that one is cited too
            inner_word = "Luật" if prefix.endswith("Luật") and inner_body.lower() not in g.codes else "Bộ luật"
            inner = _Cit(inner_start, inner_end, kind="name", system="state", confidence=conf,
                         issuer="Quốc hội", name=f"{inner_word} {inner_body}", type=inner_word,
                         canon=f"{inner_word} {title}" if title else None)
            c.extra = [inner] + ([second] if second else [])
        if plural and inner_start is None:
            ab = RX.LAW_ITEM_ABBR.match(text, c.end)
            more = self._law_list(text, ab.end() if ab else c.end, typ)
            if more:
                c.extra = more
                return c
        # "Luật Tổ chức Quốc hội số 57/2014/QH13": a number after the name
        sm = RX.SO_AFTER_NAME.match(text, e)
        if sm:
            st = RX.STATE_SYMBOL.match(text, sm.end())
            if st:
                sc = self._state(st, typ)
                if sc:
                    for f in ("number", "symbol", "year", "issuer", "issuer_abbr", "term"):
                        setattr(c, f, getattr(sc, f) or getattr(c, f))
                    c.kind = "symbol"
                    c.subject = body
                    c.end = st.end()
        return c

    def _law_title(self, body: str) -> str | None:
        """The listed title a law's written name stands for when the article words it otherwise: a variant in
        laws.txt, or abbreviated words ("Hoạt động giám sát của Quốc hội và HĐND" -> "... và Hội đồng nhân dân")."""
        g = self.g
        title = g.law_variants.get(_law_fold(body))
        if title or not g.law_words_re.search(body):
            return title
        full = g.law_words_re.sub(lambda m: g.law_words_expansion[m.group(1)], body)
        listed = self._canon_law(full)
        return g.law_variants.get(_law_fold(full)) or (listed if listed in self.g.laws else None)

    def _law_list(self, text: str, e: int, typ: str) -> list[_Cit]:
        """The further laws of a list after a plural law word, from the end ``e`` of the first (named.json
        law_list_before): after a semicolon an item runs to the next one ("Sửa đổi, bổ sung 11 luật có quy định liên
        quan đến quy hoạch"); after a comma or 'và' it is a listed law or a capitalised name of two or more words."""
        g = self.g
        out: list[_Cit] = []
        semicolon = None
        while len(out) < 12:
            sep = RX.LAW_LIST_SEP.match(text, e)
            if not sep:
                break
            if semicolon is None:
                semicolon = sep.group("sep") == ";"
            if semicolon != (sep.group("sep") == ";") and not (semicolon and sep.group("and")):
                break  # a comma after a semicolon list: the sentence goes on
            q = sep.end()
            if semicolon:
                stop = RX.LAW_ITEM_END.search(text, q, min(len(text), q + 160))
                end = stop.start() if stop else -1
                # "...; Xử lý vi phạm hành chính, vừa được Quốc hội thông qua": a comma and a stop word, or a tense or
                # passive word, end the last item; a stop word left at its end goes too
                spans = []
                for t in RX.TOK.finditer(text, q, max(q, end)):
                    w = t.group("w")
                    if not w:
                        continue
                    if (spans and w[0].islower()
                            and (w in g.name_stop and text[q:t.start()].rstrip().endswith(",") or w in g.clause_markers)):
                        break
                    spans.append((t.start("w"), t.end("w"), w))
                while spans and spans[-1][2] in g.name_stop:
                    spans.pop()
                end = spans[-1][1] if spans else -1
                body = self._tidy_name(text[q:end]) if end > q else ""
                if not body or not body[0].isupper() or len(body.split()) > 16 or g.trigger.match(text, q):
                    break
                year = None
            else:
                if g.trigger.match(text, q):
                    break  # "..., luật Xây dựng": the next law has its own type word
                lm = g.law_names.match(text, q - 1)
                if lm:
                    end, body = lm.end(), self._canon_law(lm.group("n"))
                else:
                    end, body = self._scan_name(text, q - 1, allow_comma=False, first_cap=True, max_tokens=8)
                    if (not body or (len(body.split()) < 2 and body not in g.name_abbr)
                            or not RX.LAW_ITEM_CLOSED.match(text, end)):
                        break  # "TNMT làm chậm quá trình ...": not a name that ends with its item
                ym = RX.YEAR_AFTER_NAME.match(text, end)
                year = int(ym.group("y")) if ym else None
                if ym:
                    body, end = f"{body} {self._tidy_name(ym.group(0))}", ym.end()
            ab = RX.LAW_ITEM_ABBR.match(text, end)
            if ab and not semicolon:
                end = ab.end()  # "Công an nhân dân (CAND), Đặc xá": the abbreviation is not in the name
            title = self._law_title(body)
            out.append(_Cit(q, end, type=typ, kind="name", system="state", confidence=0.7, issuer="Quốc hội",
                            name=f"{typ} {body}", year=year, canon=f"{typ} {title}" if title else None))
            e = end
        return out

    def _canon_law(self, written: str) -> str:
        low = re.sub(r"\s+", " ", written).lower()
        for law in self.g.laws:
            if law.lower() == low:
                return law
        return re.sub(r"\s+", " ", written)

    def _of_proper(self, text: str, e: int) -> bool:
        """'của' inside a name: followed by a capitalised name that is not an issuer ("... của Liên Hợp Quốc")."""
        nx = RX.TOK.match(text, e)
        return bool(nx and nx.group("w") and nx.group("w")[0].isupper() and not self.g.issuer_head.match(text, nx.start("w"))
                    and not self.g.trigger.match(text, nx.start("w")))

    @staticmethod
    def _segment_words(text: str, q: int, stops: set, clause_verbs: set = frozenset(), names_end: bool = True,
                       limit: int = 9, verb_after: int = 1, and_ends: bool = True) -> int:
        """Words after a comma up to the next punctuation or stop word (at most ``limit``; "và" ends them
        unless ``and_ends`` is off); 99 when the comma opens a new clause (a clause verb after at least
        ``verb_after`` words: "..., tỉnh đã có 80 xã") or a list of names."""
        n = 0
        while n < limit:
            t = RX.TOK.match(text, q)
            if t and t.group("w") and n >= verb_after and t.group("w").lower() in clause_verbs:
                return 99
            if (not t or not t.group("w") or "\n" in t.group(0) or t.group("w").lower() in stops
                    or (and_ends and t.group("w") == "và")):
                break
            if names_end and t.group("w")[0].isupper():
                return 99  # a list of names after the comma: the document's name has ended
            n += 1
            q = t.end()
        return n

    def _scan_name(self, text: str, p: int, allow_comma: bool, first_cap: bool, max_tokens: int,
                   allow_ve: bool = False, proper: bool = False, quoted: bool = False,
                   caps_after_first: bool = False, stop_at_type: bool = False,
                   strict: bool = False) -> tuple[int, str | None]:
        """Read a document name after its type word: words up to a stop word, sentence punctuation or another
        document. Returns (end, name) with parenthesised abbreviations dropped and MTQG-like ones expanded."""
        g = self.g
        mid_stop = g.mid_stop_draft if strict else g.mid_stop_proper if proper else g.mid_stop_law
        q = p
        words: list[tuple[int, int]] = []      # accepted word tokens
        cut: list[tuple[int, int]] = []        # dropped spans "(MTQG)"
        while len(words) < max_tokens:
            t = RX.TOK.match(text, q)
            if not t or t.end() == q or "\n" in text[q:t.end()]:
                break
            if not words and not t.group(0).startswith(" "):
                break
            w, punct = t.group("w"), t.group("p")
            if w:
                lw = w.lower()
                if not words:
                    if first_cap and not w[0].isupper():
                        break
                    if ((lw in g.name_stop and not (allow_ve and lw == "về")) or w.isdigit() or lw == "và"
                            or g.verb_stop.match(text, t.start("w"))):
                        break
                else:
                    if not w[0].isupper() and lw in mid_stop and not (lw == "của" and self._of_proper(text, t.end())):
                        # "phòng không", and from this word on "hành chính": compounds, not stop words
                        compound = (any((cm := g.compound_re.match(text, a)) and cm.end() >= t.end("w")
                                        for a, _ in words[-2:]) or g.stop_compound.match(text, t.start("w")))
                        # "giai đoạn từ năm 2021 đến năm 2025" belongs to a programme's name, never to a law's
                        # ("Pháp lệnh Tình báo từ năm 1996")
                        if not compound and not (lw in (("đến", "năm", "từ") if proper else ("năm",))
                                                 and RX.YEAR_NEXT.match(text, t.end())):
                            break
                    if lw == "của" and RX.OF_ISSUER.match(text, t.end()) and (
                            g.issuer_head.match(text, RX.OF_ISSUER.match(text, t.end()).end())
                            or g.of_generic_holder.match(text, RX.OF_ISSUER.match(text, t.end()).end())):
                        break  # "... của Quốc hội", "... của tỉnh": the issuer or the place it belongs to, not the name
                    if lw == "và" and not self._joined(text, words[-1][0], t.end("w")):
                        nx = RX.TOK.match(text, t.end())
                        if (not nx or not nx.group("w") or nx.group("w").lower() in g.name_stop
                                or nx.group("w").lower() in g.clause_words or g.trigger.match(text, nx.start("w"))):
                            break  # "... và Luật Viên chức", "Luật X và Điều 10 Nghị định 40": the name has ended
                    prev = text[words[-1][0]:words[-1][1]].lower()
                    if re.fullmatch(RX._YEAR, w) and prev not in ("đến", "năm", "kỳ", "đoạn", "từ") and \
                            text[words[-1][1]:t.start("w")].strip() not in ("-", "–"):
                        break
                    if (w[0].isupper() or stop_at_type) and self._type_word_at(text, t.start("w")):
                        break
                    ih = g.issuer_head.match(text, t.start("w")) if w[0].isupper() else None
                    if ih and RX.ACTS_NEXT.match(text, ih.end()):
                        break  # "Đề án Văn hóa công vụ Thủ tướng vừa ban hành": the issuer opens a relative clause
                    if caps_after_first and not w[0].isupper() and not (prev == "cộng" and lw in ("hòa", "hoà")):
                        break  # "Việt Nam - Cộng hòa Dominica" goes on
                    if not w[0].isupper() and g.verb_stop.match(text, t.start("w")):
                        break  # "Luật Dân số đề xuất ...", "Chương trình đề ra mục tiêu ...": the sentence goes on
                    if not w[0].isupper() and g.submit_to_body.match(text, t.start("w")):
                        break  # "Đề án cải cách tiền lương trình Hội nghị TƯ 7": the body it goes to ends the name
                words.append((t.start("w"), t.end("w")))
                q = t.end()
                if len(words) > 1 and RX.YEAR_CLOSES.match(text, t.start("w")):
                    break  # "Kế hoạch phát triển kinh tế - xã hội năm 2025", "Luật Biển năm 1982": the year closes the name
                continue
            if not words:
                break
            if punct == "(":
                pm = RX.PAREN_IN_NAME.match(text, t.start("p"))
                if pm:
                    if pm.group(1).startswith("sửa"):
                        words.append((t.start("p"), pm.end()))
                        q = pm.end()
                        break  # "Luật Công chứng (sửa đổi)" ends the name
                    cut.append((t.start(), pm.end()))
                    q = pm.end()
                    continue
                break
            if punct in ("-", "–", "/"):
                nx = RX.TOK.match(text, t.end())
                if nx and nx.group("w") and (punct != "/" or (nx.group("w")[0].isdigit() and text[q - 1].isdigit())):
                    q = t.end()
                    continue
                break
            if punct == "," and allow_comma and self._joined(text, words[-1][0], t.end()):
                q = t.end()  # "Chương trình xây dựng luật, pháp lệnh năm 2021": kinds of paper, not another document
                continue
            if punct == "," and allow_comma:
                nx = RX.TOK.match(text, t.end())
                # inside a programme's name a comma joins a few words ("phòng, chống lãng phí"); a law's
                # name may list more ("Luật Quân nhân chuyên nghiệp, công nhân và viên chức quốc phòng")
                if (nx and nx.group("w") and nx.group("w")[0].islower() and nx.group("w") not in g.name_stop
                        and nx.group("w") not in g.comma_clause_openers  # "luật Biểu tình, liệu có ...": a question
                        and not g.trigger.match(text, nx.start("w"))
                        and self._segment_words(text, t.end(), mid_stop, g.anchor_stops if proper else frozenset())
                        <= (3 if proper else 8)):
                    q = t.end()
                    continue
                break
            break
        # a name does not end on a connector
        while words and text[words[-1][0]:words[-1][1]].lower() in g.name_trailing:
            words.pop()
        if not words:
            return p, None
        end = words[-1][1]
        raw = text[words[0][0]:end]
        for a, b in reversed([c for c in cut if c[1] <= end]):
            raw = raw[:a - words[0][0]] + raw[b - words[0][0]:]
        if quoted:
            qm = RX.QUOTED_AFTER.match(text, end)
            if qm:
                raw += " " + qm.group(1)
                end = qm.end()
        return end, re.sub(r"\s+", " ", raw).strip(" ,")

    def _joined(self, text: str, a: int, e: int) -> bool:
        """A fixed expression (grammar.json compounds) starting at ``a`` runs past ``e``."""
        cm = self.g.compound_re.match(text, a)
        return bool(cm) and cm.end() > e

    # ------------------------------------------------------------------ symbols without a type word

    def _symbols_only(self, text: str, cits: list[_Cit], pub: _date | None = None) -> list[_Cit]:
        spans = sorted((c.start, c.end) for c in cits)
        out = []

        def covered(a, b):
            return any(x < b and a < y for x, y in spans)

        for m in RX.PARTY_SYMBOL.finditer(text):
            if covered(m.start(), m.end()) or (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "/-.")):
                continue
            c = self._party(m)
            if c.type is None:
                c.type = "Quyết định" if c.symbol and "-QĐ/" in c.symbol else None
            if not c.type:
                continue
            c.confidence = 0.85
            c.end = self._tail(text, c.end, [c], pub)
            self._finish(c, c.type)
            out.append(c)
        for m in RX.STATE_SYMBOL.finditer(text):
            if covered(m.start(), m.end()) or (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "/-.")):
                continue
            if "-" not in m.group("tail") and not re.match(r"(UBTVQH|QH)\d", m.group("tail")):
                continue
            c = self._state(m, "")
            if c is None or not c.type:
                continue
            c.confidence = 0.8
            c.end = self._tail(text, c.end, [c], pub)
            self._finish(c, c.type)
            out.append(c)
        return out

    # ------------------------------------------------------------------ completion, merge, key

    def _finish(self, c: _Cit, typ: str) -> None:
        g = self.g
        if not c.type or (typ and c.type != typ and typ in g.types and c.kind != "name"):
            # the type word wins over the symbol letters ("Quyết định số 1616-QĐNS/TW", "Quy định 102-QĐ/TW")
            c.type = typ or c.type
        if c.type == "Công văn" and c.symbol is None and c.number is None and c.kind != "name":
            c.type = None
        if c.system is None:
            tsys = g.types[c.type].system if c.type in g.types else "both"
            if tsys in ("party", "state"):
                c.system = tsys
            elif c.issuer:
                if any(h in c.issuer for h in g.system_hints["party"]) or re.search(r"\bĐảng\b|\bT\.?Ư\b|\bTW\b", c.issuer):
                    c.system = "party"
                elif any(h in c.issuer for h in g.system_hints["state"]):
                    c.system = "state"
        if c.system == "party" and not c.term:
            d = c.date or (f"{c.issue_year}-07-01" if c.issue_year else None)
            if d:
                c.term = self._term_at("party", d)

    def _term_at(self, system: str, iso: str) -> str | None:
        term = None
        for start, t in self.g.terms[system]:
            if start <= iso:
                term = t
        return term

    def _merge(self, text: str, cits: list[_Cit], surface: str | None = None,
               anaphors: list[tuple[_Cit, _Cit]] = ()) -> list[DocumentRef]:
        surface = text if surface is None else surface
        cits = [c for c in cits if c.type and (c.number or c.name or c.symbol or c.year)]
        cits.sort(key=lambda c: c.start)
        groups: list[list[_Cit]] = []
        by_number: dict[tuple, list[tuple]] = {}   # (type, number) -> [(symbol key, period, group)]
        by_name: dict[str, dict[str, int]] = {}     # type -> {name slug: group}
        extended: dict[int, set[str]] = {}          # group -> longer names that joined its short founder
        founder_slug: dict[int, str] = {}           # group -> the name that opened it
        # full citations first so short ones can join them
        order = sorted(range(len(cits)), key=lambda i: (cits[i].kind != "symbol", cits[i].start))
        for i in order:
            c = cits[i]
            if c.number:
                entries = by_number.setdefault((c.type, c.number), [])
                gid = None
                if c.kind == "symbol":
                    period = self._period(c)
                    sk = c.symbol and self._symkey(c.symbol)
                    for k_sym, k_period, k_gid in entries:
                        if k_sym == sk and (k_period == period or not k_period or not period):
                            gid = k_gid
                            break
                    if gid is None:
                        gid = len(groups)
                        groups.append([])
                        entries.append((sk, period, gid))
                elif entries:
                    gid = entries[0][2]  # the first full citation with that type and number
                else:
                    gid = len(groups)
                    groups.append([])
                    entries.append((None, None, gid))
            else:
                names = by_name.setdefault(c.type, {})
                founders = by_name.setdefault("\0" + c.type, {})  # names that opened a group
                ns = name_slug(c.canon or c.name or str(c.year))
                gid = names.get(ns)
                if gid is None:
                    # "Luật Đất đai" joins "Luật Đất đai 2024" when there is exactly one such (bounded scan)
                    bare = name_slug(c.type)  # "Tuyên bố chung" alone, then "Tuyên bố chung Việt Nam - Lào"
                    pref = {g for k, g in list(founders.items())[:64]
                            if (k.startswith(ns + "-")  # a short form after the full name ("Luật Sĩ quan"); not a
                                # law of its own ("Luật Căn cước" is not "Luật Căn cước công dân") unless the full
                                # one only adds a year or "sửa đổi"
                                and (c.type not in LAW_TYPES or ns not in self._law_slugs()
                                     or RX.NAME_SUFFIX.fullmatch(k[len(ns) + 1:])))
                            or (ns.startswith(k + "-") and (k == bare or RX.NAME_SUFFIX.fullmatch(ns[len(k) + 1:]))
                                # "Luật Đất đai" then "... 2013" and "... 2024": the short form joined one of them,
                                # the other is another law
                                and not (extended.get(g, {ns}) - {ns}))}
                    if len(pref) == 1:
                        gid = pref.pop()
                    elif len(pref) > 1 and c.type in LAW_TYPES:
                        # "Bộ luật Lao động" after "Bộ luật Lao động 2019" and "... 2012": one of them, not a third
                        # law; "Bộ luật Lao động mới" the newest, else the one cited last before it
                        if RX.NEWEST_AFTER.match(text, c.end):
                            gid = max(pref, key=lambda k: (max((o.year or 0) for o in groups[k]), k))
                        else:
                            gid = max(pref, key=lambda k: max((o.start for o in groups[k] if o.start < c.start),
                                                              default=-1))
                    else:
                        gid = len(groups)
                        groups.append([])
                        founders[ns] = gid
                        founder_slug[gid] = ns
                    names[ns] = gid
                    k0 = founder_slug.get(gid)
                    if k0 and ns.startswith(k0 + "-"):
                        extended.setdefault(gid, set()).add(ns)
            groups[gid].append(c)
        group_of = {id(c): gid for gid, grp in enumerate(groups) for c in grp}
        later = {}  # group -> anaphoric mentions ("Nghị định này"), never the citation itself
        for a, antecedent in anaphors:
            if id(antecedent) in group_of:
                later.setdefault(group_of[id(antecedent)], []).append(a)
        refs = []
        for gid, grp in enumerate(groups):
            if not grp:
                continue
            best = max(grp, key=lambda c: (c.kind == "symbol", c.end - c.start))
            ref = DocumentRef(text=surface[best.start:best.end], start=best.start, end=best.end)
            for f in ("type", "number", "symbol", "year", "date", "issuer", "term", "name", "subject", "system"):
                v = getattr(best, f)
                if v is None:
                    v = next((getattr(o, f) for o in grp if getattr(o, f) is not None), None)
                setattr(ref, f, v)
            if ref.system == "party" and not ref.term:
                d = ref.date or next((f"{o.issue_year}-07-01" for o in grp if o.issue_year), None)
                if d:
                    ref.term = self._term_at("party", d)
            if ref.type in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp") and not ref.year and ref.date:
                ref.year = int(ref.date[:4])
            ref.confidence = round(max(o.confidence for o in grp), 3)
            ref.mentions = [Mention(o.start, o.end, surface[o.start:o.end])
                            for o in sorted(grp + later.get(gid, []), key=lambda o: o.start)]
            issue_year = next((o.issue_year for o in grp if o.issue_year), None)
            # the fullest citation's own canonical name when it has a name ("Luật Thực hành tiết kiệm, chống lãng
            # phí năm 2013" keeps its year beside an earlier "Luật THTK, CLP")
            canon = best.canon if best.canon or best.name else next((o.canon for o in grp if o.canon), None)
            ref.key = doc_key(ref, issuer_abbr=best.issuer_abbr, issue_year=issue_year, name=canon)
            refs.append(ref)
        refs.sort(key=lambda r: r.start)
        return refs

    def _law_slugs(self) -> set[str]:
        """Slugs of the listed laws under each law type ("luat-can-cuoc"), computed once."""
        if self.g.law_slugs is None:
            self.g.law_slugs = {name_slug(f"{t} {law}") for t in LAW_TYPES for law in self.g.laws}
        return self.g.law_slugs

    @staticmethod
    def _symkey(symbol: str) -> str:
        return slug(symbol.replace("Đ", "D"))

    def _period(self, c: _Cit) -> str | None:
        if c.system == "party":
            if c.term:
                return c.term
            d = c.date or (f"{c.issue_year}-07-01" if c.issue_year else None)
            return self._term_at("party", d) if d else None
        if c.year:
            return str(c.year)
        if c.date:
            return c.date[:4]
        return str(c.issue_year) if c.issue_year else None


def name_slug(name: str) -> str:
    """A document name as a key part: abbreviations written out ("chương trình MTQG" = "chương trình mục tiêu
    quốc gia"), "năm" before a year dropped ("Luật Đất đai năm 2013" = "Luật Đất đai 2013"), brackets folded
    ("Luật Điện lực (sửa đổi)" = "Luật Điện lực sửa đổi")."""
    g = _grammar()
    for abbr, (expansion, scope) in g.name_abbr.items():
        if scope == "always":
            name = re.sub(rf"(?<!\w){abbr}(?!\w)", expansion, name)
    for variant, spelling in g.name_variants.items():
        name = re.sub(rf"(?<!\w){variant}(?!\w)", spelling, name)
    return re.sub(r"(^|-)nam-(\d{4})", r"\1\2", slug(name))


def doc_key(ref: DocumentRef, issuer_abbr: str | None = None, issue_year: int | None = None,
            name: str | None = None) -> str:
    """The canonical key described in the module docstring."""
    system = ref.system or "doc"
    t = slug(ref.type or "van-ban")
    if ref.number:
        key = f"{system}/{t}/{ref.number}"
        if issuer_abbr is None and ref.symbol:
            tail = re.split(r"[/-]", ref.symbol)[-1]
            issuer_abbr = tail
        if issuer_abbr and ref.symbol:
            key += "/" + slug(issuer_abbr.replace("Đ", "D"))
        if system == "party":
            period = ref.term
        else:
            period = str(ref.year) if ref.year else (ref.date[:4] if ref.date else (str(issue_year) if issue_year else None))
        return key + (f"@{period}" if period else "")
    name = name or ref.name or (f"{ref.type} {ref.year}" if ref.year else ref.type or "")
    nslug = name_slug(name)
    if nslug.startswith(t + "-"):
        nslug = nslug[len(t) + 1:]
    key = f"{system}/{t}/name:{nslug}"
    if system == "party" and ref.term and slug(ref.term.lower()) not in slug(name):
        key += f"@{ref.term}"
    return key

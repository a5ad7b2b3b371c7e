"""Raw article -> the plain text every component reads.

The text the service returns (``PreparedText.text``) is the article as sent: title, sapo and body
joined with newlines, HTML reduced to text, NFC-normalised. Components never see a different
string with different offsets: ``clean`` and ``match`` have exactly the same length as ``text``,
so an offset found in either is an offset into ``text``.

- ``clean``: CMS noise (ads, comment and read-more blocks, footers, image file names, caption
  stubs, bylines) blanked out with spaces, so no entity can come from it.
- ``match``: ``clean`` with one tone placement (hoà -> hòa, thuỷ -> thủy), for lexicon matching.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from importlib import resources

# --------------------------------------------------------------------------- normalisation

_TONED = {  # vowel with tone -> (base vowel, tone index)
}
_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"


def _build_tone_map() -> dict[str, str]:
    """Two-letter pairs where the new style puts the tone on the second vowel of an open
    syllable (oà, oé, uỷ ...) mapped to the old style (òa, óe, ủy). NFC length is unchanged."""
    out = {}
    for first, seconds in (("o", "ae"), ("u", "y")):
        for second in seconds:
            for mark in _TONE_MARKS:
                for f, s in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
                    new = unicodedata.normalize("NFC", f + s + mark)
                    old = unicodedata.normalize("NFC", f + mark + s)
                    if len(new) == 2 and len(old) == 2:
                        out[new] = old
    return out


_TONE_MAP = _build_tone_map()
# only in an open syllable (nothing but a non-letter after the pair): "hoàng" keeps its tone
_TONE_RE = re.compile("(" + "|".join(map(re.escape, _TONE_MAP)) + r")(?!\w)")


def unify_tones(s: str) -> str:
    """hoà -> hòa, thuỷ -> thủy, Hoà -> Hòa; same length, so offsets survive."""
    return _TONE_RE.sub(lambda m: _TONE_MAP[m.group(1)], s)


def normalize(s: str) -> str:
    """NFC, the Icelandic Ð (U+00D0) read as Đ, non-breaking and odd spaces as plain spaces.
    Every replacement is one character for one, so offsets into the result are stable."""
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    return s.translate(_CHAR_FIX) if _CHAR_FIX_RE.search(s) else s  # translate() is slow; most texts need none


_CHAR_FIX = str.maketrans({"\u00d0": "Đ", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": " ",
                           "\ufeff": " ", "\t": " ", "\r": " "})
_CHAR_FIX_RE = re.compile("[" + "".join(map(chr, _CHAR_FIX)) + "]")

# --------------------------------------------------------------------------- HTML

_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
               "section", "article", "figure", "figcaption", "blockquote", "header", "footer", "hr", "pre"}
_SKIP_TAGS = {"script", "style", "noscript", "iframe", "svg", "template", "head"}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


_SPACES_RE = re.compile(r"[ \t\u00a0]+")
_NEWLINES_RE = re.compile(r" *\n[ \n]*")


def html_to_text(markup: str) -> str:
    """Reduce HTML to text: block elements become line breaks, scripts and styles are dropped."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = _SPACES_RE.sub(" ", text)
    text = _NEWLINES_RE.sub("\n", text)
    return html.unescape(text).strip()


def build_text(body: str, title: str | None = None, sapo: str | None = None, format: str = "text") -> str:
    """The article as one plain text: title, sapo and body joined with newlines."""
    parts = []
    for part in (title, sapo, body):
        if part is None:
            continue
        part = html_to_text(part) if format == "html" else part
        part = part.strip()
        if part:
            parts.append(part)
    return normalize("\n".join(parts))

# --------------------------------------------------------------------------- noise


@lru_cache(maxsize=1)
def _noise_rules() -> dict:
    with resources.files("tagger.data").joinpath("noise.json").open(encoding="utf-8") as f:
        rules = json.load(f)
    rules["_line_markers"] = {unify_tones(m).casefold() for m in rules["line_markers"]}
    rules["_block_markers"] = {unify_tones(m).casefold() for m in rules["block_markers"]}
    # a line longer than every marker is none (folding never shortens a string): no key needed
    rules["_marker_len"] = max(map(len, rules["_line_markers"] | rules["_block_markers"]), default=0)
    rules["_image_re"] = re.compile(rules["image_file_pattern"], re.IGNORECASE)
    rules["_footer_re"] = re.compile(rules["footer_pattern"], re.IGNORECASE)
    rules["_byline_date_re"] = re.compile(rules["byline_date_pattern"])
    rules["_source_re"] = re.compile(rules["source_line_pattern"], re.IGNORECASE)
    return rules


_ASCII_CAPS_RE = re.compile(r"[A-Z][A-Z0-9 .,&'-]*")
# upper-case letters only: the range À-Ỹ would also take lower-case ô, ư, ớ
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper())
_CAPITALISED_WORD = re.compile(f"[{UPPER}][\\w.]*")


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line), line
        start += len(line) + 1


def _is_caption_stub(line: str) -> bool:
    """All-caps words with no diacritics (ONG CHIEN DT, DIEU XUAN HUNG): a photo-caption stub."""
    s = line.strip()
    return bool(s) and len(s.split()) <= 8 and bool(_ASCII_CAPS_RE.fullmatch(s)) and any(c.isalpha() for c in s) \
        and len(s) >= 4


_SENTENCE_END_RE = re.compile(r"[.!?…:;]\s*$")
_LIST_NUMBER_RE = re.compile(r"^\(\d+\)\s*")
_CLAUSE_PUNCT_RE = re.compile(r"[,;:!?]")


def _is_short_fragment(line: str) -> bool:
    s = line.strip()
    return len(s) <= 160 and not _SENTENCE_END_RE.search(s)


def _is_byline(line: str, rules: dict) -> bool:
    s = line.strip()
    if not s or len(s) > 80:
        return False
    if rules["_byline_date_re"].fullmatch(s) or rules["_source_re"].fullmatch(s):
        return True
    words = s.split()
    # a bare author name at the end: 2-4 capitalised words, no punctuation but dots in initials
    return 2 <= len(words) <= 4 and all(_CAPITALISED_WORD.fullmatch(w) for w in words) and not _CLAUSE_PUNCT_RE.search(s)


def find_noise(text: str) -> list[tuple[int, int]]:
    """Spans of CMS noise: markers, read-more and comment blocks, footers, file names, caption stubs, bylines."""
    rules = _noise_rules()
    spans: list[tuple[int, int]] = []
    lines = list(_lines(text))
    in_block = False
    content_lines = []  # indices of lines kept as content
    for i, (a, b, line) in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        key = _LIST_NUMBER_RE.sub("", s)
        key = unify_tones(key).casefold() if len(key) <= rules["_marker_len"] else ""
        if key in rules["_block_markers"]:
            in_block = True
            spans.append((a, b))
            continue
        if in_block:
            if _is_short_fragment(s) or rules["_footer_re"].search(s):
                spans.append((a, b))
                continue
            in_block = False
        if key in rules["_line_markers"] or rules["_footer_re"].search(s) or _is_caption_stub(s):
            spans.append((a, b))
            continue
        if i <= 4 and rules["_byline_date_re"].fullmatch(s):
            spans.append((a, b))
            continue
        # image file names may sit inside a caption line
        hit = False
        for m in rules["_image_re"].finditer(line):
            spans.append((a + m.start(), a + m.end()))
            hit = True
        if hit and not line[: 0].strip() and rules["_image_re"].fullmatch(s):
            continue
        content_lines.append(i)
    # a byline closes the article: the last content line, when it is only a name or a source
    if content_lines:
        a, b, line = lines[content_lines[-1]]
        if len(content_lines) > 1 and _is_byline(line, rules):
            spans.append((a, b))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace spans by spaces (newlines kept), so offsets stay valid."""
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)

# --------------------------------------------------------------------------- sentences


@lru_cache(maxsize=1)
def _abbrev_re() -> re.Pattern:
    rules = _noise_rules()
    words = sorted(rules["sentence_abbreviations"], key=len, reverse=True)
    return re.compile(r"(?:^|(?<=[\s(]))(?:" + "|".join(map(re.escape, words)) + r")$")


_SENT_END = re.compile(f"[.!?…]+[\"”’)]*(?=\\s+[\"“‘(]?[{UPPER}0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: line breaks, and . ! ? … before a capital, except after abbreviations (TP. GS.)."""
    out = []
    abbrev = _abbrev_re()
    for a, b, line in _lines(text):
        if not line.strip():
            continue
        start = 0
        for m in _SENT_END.finditer(line):
            if m.group().startswith(".") and abbrev.search(line[start: m.start() + 1]):
                continue
            end = m.end()
            if line[start:end].strip():
                out.append(_strip(line, a, start, end))
            start = end
        if line[start:].strip():
            out.append(_strip(line, a, start, len(line)))
    return out


def _strip(line: str, base: int, s: int, e: int) -> tuple[int, int]:
    while s < e and line[s].isspace():
        s += 1
    while e > s and line[e - 1].isspace():
        e -= 1
    return base + s, base + e

# --------------------------------------------------------------------------- tokens

TOKEN_RE = re.compile(r"\d+(?:[.,/:-]\d+)*|\w+(?:[.'’]\w+)*|[^\w\s]", re.UNICODE)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Syllable tokens (words, numbers, punctuation) as (start, end) offsets into ``text``."""
    end = len(text) if end is None else end
    return [m.span() for m in TOKEN_RE.finditer(text, start, end)]

# --------------------------------------------------------------------------- the prepared text


@dataclass(slots=True)
class PreparedText:
    text: str                                  # as returned to the caller; all offsets point here
    clean: str                                 # same length, noise blanked
    match: str                                 # same length, clean + unified tone placement
    noise: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # over ``clean``
    title_end: int = 0                         # end of the title line (0 when no title was sent)
    _sentence_tokens: list | None = field(default=None, repr=False, compare=False)
    _folded: str | bool | None = field(default=None, repr=False, compare=False)
    _sentence_words: list | None = field(default=None, repr=False, compare=False)

    def is_noise(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.noise)

    def sentence_tokens(self) -> list[list[tuple[int, int]]]:
        """``tokens`` of ``clean`` for each sentence, computed once per article (entities and the
        resolver both read them)."""
        if self._sentence_tokens is None:
            self._sentence_tokens = [tokens(self.clean, a, b) for a, b in self.sentences]
        return self._sentence_tokens

    def sentence_words(self) -> list[list[str]]:
        """The strings of ``sentence_tokens`` (from ``clean``), once per article; read-only lists."""
        if self._sentence_words is None:
            clean = self.clean
            self._sentence_words = [[clean[a:b] for a, b in toks] for toks in self.sentence_tokens()]
        return self._sentence_words

    def keys(self, spans) -> list[str]:
        """``match[a:b].casefold()`` for each (a, b) of ``spans``: the comparison keys of tokens. ``match``
        is folded once per article; folding maps character by character, so while it keeps the length
        (no "ß" -> "ss") a slice of the folded text is the fold of the slice."""
        if self._folded is None:
            folded = self.match.casefold()
            self._folded = folded if len(folded) == len(self.match) else False
        f = self._folded
        if f is False:
            m = self.match
            return [m[a:b].casefold() for a, b in spans]
        return [f[a:b] for a, b in spans]


def prepare(text: str, title_end: int = 0) -> PreparedText:
    """Normalise and clean a plain text (already built with ``build_text``)."""
    text = normalize(text)
    noise = find_noise(text)
    clean = blank(text, noise)
    match = unify_tones(clean)
    assert len(clean) == len(text) == len(match)
    return PreparedText(text=text, clean=clean, match=match, noise=noise,
                        sentences=split_sentences(clean), title_end=title_end)

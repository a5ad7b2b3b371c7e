"""Place names: normalisation, kind, and the 2025 province of every pre-2025 province.

    gaz = Gazetteer()
    gaz.normalize("tỉnh Đắk Nông")   -> Location(name="Đắk Nông", kind="province", province_2025="Lâm Đồng")
    gaz.is_facility("cầu Rồng")      -> True   (facilities are not locations, GUIDELINES 5)

Package data under ``tagger/data/locations/``: ``provinces.tsv`` (63 provinces -> 34, from the 2025
merger as summarised in shared/domain/provinces.tsv), ``countries.txt``, ``regions.txt``,
``admin_units.txt`` (tỉnh, thành phố, xã ... before a name) and ``facilities.txt``.

Also home of the small token trie the position and person rules share: lexicon phrases are
tokenised exactly like the text (``tagger.text.TOKEN_RE``) and compared case-folded after
``unify_tones``, so "Uỷ viên" and "Ủy viên" are one key.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .text import TOKEN_RE, unify_tones
from .types import Location, Mention


@lru_cache(maxsize=1 << 16)
def key(s: str) -> str:
    """Comparison key of a word or phrase: tone placement unified, case-folded, spaces collapsed.
    (Cached: the rules ask for the keys of the same words and names over and over.)"""
    return " ".join(unify_tones(s).casefold().split())


def token_keys(s: str) -> list[str]:
    return list(_token_keys(s))


@lru_cache(maxsize=1 << 14)
def _token_keys(s: str) -> tuple[str, ...]:
    return tuple(key(m.group()) for m in TOKEN_RE.finditer(unify_tones(s)))


class Trie:
    """Phrases as token sequences; ``longest(keys, i)`` finds the longest phrase starting at token i."""

    __slots__ = ("root",)

    def __init__(self):
        self.root: dict = {}

    def add(self, phrase: str, payload) -> None:
        node = self.root
        toks = token_keys(phrase)
        if not toks:
            return
        for t in toks:
            node = node.setdefault(t, {})
        node.setdefault("\0", payload)  # first entry wins: data files list the preferred reading first

    def longest(self, keys: list[str], i: int, end: int | None = None):
        """(j, payload) for the longest phrase keys[i:j], or None."""
        end = len(keys) if end is None else end
        node, best = self.root, None
        j = i
        while j < end:
            node = node.get(keys[j])
            if node is None:
                break
            j += 1
            if "\0" in node:
                best = (j, node["\0"])
        return best


def read_lines(package: str, name: str) -> list[str]:
    """Non-empty, non-comment lines of a package data file."""
    with resources.files(package).joinpath(name).open(encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


_PKG = "tagger.data.locations"
# kinds that carry a 2025 province; "former_province": dissolved before 2025 (Hà Tây -> Hà Nội)
_PROVINCE_KINDS = ("province", "city", "former_province")


class Gazetteer:
    """Provinces (old and 2025), countries, regions; admin-unit words; facility words."""

    def __init__(self):
        self.places = Trie()          # name -> (canonical name, kind, province_2025)
        self.by_key: dict[str, tuple[str, str, str | None]] = {}
        for line in read_lines(_PKG, "provinces.tsv"):
            old, new, kind, *rest = line.split("\t") + [""]
            entry = (old, kind, new or None)
            for name in [old] + [a for a in (rest[0] or "").split(";") if a]:
                self._add(name, entry)
        for line in read_lines(_PKG, "countries.txt"):
            names = [n.strip() for n in line.split(";") if n.strip()]
            for n in names:
                self._add(n, (names[0], "country", None))
        for line in read_lines(_PKG, "regions.txt"):
            kind, names = line.split("\t")
            names = [n.strip() for n in names.split(";") if n.strip()]
            for n in names:
                self._add(n, (names[0], kind, None))
        self.admin = Trie()           # "tỉnh" -> "province"
        self.admin_kinds: dict[str, str] = {}
        for line in read_lines(_PKG, "admin_units.txt"):
            kind, words = line.split("\t")
            for w in words.split(";"):
                self.admin.add(w, kind)
                self.admin_kinds[key(w).rstrip(".")] = kind
        self.facilities = Trie()
        for line in read_lines(_PKG, "facilities.txt"):
            self.facilities.add(line.strip(), True)

    def _add(self, name: str, entry) -> None:
        self.places.add(name, entry)
        self.by_key.setdefault(key(name), entry)

    # ------------------------------------------------------------------ lookups
    def lookup(self, name: str):
        """(canonical, kind, province_2025) of a known place name, else None."""
        return self.by_key.get(key(name))

    def is_facility(self, text: str) -> bool:
        keys = token_keys(text)
        return bool(keys) and self.facilities.longest(keys, 0) is not None

    def split_admin(self, text: str) -> tuple[str | None, str]:
        """("province", "Đắk Nông") for "tỉnh Đắk Nông"; (None, text) without an admin-unit word."""
        keys = token_keys(text)
        hit = self.admin.longest(keys, 0)
        if not hit or hit[0] >= len(keys):
            return None, text.strip()
        j, kind = hit
        # the remainder after the j-th token in the original string
        toks = list(TOKEN_RE.finditer(text))
        rest = text[toks[j].start():].strip()
        if rest.startswith(".") or not rest:
            return None, text.strip()
        return kind, rest

    def normalize(self, text: str) -> Location | None:
        """A location from a surface; None for facilities. Province and country names lose their
        admin-unit word ("tỉnh Đắk Nông" -> "Đắk Nông"); other units keep it ("xã Vân Sơn")."""
        surface = " ".join(text.split()).strip(" ,.;:-–()\"“”'")
        if not surface or self.is_facility(surface):
            return None
        known = self.lookup(surface)
        if known:
            _, kind, p2025 = known
            return Location(name=surface, kind=kind, province_2025=p2025 if kind in _PROVINCE_KINDS else None)
        kind, rest = self.split_admin(surface)
        if kind is not None:
            known = self.lookup(rest)
            if known and known[1] in _PROVINCE_KINDS and kind in ("province", "city"):
                return Location(name=rest, kind=known[1], province_2025=known[2])
            if known and known[1] == "municipality":
                return Location(name=surface, kind=known[1])  # "thành phố Vinh" stays whole
            if len(rest.split()) == 1 and rest.isascii() and rest.isalpha():
                return Location(name=rest, kind=kind)  # a foreign place: "thành phố Kinokawa" -> "Kinokawa"
            return Location(name=surface, kind=kind)
        return Location(name=surface, kind=None)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer()


def province_2025(name: str) -> str | None:
    """The 2025 province a province (old or new name) belongs to: "Đắk Nông" -> "Lâm Đồng"."""
    gaz = default_gazetteer()
    hit = gaz.lookup(name)
    if not hit:
        kind, rest = gaz.split_admin(name)
        hit = gaz.lookup(rest) if kind else None
    return hit[2] if hit and hit[1] in _PROVINCE_KINDS else None


def merge_locations(items: list[tuple[str, int, int]], text: str) -> list[Location]:
    """Location surfaces with offsets -> one Location per normalised name, mentions in order."""
    gaz = default_gazetteer()
    out: dict[str, Location] = {}
    for surface, a, b in sorted(items, key=lambda x: x[1]):
        loc = gaz.normalize(surface)
        if loc is None:
            continue
        k = key(loc.name)
        if k not in out:
            out[k] = loc
        out[k].mentions.append(Mention(start=a, end=b, text=text[a:b]))
    return list(out.values())

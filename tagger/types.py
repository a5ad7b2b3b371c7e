"""The result types every component produces and the engine assembles.

Plain dataclasses (no web framework here): the service mirrors them as pydantic
schemas, the CLI writes them as JSON via ``to_dict``. Offsets are character offsets
into ``PreparedText.text`` (the article as returned with ``include_text``).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ENTITY_TYPES = ("PERSON", "ORGANIZATION", "LOCATION", "TITLE", "DOCUMENT")


@dataclass(slots=True)
class Mention:
    """One occurrence of a name in the text."""
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity:
    """A typed span found by the entity model (or by the document parser for DOCUMENT)."""
    type: str
    text: str
    start: int
    end: int
    score: float = 1.0


@dataclass(slots=True)
class DocumentRef:
    """A parsed citation of a Party or State document."""
    text: str
    start: int
    end: int
    type: str | None = None          # full Vietnamese type name: "Nghị quyết"
    number: str | None = None        # "25" (leading zeros removed)
    symbol: str | None = None        # "25-NQ/TW", "100/2019/NĐ-CP"
    year: int | None = None          # year inside a State symbol or a law's name
    date: str | None = None          # ISO date "2013-06-03"
    issuer: str | None = None        # "Ban Chấp hành Trung ương Đảng khóa XI"
    term: str | None = None          # khóa, Roman numerals: "XI"
    name: str | None = None          # for documents cited by name: "Luật Đất đai 2024"
    subject: str | None = None       # trích yếu: "về tăng cường ..."
    system: str | None = None        # "party" | "state"
    key: str | None = None           # canonical identifier, stable across surface forms
    confidence: float = 1.0
    mentions: list[Mention] = field(default_factory=list)  # every citation of this document in the text


@dataclass(slots=True)
class Position:
    """An office the article gives a person, split as in GUIDELINES section 2."""
    role: str                        # "Phó Chủ tịch Thường trực", "nguyên Chủ tịch"
    organization: str | None         # "UBND tỉnh Đắk Nông"; None for Thủ tướng, Tổng Bí thư
    text: str                        # the surface in the article
    start: int
    end: int


@dataclass(slots=True)
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    rank: str | None = None          # military / police rank: "Đại tá"
    kb_id: str | None = None         # id in the configured knowledge base, when matched
    score: float = 1.0


@dataclass(slots=True)
class Organization:
    name: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Location:
    name: str                        # normalised name: "Đắk Nông"
    mentions: list[Mention] = field(default_factory=list)
    kind: str | None = None          # "province", "country", "commune", ...
    province_2025: str | None = None  # the 2025 province a pre-2025 province now belongs to


@dataclass(slots=True)
class Topic:
    label: str
    score: float


@dataclass(slots=True)
class TopicPrediction:
    is_political: bool
    political_score: float
    topics: list[Topic]
    section: Topic | None = None


@dataclass(slots=True)
class TagResult:
    id: str | None
    model: dict[str, str]
    is_political: bool = False
    political_score: float = 0.0
    topics: list[Topic] = field(default_factory=list)
    section: Topic | None = None
    entities: list[Entity] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    documents: list[DocumentRef] = field(default_factory=list)
    text: str | None = None
    timings_ms: dict[str, float] | None = None

    def to_dict(self, include_text: bool = False, include_timings: bool = False) -> dict[str, Any]:
        d = asdict(self)
        if not include_text:
            d.pop("text")
        if not include_timings:
            d.pop("timings_ms")
        return d


MAX_CHARS_DEFAULT = 200_000


class ArticleError(ValueError):
    """An article that cannot be tagged; ``field`` names what to fix."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(slots=True)
class Article:
    """One article as the CMS sends it. ``body`` (or ``text``) is required."""
    body: str
    id: str | None = None
    title: str | None = None
    sapo: str | None = None
    format: str = "text"
    published_at: str | None = None

    @classmethod
    def from_dict(cls, d: Any) -> "Article":
        """Validate a request dict (the CLI's JSONL line or the service's body) with messages that say what to fix."""
        if isinstance(d, Article):
            return d
        if not isinstance(d, dict):
            raise ArticleError("article", f"expected a JSON object, got {type(d).__name__}")
        body = d.get("body") if d.get("body") is not None else d.get("text")
        if body is None:
            raise ArticleError("body", "missing: send the article in 'body' (or 'text')")
        for name, value in (("body", body), ("title", d.get("title")), ("sapo", d.get("sapo")),
                            ("published_at", d.get("published_at"))):
            if value is not None and not isinstance(value, str):
                raise ArticleError(name, f"must be a string, got {type(value).__name__}")
        if not body.strip():
            raise ArticleError("body", "is empty or whitespace only")
        fmt = d.get("format") or "text"
        if fmt not in ("text", "html"):
            raise ArticleError("format", f"unknown format {fmt!r}: use 'text' or 'html'")
        aid = d.get("id")
        if aid is not None and not isinstance(aid, (str, int)) or isinstance(aid, bool):
            raise ArticleError("id", f"must be a string or an integer, got {type(aid).__name__}")
        return cls(body=body, id=None if aid is None else str(aid), title=d.get("title"), sapo=d.get("sapo"),
                   format=fmt, published_at=d.get("published_at"))

"""Pydantic schemas of the tag contract, documented with examples from a real article
(Báo Đắk Nông, 10/06/2024, "Công tác dân vận ở Đắk Nông ...")."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

EXAMPLE_BODY = ("Theo đồng chí Lê Văn Chiến, UVBTV Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh, với sự lãnh đạo "
                "của các cấp ủy đảng, thời gian qua, chính quyền các cấp luôn quan tâm tuyên truyền. Sau 10 năm "
                "thực hiện Nghị quyết số 25-NQ/TW ngày 3/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI, công tác "
                "dân vận trên địa bàn tỉnh Đắk Nông ngày càng được triển khai sâu rộng.")


class ArticleIn(BaseModel):
    """One article. Send the body in ``body`` (or ``text``); title and sapo are optional."""
    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [{
        "id": "baodaknong-2024-06-10-dan-van",
        "title": "Công tác dân vận ở Đắk Nông chú trọng phương châm “Gần dân, trách nhiệm với dân”",
        "sapo": "Với việc xác định công tác dân vận là trách nhiệm của cả hệ thống chính trị, các cấp ủy đảng ở "
                "Đắk Nông đã tăng cường lãnh đạo, chỉ đạo.",
        "body": EXAMPLE_BODY, "format": "text", "published_at": "2024-06-10T07:17:00+07:00"}]})

    id: str | int | None = Field(None, description="The CMS's article id, echoed in the result.")
    title: str | None = Field(None, description="Headline; becomes the first line of the tagged text.")
    sapo: str | None = Field(None, description="Lead paragraph; the second line.")
    body: str | None = Field(None, description="Article body, plain text or HTML (see format). Required unless text is sent.")
    text: str | None = Field(None, description="Alias of body, for callers that send the whole article as one text.")
    format: Literal["text", "html"] = Field("text", description="'html' reduces markup to text before tagging.")
    published_at: str | None = Field(None, description="Publication time (ISO 8601); helps date bare document references.")

    @model_validator(mode="after")
    def _has_body(self):
        body = self.body if self.body is not None else self.text
        if body is None:
            raise ValueError("send the article in 'body' (or 'text')")
        if not body.strip():
            raise ValueError("'body' is empty or whitespace only")
        return self

    def to_article(self) -> dict:
        d = self.model_dump()
        d["body"] = self.body if self.body is not None else self.text
        d.pop("text", None)
        return d


class BatchIn(BaseModel):
    articles: list[ArticleIn] = Field(..., description="Articles to tag; results come back in the same order.")


class ModelRef(BaseModel):
    name: str = Field(..., examples=["politag-default"])
    version: str = Field(..., examples=["0.1.0"])


class TopicOut(BaseModel):
    label: str = Field(..., description="Topic id from the bundle's taxonomy.", examples=["dan-van-mat-tran-doan-the"])
    score: float = Field(..., description="Calibrated probability.", examples=[0.91])


class EntityOut(BaseModel):
    type: Literal["PERSON", "ORGANIZATION", "LOCATION", "TITLE", "DOCUMENT"] = Field(..., examples=["PERSON"])
    text: str = Field(..., description="Equals text[start:end] of the returned text.", examples=["Lê Văn Chiến"])
    start: int = Field(..., description="Character offset into the returned text.", examples=[1187])
    end: int = Field(..., examples=[1199])
    score: float = Field(..., description="Model confidence.", examples=[0.97])


class MentionOut(BaseModel):
    start: int = Field(..., examples=[1187])
    end: int = Field(..., examples=[1199])
    text: str = Field(..., examples=["Lê Văn Chiến"])


class PositionOut(BaseModel):
    role: str = Field(..., description="The office, abbreviations written out; 'nguyên' kept.",
                      examples=["Phó Chủ tịch Thường trực"])
    organization: str | None = Field(..., description="The body, completed from the article.",
                                     examples=["UBND tỉnh Đắk Nông"])
    text: str = Field(..., description="The position as written.", examples=["Phó Chủ tịch Thường trực UBND tỉnh"])
    start: int = Field(..., examples=[1224])
    end: int = Field(..., examples=[1258])


class PersonOut(BaseModel):
    name: str = Field(..., description="Fullest form of the name in the article.", examples=["Lê Văn Chiến"])
    aliases: list[str] = Field(..., description="Shorter forms used elsewhere.", examples=[["Chiến"]])
    mentions: list[MentionOut]
    positions: list[PositionOut]
    rank: str | None = Field(None, description="Military or police rank.", examples=[None])
    kb_id: str | None = Field(None, description="Id in the configured knowledge base, when matched.")
    score: float = Field(1.0, examples=[0.97])


class OrganizationOut(BaseModel):
    name: str = Field(..., examples=["Ban Dân vận Tỉnh ủy Đắk Nông"])
    mentions: list[MentionOut]


class LocationOut(BaseModel):
    name: str = Field(..., examples=["Đắk Nông"])
    mentions: list[MentionOut]
    kind: str | None = Field(None, examples=["province"])
    province_2025: str | None = Field(None, description="The 2025 province it now belongs to (63 -> 34).",
                                      examples=["Lâm Đồng"])


class DocumentOut(BaseModel):
    text: str = Field(..., examples=["Nghị quyết số 25-NQ/TW ngày 3/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI"])
    start: int = Field(..., examples=[512])
    end: int = Field(..., examples=[590])
    type: str | None = Field(None, examples=["Nghị quyết"])
    number: str | None = Field(None, examples=["25"])
    symbol: str | None = Field(None, examples=["25-NQ/TW"])
    year: int | None = Field(None, examples=[None])
    date: str | None = Field(None, examples=["2013-06-03"])
    issuer: str | None = Field(None, examples=["Ban Chấp hành Trung ương Đảng khóa XI"])
    term: str | None = Field(None, examples=["XI"])
    name: str | None = Field(None, examples=[None])
    subject: str | None = Field(None, examples=[None])
    system: str | None = Field(None, examples=["party"])
    key: str | None = Field(None, description="Canonical id, stable across surface forms (see README).",
                            examples=["party:NQ/TW:25:2013"])
    confidence: float = Field(1.0, examples=[0.99])
    mentions: list[MentionOut] = Field(default_factory=list)


class TagResultOut(BaseModel):
    id: str | None = Field(None, examples=["baodaknong-2024-06-10-dan-van"])
    model: ModelRef
    is_political: bool = Field(..., examples=[True])
    political_score: float = Field(..., description="Calibrated probability that the article is political.",
                                   examples=[0.98])
    topics: list[TopicOut]
    section: TopicOut | None = Field(None, description="Harmonised news section.")
    entities: list[EntityOut]
    persons: list[PersonOut]
    organizations: list[OrganizationOut]
    locations: list[LocationOut]
    documents: list[DocumentOut]
    text: str | None = Field(None, description="The plain text all offsets point into (with ?include_text=true).")


class BatchOut(BaseModel):
    results: list[TagResultOut]


class ErrorBody(BaseModel):
    code: str = Field(..., examples=["invalid_request"])
    message: str = Field(..., examples=["body: 'body' is empty or whitespace only"])


class ErrorOut(BaseModel):
    error: ErrorBody

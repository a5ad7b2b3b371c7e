"""Optional knowledge base: a person whose name and positions match a record carries its id."""
import json

import pytest

from tagger.kb import KnowledgeBase
from tagger.persons import ArticleResolver
from tagger.text import prepare
from tagger.types import Entity, Person, Position

RECORDS = [
    {"_meta": {"source": "test fixture"}},
    {"id": "kb:1", "name": "Lê Văn Chiến", "positions": [
        {"role": "Phó Chủ tịch Thường trực", "organization": "UBND tỉnh Đắk Nông"}]},
    {"id": "kb:2", "name": "Nguyễn Văn Bình", "positions": [{"role": "Thống đốc", "organization": "Ngân hàng Nhà nước"}]},
    {"id": "kb:3", "name": "Nguyễn Văn Bình", "positions": [{"role": "Giám đốc", "organization": "Công an tỉnh Đồng Nai"}]},
]


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    path = tmp_path_factory.mktemp("kb") / "kb.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    return KnowledgeBase.load(path)


def person(name, *roles):
    return Person(name=name, positions=[Position(role=r, organization=o, text=r, start=0, end=0) for r, o in roles])


def test_name_and_role_match(kb):
    assert len(kb) == 3
    assert kb.match(person("Lê Văn Chiến", ("Phó Chủ tịch Thường trực", "UBND tỉnh Đắk Nông"))) == "kb:1"


def test_former_office_matches(kb):
    assert kb.match(person("Nguyễn Văn Bình", ("nguyên Giám đốc", "Công an tỉnh Đồng Nai"))) == "kb:3"
    assert kb.match(person("Nguyễn Văn Bình", ("Thống đốc", None))) == "kb:2"


def test_no_match_without_a_shared_role(kb):
    assert kb.match(person("Lê Văn Chiến", ("Bí thư", "Tỉnh ủy Đắk Nông"))) is None
    assert kb.match(person("Lê Văn Chiến")) is None        # a name alone is not enough
    assert kb.match(person("Trần Văn Chiến", ("Phó Chủ tịch Thường trực", None))) is None


def test_resolver_attaches_the_id_and_works_without_kb(kb):
    text = "Theo đồng chí Lê Văn Chiến, Phó Chủ tịch Thường trực UBND tỉnh Đắk Nông, tỉnh đã làm tốt."
    prepared = prepare(text)
    i = text.index("Lê Văn Chiến")
    ents = [Entity(type="PERSON", text="Lê Văn Chiến", start=i, end=i + len("Lê Văn Chiến"))]
    with_kb, _, _ = ArticleResolver(kb=kb).resolve(prepared, ents, [])
    without, _, _ = ArticleResolver().resolve(prepared, ents, [])
    assert with_kb[0].kb_id == "kb:1"
    assert without[0].kb_id is None
    assert [p.role for p in with_kb[0].positions] == [p.role for p in without[0].positions]


def test_an_office_written_fully_or_shortly_matches(tmp_path):
    path = tmp_path / "kb.jsonl"
    path.write_text(json.dumps({"id": "kb:9", "name": "Đoàn Hồng Phong", "positions": [
        {"role": "Tổng Thanh tra", "organization": "Thanh tra Chính phủ"}]}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    kb = KnowledgeBase.load(path)
    assert kb.match(person("Đoàn Hồng Phong", ("Tổng Thanh tra Chính phủ", "Thanh tra Chính phủ"))) == "kb:9"
    assert kb.match(person("Đoàn Hồng Phong", ("Thanh tra viên", None))) is None

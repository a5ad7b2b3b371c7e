"""Names the CRF cut at a syllable that is also a common word or a place are joined again (entity stage),
and the persons stage keeps them whole. The CRF is a stub here: each test says how the model cut the name."""
from tagger.entities import EntityRecognizer
from tagger.lexicons import Lexicons
from tagger.persons import ArticleResolver
from tagger.text import prepare

from test_entities import StubTagger


def recognizer(tags):
    lex = Lexicons({"address": ["ông", "bà", "đồng chí"], "titles": ["Chủ tịch", "Bộ trưởng"],
                    "surnames": ["Nguyễn", "Đỗ", "Đặng", "Bùi", "Lê", "Ông", "Hồ", "Hà", "Đồng"],
                    "provinces": ["Hà Giang", "Đồng Tháp", "Hà Nam", "Gia Lai", "Hà Tĩnh", "Hà Nội"], "countries": ["Anh"]})
    return EntityRecognizer(StubTagger(tags), lex)


def persons(text, tags):
    return [e.text for e in recognizer(tags).predict(prepare(text)) if e.type == "PERSON"]


def test_a_name_cut_at_a_country_is_joined():
    # "Anh" (England) in the middle of "Nguyễn Anh Trí": the model read "Nguyễn" and "Trí" as two persons
    text = "Đại biểu Nguyễn Anh Trí (Hà Nội) cho rằng việc đánh thuế cần lộ trình."
    tags = {"nguyễn": "B-PERSON", "anh": "B-LOCATION", "trí": "B-PERSON"}
    assert persons(text, tags) == ["Nguyễn Anh Trí"]


def test_a_four_syllable_name_cut_after_its_second_syllable_is_joined():
    text = "Ủy ban Kiểm tra Trung ương kỷ luật nguyên Thứ trưởng Tài chính Đỗ Hoàng Anh Tuấn và một số tổ chức đảng."
    tags = {"đỗ": "B-PERSON", "hoàng": "I-PERSON", "tuấn": "B-PERSON"}
    assert persons(text, tags) == ["Đỗ Hoàng Anh Tuấn"]


def test_a_lone_family_name_takes_the_given_names_the_model_read_as_a_title():
    text = "Giám đốc Công an tỉnh trao quyết định bổ nhiệm Đại tá Nguyễn Quốc Vương, Trưởng phòng thuộc Cục."
    tags = {"nguyễn": "B-PERSON", "quốc": "B-TITLE", "vương": "I-TITLE"}
    ents = recognizer(tags).predict(prepare(text))
    assert [e.text for e in ents if e.type == "PERSON"] == ["Nguyễn Quốc Vương"]
    assert not [e for e in ents if e.type == "TITLE" and e.text == "Quốc Vương"]


def test_a_name_ending_in_a_middle_name_takes_the_given_name():
    text = "Ủy ban Kiểm tra Trung ương thi hành kỷ luật khai trừ ra khỏi Đảng các ông Phạm Văn Hạ, Bùi Văn Từ; cảnh cáo Ban cán sự đảng."
    tags = {"phạm": "B-PERSON", "hạ": "I-PERSON", "bùi": "B-PERSON", "văn": "I-PERSON"}
    assert persons(text, tags) == ["Phạm Văn Hạ", "Bùi Văn Từ"]


def test_the_family_name_left_before_the_span_is_taken_back():
    text = "Cựu Bí thư Hà Giang Đặng Quốc Khánh bị đề nghị kỷ luật."
    tags = {"hà": "B-LOCATION", "giang": "I-LOCATION", "khánh": "B-PERSON"}
    assert persons(text, tags) == ["Đặng Quốc Khánh"]


def test_what_is_not_part_of_a_name_stays_out():
    # a title after a lone family name ("Hồ Chủ tịch"), a place before a name, a form of address before it
    text = "Đoàn viếng Lăng Hồ Chủ tịch. Bí thư Tỉnh ủy Đồng Tháp Lê Quốc Phong phát biểu. Ông Nguyễn Văn Thắng cho biết."
    tags = {"hồ": "B-PERSON", "chủ": "B-TITLE", "tịch": "I-TITLE", "lê": "B-PERSON", "quốc": "I-PERSON",
            "phong": "I-PERSON", "nguyễn": "B-PERSON", "văn": "I-PERSON", "thắng": "I-PERSON"}
    assert persons(text, tags) == ["Hồ", "Lê Quốc Phong", "Nguyễn Văn Thắng"]
    text = "Lãnh đạo tỉnh Hà Nam Lê Lâm dự họp."
    assert persons(text, {"lê": "B-PERSON", "lâm": "I-PERSON"}) == ["Lê Lâm"]


def test_persons_stage_keeps_a_given_name_that_is_also_a_preposition():
    text = "Ủy ban Kiểm tra Trung ương khai trừ ông Bùi Văn Từ, Trưởng Ban Quản lý dự án các khu công nghiệp tỉnh."
    prepared = prepare(text)
    ents = recognizer({"bùi": "B-PERSON", "văn": "I-PERSON", "từ": "I-PERSON"}).predict(prepared)
    found, _, _ = ArticleResolver().resolve(prepared, ents, [])
    assert [p.name for p in found] == ["Bùi Văn Từ"]
    assert found[0].positions and found[0].positions[0].role == "Trưởng ban"


def test_persons_stage_knows_rarer_family_names():
    # "Ngụy" is a family name: the name is not cut at "Kim" (also a family name)
    text = "Cảnh cáo các ông Trần Xuân Đông, Ngụy Kim Phương, nguyên Trưởng Ban Kinh tế Ngân sách HĐND tỉnh."
    prepared = prepare(text)
    ents = recognizer({"ngụy": "B-PERSON", "kim": "I-PERSON", "phương": "I-PERSON", "trần": "B-PERSON",
                       "xuân": "I-PERSON", "đông": "I-PERSON"}).predict(prepared)
    found, _, _ = ArticleResolver().resolve(prepared, ents, [])
    assert "Ngụy Kim Phương" in [p.name for p in found]


def test_a_company_named_after_a_place_is_not_joined_into_a_name():
    text = "Chuối của Hoàng Anh Gia Lai đã được đón nhận tại nhiều nước."
    tags = {"hoàng": "B-PERSON", "gia": "B-PERSON", "lai": "I-PERSON"}
    lex_tags = persons(text, tags)
    assert "Hoàng Anh Gia Lai" not in lex_tags


def test_a_dateline_fused_with_the_lead_is_not_part_of_a_name():
    # vnexpress writes the dateline and the lead's first word without a space: "Hà TĩnhÔng ...", "Hà NộiSau ..."
    text = "Hà TĩnhÔng Lê Xuân Tiến cho biết dự án sẽ hoàn thành.\nHà NộiSau nhiều năm, người dân phấn khởi."
    tags = {"tĩnhông": "B-PERSON", "lê": "I-PERSON", "xuân": "I-PERSON", "tiến": "I-PERSON",
            "hà": "B-PERSON", "nộisau": "I-PERSON"}
    prepared = prepare(text)
    ents = recognizer(tags).predict(prepared)
    found, _, _ = ArticleResolver().resolve(prepared, ents, [])
    assert [p.name for p in found] == ["Lê Xuân Tiến"]

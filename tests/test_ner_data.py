"""Converters of the NER corpora to one syllable-level BIO scheme, and the weak-labelling rules.

Fixtures are tiny records written here in each corpus's own format (the corpora themselves are not in
the repository)."""
from training.ner_data import LABELS, add_titles, convert, map_tags, spans
from training.weak_labels import apply_rules
from tagger.lexicons import Lexicons


def lexicons():
    return Lexicons({
        "titles": ["Chủ tịch", "Phó Chủ tịch Thường trực", "Bí thư Tỉnh ủy", "Bộ trưởng"],
        "job_roles": ["Giám đốc", "Đại biểu"],
        "address": ["ông", "bà", "đồng chí"],
        "org_names": ["UBND", "Ủy ban nhân dân", "Bộ Nội vụ"],
        "admin_units": ["tỉnh", "huyện"],
        "provinces": ["Đắk Nông", "Hà Nội"],
        "countries": ["Lào"],
    })


def test_vlsp2016_uses_syllables_and_drops_misc():
    rec = {"id": "vlsp2016_x", "tokens": ["Ông", "Nguyễn_Văn_A", "ở", "Hà_Nội", "đọc", "Tuổi_Trẻ"],
           "tags": ["O", "B-PER", "O", "B-LOC", "O", "B-MISC"],
           "syl_tokens": ["Ông", "Nguyễn", "Văn", "A", "ở", "Hà", "Nội", "đọc", "Tuổi", "Trẻ"],
           "syl_tags": ["O", "B-PER", "I-PER", "I-PER", "O", "B-LOC", "I-LOC", "O", "B-MISC", "I-MISC"]}
    s = convert(rec, "vlsp2016")
    assert s["tokens"][1:4] == ["Nguyễn", "Văn", "A"]
    assert spans(s["tags"]) == [(1, 4, "PERSON"), (5, 7, "LOCATION")]


def test_vlsp2021_persontype_becomes_title_and_other_types_vanish():
    rec = {"id": "v21", "tokens": ["Chủ", "tịch", "Nguyễn", "Văn", "B", "ngày", "3/6"],
           "tags": ["B-PERSONTYPE", "I-PERSONTYPE", "B-PERSON", "I-PERSON", "I-PERSON", "B-DATETIME", "I-DATETIME"]}
    s = convert(rec, "vlsp2021")
    assert s["tags"] == ["B-TITLE", "I-TITLE", "B-PERSON", "I-PERSON", "I-PERSON", "O", "O"]


def test_phoner_name_and_job():
    rec = {"id": "p", "tokens": ["bác", "sĩ", "Lan", "ở", "Bệnh", "viện", "Bạch", "Mai", "BN91"],
           "tags": ["B-JOB", "I-JOB", "B-NAME", "O", "B-ORGANIZATION", "I-ORGANIZATION", "I-ORGANIZATION",
                    "I-ORGANIZATION", "B-PATIENT_ID"]}
    s = convert(rec, "phoner")
    assert spans(s["tags"]) == [(0, 2, "TITLE"), (2, 3, "PERSON"), (4, 8, "ORGANIZATION")]


def test_map_tags_repairs_orphan_inside_tags():
    assert map_tags(["I-LOC", "I-LOC", "O", "I-PER"], {"LOC": "LOCATION", "PER": "PERSON"}) == \
        ["B-LOCATION", "I-LOCATION", "O", "B-PERSON"]
    assert map_tags(["B-MISC", "I-PER"], {"PER": "PERSON"}) == ["O", "B-PERSON"]
    assert set(map_tags(["B-PER", "I-PER"], {"PER": "PERSON"})) <= set(LABELS)


def test_add_titles_marks_roles_but_stops_at_an_annotated_body():
    toks = ["Bộ", "trưởng", "Bộ", "Nội", "vụ", "và", "Chủ", "tịch", "tỉnh", ",", "các", "đại", "biểu"]
    tags = ["O", "O", "B-ORGANIZATION", "I-ORGANIZATION", "I-ORGANIZATION", "O", "O", "O", "O", "O", "O", "O", "O"]
    out = add_titles(toks, tags, lexicons())
    assert spans(out) == [(0, 2, "TITLE"), (2, 5, "ORGANIZATION"), (6, 8, "TITLE")]  # "đại biểu": lowercase job


def test_weak_rules_fix_a_title_read_as_a_place_and_a_document():
    syls = "Phó Chủ tịch Thường trực UBND tỉnh Đắk Nông , ông Lê Văn Chiến , ký Nghị quyết số 25".split()
    assert len(syls) == 20
    model = ["B-LOCATION"] + ["I-LOCATION"] * 8 + ["O"] * 7 + ["B-LOCATION"] + ["I-LOCATION"] * 3
    doc = [False] * 16 + [True] * 4     # "Nghị quyết số 25", found by the document parser
    tags, fired = apply_rules(syls, model, lexicons(), doc)
    assert fired
    assert spans(tags) == [(0, 5, "TITLE"), (5, 9, "ORGANIZATION"), (11, 14, "PERSON")]


def test_titles_are_role_words_only_even_when_the_lexicon_lists_the_whole_position():
    lex = Lexicons({"titles": ["Bộ trưởng", "Bộ trưởng Bộ Công an", "Chủ tịch", "Chủ tịch Ủy ban nhân dân tỉnh",
                               "Phó Chủ tịch", "Phó Chủ tịch Thường trực"],
                    "org_names": ["Bộ Công an"], "org_heads": ["Bộ", "Ủy ban nhân dân"],
                    "title_modifiers": ["Thường trực"]})
    toks = "Bộ trưởng Bộ Công an Tô Lâm gặp Chủ tịch Ủy ban nhân dân tỉnh".split()
    out = add_titles(toks, ["O"] * len(toks), lex)
    assert spans(out) == [(0, 2, "TITLE"), (8, 10, "TITLE")]      # the bodies are not roles
    tags, _ = apply_rules(toks, ["O"] * len(toks), lex, [False] * len(toks))
    assert (0, 2, "TITLE") in spans(tags) and (2, 5, "ORGANIZATION") in spans(tags)
    toks = "Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh".split()
    assert spans(add_titles(toks, ["O"] * len(toks), lex)) == [(0, 5, "TITLE")]   # a modifier is no body


def test_phoner_hospitals_are_organizations_not_places():
    rec = {"id": "p", "tokens": "chuyển đến Bệnh viện Bạch Mai ở quận Hải Châu".split(),
           "tags": ["O", "O", "B-LOCATION", "I-LOCATION", "I-LOCATION", "I-LOCATION", "O", "B-LOCATION",
                    "I-LOCATION", "I-LOCATION"]}
    assert spans(convert(rec, "phoner")["tags"]) == [(2, 6, "ORGANIZATION"), (7, 10, "LOCATION")]


def test_sentences_know_their_document():
    from training.ner_data import doc_key
    assert doc_key("vlsp2018", "train", 5, {"doc": "23351225"}) == "vlsp2018:train:23351225"
    assert doc_key("vlsp2016", "dev", 41, {}) == doc_key("vlsp2016", "dev", 79, {}) != doc_key("vlsp2016", "dev", 39, {})
    assert doc_key("phoner", "train", 3, {}) is None

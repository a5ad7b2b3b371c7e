"""Analysts' labelled data in every format reads into the same checked records."""
import json
from pathlib import Path

import pytest

from training import formats
from training.formats import LabelPolicy, Record, Span, check_record, entity_sentences, load
from training.recipe import load_recipe

FIX = Path(__file__).parent / "fixtures" / "analysts"
THU_TUONG = "Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản tại Hà Nội"


def spans_of(rec: Record) -> list[tuple[str, str]]:
    return [(rec.text[s.start:s.end], s.label) for s in rec.spans]


@pytest.mark.parametrize("name, fmt, n_spans, n_labels", [
    ("spans.jsonl", "jsonl", 8, 8),
    ("gold.jsonl", "jsonl", 5, 5),
    ("ner.conll", "conll", 7, 0),
    ("doccano_seq.jsonl", "doccano", 8, 0),
    ("doccano_entities.jsonl", "doccano", 5, 0),
    ("doccano_class.jsonl", "doccano", 0, 8),
    ("labelstudio.json", "labelstudio", 8, 8),
    ("labelstudio_min.json", "labelstudio", 8, 8),
])
def test_every_format_reads_detected_or_named(name, fmt, n_spans, n_labels):
    for given in ("auto", fmt):
        ds = load([FIX / name], given)
        assert len(ds.span_records()) == n_spans, given
        assert len(ds.label_records()) == n_labels, given
        assert ds.dropped == 0
        assert not [p for p in ds.problems if p.effect != "warning"]


def test_the_same_article_gives_the_same_spans_in_every_span_format():
    expected = [("Thủ tướng", "TITLE"), ("Phạm Minh Chính", "PERSON"), ("Đại sứ", "TITLE"),
                ("Nhật Bản", "LOCATION"), ("Hà Nội", "LOCATION"), ("Việt Nam", "LOCATION")]
    for name in ("spans.jsonl", "doccano_seq.jsonl", "doccano_entities.jsonl", "labelstudio.json",
                 "labelstudio_min.json", "ner.conll"):
        recs = [r for r in load([FIX / name]).records if r.text.startswith("Thủ tướng")]
        assert recs and spans_of(recs[0]) == expected, name


def test_conll_words_joined_with_underscore_become_syllables():
    rec = load([FIX / "ner.conll"]).records[-1]
    assert rec.text == "Chủ tịch nước Tô Lâm thăm Hàn Quốc ."
    assert spans_of(rec) == [("Chủ tịch nước", "TITLE"), ("Tô Lâm", "PERSON"), ("Hàn Quốc", "LOCATION")]
    sent = entity_sentences([rec])[0]
    assert sent["tokens"][:5] == ["Chủ", "tịch", "nước", "Tô", "Lâm"]
    assert sent["tags"][:5] == ["B-TITLE", "I-TITLE", "I-TITLE", "B-PERSON", "I-PERSON"]


def test_gold_strings_are_located_longest_first_and_missing_ones_reported():
    ds = load([FIX / "gold.jsonl"])
    g3 = next(r for r in ds.records if r.id == "g3")
    # the position surface "Bộ trưởng Bộ Ngoại giao" wins over the organization inside it
    assert spans_of(g3)[:2] == [("Bộ trưởng Bộ Ngoại giao", "TITLE"), ("Bùi Thanh Sơn", "PERSON")]
    assert ("Blinken", "PERSON") not in spans_of(g3)  # the alias lies inside the full name: no overlap
    assert [str(p) for p in ds.problems] == [f"{FIX / 'gold.jsonl'}:2: gold LOCATION 'Lào' not found in the text (warning)"]
    assert g3.topics == ["doi-ngoai"] and g3.is_political is True


def test_labelstudio_choices_and_unlabelled_tasks():
    ds = load([FIX / "labelstudio.json"])
    assert ds.skipped == 1                                   # the task nobody labelled
    by_id = {r.id: r for r in ds.records}
    assert by_id["ls2"].topics == ["quoc-hoi-hdnd-bau-cu", "phap-luat-tu-phap"]
    assert by_id["ls6"].is_political is False and by_id["ls6"].topics == []   # "not-political"
    mins = load([FIX / "labelstudio_min.json"]).records
    assert mins[2].topics == ["quoc-hoi-hdnd-bau-cu", "phap-luat-tu-phap"]      # {"choices": [...]}
    assert mins[1].topics == ["doi-ngoai"]                                       # a single string


def test_problems_name_file_line_and_reason_and_good_records_are_kept():
    ds = load([FIX / "problems.jsonl"])
    src = str(FIX / "problems.jsonl")
    msgs = [str(p) for p in ds.problems]
    assert msgs[0] == (f"{src}:1: span 10-25 PER: text[start:end] is 'Phạm Minh Chính', the annotation says "
                       f"'Phạm Văn Chính' (record dropped)")
    assert msgs[1].startswith(f"{src}:2: spans overlap: 0-9 JOB 'Thủ tướng' and 5-14 PER")
    assert msgs[2] == f"{src}:3: span 10-10 PER is empty (record dropped)"
    assert msgs[3] == f"{src}:4: span 120-400 LOC is out of range: the text has 126 characters (record dropped)"
    assert "cuts a syllable in half" in msgs[4] and msgs[4].startswith(f"{src}:5:")
    assert msgs[5] == (f"{src}:6: unknown entity label 'RELATION' (add it to [labels.entities] in the recipe) "
                       f"(span dropped)")
    assert msgs[6].startswith(f"{src}:7: no text")
    assert msgs[7].startswith(f"{src}:8: not valid JSON")
    assert (ds.read, len(ds.records), ds.dropped) == (8, 1, 7)
    assert "used 1, dropped 7" in ds.summary()
    assert ds.records[0].id == "p-unknown" and len(ds.records[0].spans) == 6


def test_label_map_from_a_recipe(tmp_path):
    recipe = tmp_path / "r.toml"
    recipe.write_text('[labels.entities]\nCHUCVU = "TITLE"\nMISC = ""\n[labels.topics]\n"Đối ngoại" = "doi-ngoai"\n',
                      encoding="utf-8")
    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"text": THU_TUONG, "label": [[0, 9, "CHUCVU"], [10, 25, "PER"], [45, 53, "MISC"]]},
                               ensure_ascii=False) + "\n" +
                    json.dumps({"text": THU_TUONG, "label": ["Đối ngoại"]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    ds = load([data], "doccano", load_recipe(recipe).policy)
    assert spans_of(ds.records[0]) == [("Thủ tướng", "TITLE"), ("Phạm Minh Chính", "PERSON")]
    assert ds.ignored == {"MISC": 1} and not ds.problems          # ignored on purpose: counted, not reported
    assert ds.records[1].topics == ["doi-ngoai"] and ds.records[1].is_political is True


def test_spans_are_trimmed_and_follow_nfc_normalisation():
    decomposed = "Ông Lê Văn Chiến".replace("ê", "e\u0302")        # NFD input from an old tool
    start = decomposed.index("L")
    rec = Record("x.jsonl", 1, decomposed, [Span(start, len(decomposed), "PER"), Span(0, 4, "JOB")])
    clean, problems = check_record(rec, LabelPolicy(), formats.Counter())
    assert not problems
    assert spans_of(clean) == [("Ông", "TITLE"), ("Lê Văn Chiến", "PERSON")]   # "Ông " trimmed, offsets NFC


def test_entity_sentences_split_on_sentences_and_tag_bio():
    text = "Ông Lê Văn Chiến dự họp. Sau đó, đoàn về Đắk Nông."
    rec = Record("x", 1, text, [Span(4, 16, "PERSON"), Span(41, 49, "LOCATION")])
    sents = entity_sentences([rec])
    assert [s["tokens"][-3:] for s in sents] == [["dự", "họp", "."], ["Đắk", "Nông", "."]]
    assert sents[0]["tags"][:4] == ["O", "B-PERSON", "I-PERSON", "I-PERSON"]
    assert sents[1]["tags"][-3:] == ["B-LOCATION", "I-LOCATION", "O"]


def test_a_file_that_is_not_the_named_format_is_reported_line_by_line():
    ds = load([FIX / "doccano_seq.jsonl"], "jsonl")
    assert ds.records == [] and "looks like doccano-seq data, not jsonl" in str(ds.problems[0])


def test_a_directory_is_read_file_by_file_each_in_its_own_format():
    ds = load([FIX])
    assert {f.path.name: f.format for f in ds.files} == {
        "doccano_class.jsonl": "doccano", "doccano_entities.jsonl": "doccano", "doccano_seq.jsonl": "doccano",
        "gold.jsonl": "jsonl", "labelstudio.json": "labelstudio", "labelstudio_min.json": "labelstudio",
        "ner.conll": "conll", "problems.jsonl": "jsonl", "spans.jsonl": "jsonl"}
    assert all(len(f.sha256) == 64 for f in ds.files)
    assert (ds.read, len(ds.records), ds.dropped, ds.skipped) == (66, 58, 7, 1)

"""Entity recognizer: features, BIO decoding, titles joined with their body, document spans, the training API
and the shipped model on real political sentences."""
import json
from pathlib import Path

import pytest

from tagger.entities import EntityRecognizer
from tagger.features import sentence_features, shape
from tagger.lexicons import Lexicons
from tagger.text import prepare, tokens
from tagger.types import DocumentRef, Mention

SHIPPED = Path(__file__).resolve().parent.parent / "models" / "default" / "entities"


class StubTagger:
    """Tags a sentence by a dict {syllable index in the article: tag}; marginals 0.9 everywhere."""

    def __init__(self, by_syllable):
        self.by_syllable = by_syllable
        self.calls = []

    def labels(self):
        return ["O", "B-PERSON", "I-PERSON", "B-ORGANIZATION", "I-ORGANIZATION", "B-LOCATION", "I-LOCATION",
                "B-TITLE", "I-TITLE"]

    def tag(self, feats):
        words = [next(x[2:] for x in f if x.startswith("w=")) for f in feats]
        self.calls.append(words)
        return [self.by_syllable.get(w, "O") for w in words]

    def marginals(self, feats):
        return [[0.9] * len(self.labels()) for _ in feats]


def small_lexicons():
    return Lexicons({"address": ["ông", "bà", "đồng chí", "GS.TS"], "titles": ["Chủ tịch"], "provinces": ["Đắk Nông"]})


def test_shapes_of_vietnamese_syllables():
    assert shape("Đắk") == "Xx"
    assert shape("UBND") == "XX"
    assert shape("tỉnh") == "x"
    assert shape("TP.HCM") == "XX."
    assert shape("2024") == "d"
    assert shape(",") == ","


def test_features_see_lexicon_phrases_and_neighbours():
    feats = sentence_features(["ông", "Lê", "Văn", "Chiến", "về", "Đắk", "Nông"], small_lexicons())
    assert "L=address:U" in feats[0]
    assert "L-1=address:U" in feats[1]           # the syllable after a form of address knows it
    assert "L=provinces:B" in feats[5] and "L=provinces:E" in feats[6]
    assert "w-1=lê" in feats[2] and "w+1=chiến" in feats[2]
    assert "BOS" in feats[0] and "EOS" in feats[6]


def test_decoding_trims_address_and_joins_title_with_its_body():
    text = "Chủ tịch UBND tỉnh Đắk Nông, ông Hồ Văn Mười, làm việc tại Đắk Nông."
    tags = {"chủ": "B-TITLE", "tịch": "I-TITLE", "ubnd": "B-ORGANIZATION", "tỉnh": "I-ORGANIZATION",
            "đắk": "I-ORGANIZATION", "nông": "I-ORGANIZATION", "ông": "B-PERSON", "hồ": "I-PERSON",
            "văn": "I-PERSON", "mười": "I-PERSON"}
    rec = EntityRecognizer(StubTagger(tags), small_lexicons())
    prepared = prepare(text)
    ents = rec.predict(prepared)
    got = {(e.type, e.text) for e in ents}
    assert ("PERSON", "Hồ Văn Mười") in got                        # "ông" is not part of the name
    assert ("TITLE", "Chủ tịch UBND tỉnh Đắk Nông") in got          # the whole position surface
    assert ("ORGANIZATION", "UBND tỉnh Đắk Nông") in got            # still reported on its own
    for e in ents:
        assert prepared.text[e.start:e.end] == e.text
        assert e.score == pytest.approx(0.9)


def test_nothing_comes_out_of_a_document_reference_but_its_issuer():
    text = "Thực hiện Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương Đảng về công tác dân vận."
    prepared = prepare(text)
    a = text.index("Nghị quyết")
    b = text.index(" về công tác")
    doc = DocumentRef(text=text[a:b], start=a, end=b, type="Nghị quyết", number="25", symbol="25-NQ/TW",
                      issuer="Ban Chấp hành Trung ương Đảng", mentions=[Mention(a, b, text[a:b])])
    tags = {"nghị": "B-LOCATION", "quyết": "I-LOCATION", "ban": "B-ORGANIZATION", "chấp": "I-ORGANIZATION",
            "hành": "I-ORGANIZATION", "trung": "I-ORGANIZATION", "ương": "I-ORGANIZATION", "đảng": "I-ORGANIZATION"}
    rec = EntityRecognizer(StubTagger(tags), small_lexicons())
    assert {(e.type, e.text) for e in rec.predict(prepared)} >= {("LOCATION", "Nghị quyết")}
    got = {(e.type, e.text) for e in rec.predict(prepared, [doc])}
    assert got == {("ORGANIZATION", "Ban Chấp hành Trung ương Đảng")}


def test_noise_is_never_read():
    prepared = prepare("Bí thư Tỉnh ủy Đắk Nông dự hội nghị.\nQuảng cáo\nĐắk Nông")
    rec = EntityRecognizer(StubTagger({}), small_lexicons())
    rec.predict(prepared)
    seen = [w for call in rec.tagger.calls for w in call]
    assert "quảng" not in seen


SENTENCES = [
    ("Chủ tịch UBND tỉnh Đắk Nông Hồ Văn Mười làm việc tại Gia Nghĩa .",
     "B-TITLE I-TITLE B-ORGANIZATION I-ORGANIZATION I-ORGANIZATION I-ORGANIZATION B-PERSON I-PERSON I-PERSON O O O "
     "B-LOCATION I-LOCATION O"),
    ("Bí thư Tỉnh ủy Lâm Đồng Trần Đức Quận thăm huyện Đam Rông .",
     "B-TITLE I-TITLE B-ORGANIZATION I-ORGANIZATION I-ORGANIZATION I-ORGANIZATION B-PERSON I-PERSON I-PERSON O "
     "O B-LOCATION I-LOCATION O"),
    ("Ông Nguyễn Văn Thắng , Bộ trưởng Bộ Tài chính , phát biểu tại Hà Nội .",
     "O B-PERSON I-PERSON I-PERSON O B-TITLE I-TITLE B-ORGANIZATION I-ORGANIZATION I-ORGANIZATION O O O O "
     "B-LOCATION I-LOCATION O"),
    ("Thủ tướng Phạm Minh Chính tiếp Đại sứ Lào .",
     "B-TITLE I-TITLE B-PERSON I-PERSON I-PERSON O B-TITLE I-TITLE B-LOCATION O"),
]


def _sentences(times=8):
    out = []
    for text, tags in SENTENCES * times:
        toks, tg = text.split(), tags.split()
        assert len(toks) == len(tg), text
        out.append({"tokens": toks, "tags": tg})
    return out


def test_train_entity_component_writes_a_loadable_component(tmp_path):
    from training.ner import train_entity_component
    metrics = train_entity_component(_sentences(), tmp_path, {"max_iterations": 40, "min_feature_count": 1,
                                                              "eval_sentences": _sentences(1)})
    spec = json.loads((tmp_path / "component.json").read_text(encoding="utf-8"))
    assert spec["module"] == "tagger.entities" and spec["class"] == "EntityRecognizer"
    assert set(spec["labels"]) == {"PERSON", "ORGANIZATION", "LOCATION", "TITLE"}
    assert metrics["micro"]["f1"] > 0.9                # it learns its own training sentences
    rec = EntityRecognizer.load(tmp_path, spec["config"])
    prepared = prepare("Chủ tịch UBND tỉnh Đắk Nông Hồ Văn Mười làm việc tại Gia Nghĩa.")
    got = {(e.type, e.text) for e in rec.predict(prepared)}
    assert ("PERSON", "Hồ Văn Mười") in got
    assert all(0.0 < e.score <= 1.0 for e in rec.predict(prepared))


@pytest.mark.skipif(not (SHIPPED / "component.json").exists(), reason="shipped entity model not built")
def test_shipped_model_reads_political_prose():
    spec = json.loads((SHIPPED / "component.json").read_text(encoding="utf-8"))
    rec = EntityRecognizer.load(SHIPPED, spec["config"])
    text = ("Sáng 10/6, đồng chí Lê Văn Chiến, Phó Chủ tịch Thường trực UBND tỉnh Đắk Nông, đã làm việc với "
            "Ban Dân vận Tỉnh ủy về công tác dân vận năm 2024.")
    prepared = prepare(text)
    ents = rec.predict(prepared)
    got = {(e.type, e.text) for e in ents}
    assert ("PERSON", "Lê Văn Chiến") in got
    assert any(e.type == "TITLE" and e.text.startswith("Phó Chủ tịch Thường trực") for e in ents)
    assert not any(e.type == "LOCATION" and "Chủ tịch" in e.text for e in ents)
    for e in ents:
        assert prepared.text[e.start:e.end] == e.text and 0.0 < e.score <= 1.0


def test_tokens_used_for_tagging_have_offsets():
    text = "Ông Vương Đình Huệ làm việc tại TP.HCM."
    toks = tokens(text)
    assert [text[a:b] for a, b in toks][-2:] == ["TP.HCM", "."]


def test_a_capitalised_word_at_the_start_of_a_sentence_sees_the_rest_of_the_article():
    from tagger.features import DocContext
    article = [["Lâm", "bị", "thương", "nặng", "."], ["Chiều", "nay", "ngồi", "bên", "Lâm", "."],
               ["Những", "ngày", "ấy", ",", "những", "người", "ở", "lại", "."]]
    doc = DocContext.of(article)
    lam = sentence_features(article[0], small_lexicons(), doc=doc)[0]
    assert "dc=ClS" in lam             # written capitalised inside a sentence elsewhere: a name
    nhung = sentence_features(article[2], small_lexicons(), doc=doc)[0]
    assert "dc=cLS" in nhung           # written in lower case elsewhere: a common word
    alone = sentence_features(article[0], small_lexicons())[0]
    assert "dc=clS" in alone           # without the article, the sentence alone


def test_features_without_weight_are_dropped_and_nothing_changes(tmp_path):
    from tagger.entities import active_attributes
    from training.ner import train_entity_component
    train_entity_component(_sentences(), tmp_path, {"max_iterations": 40, "min_feature_count": 1})
    rec = EntityRecognizer.load(tmp_path)
    active = active_attributes(tmp_path / "model.crfsuite")
    assert set(rec.active) == active and "BOS" in active
    text = "Bí thư Tỉnh ủy Lâm Đồng Trần Đức Quận thăm huyện Đam Rông và gặp Chủ tịch UBND tỉnh Đắk Nông."
    with_keep = [(e.type, e.start, e.end, e.score) for e in rec.predict(prepare(text))]
    rec.active = None
    assert [(e.type, e.start, e.end, e.score) for e in rec.predict(prepare(text))] == with_keep
    syls = text.split()
    full = sentence_features(syls, rec.lexicons)
    kept = sentence_features(syls, rec.lexicons, keep=active)
    assert kept == [[x for x in f if x in active] for f in full]     # same features, same order
    index = EntityRecognizer.load(tmp_path).active
    assert sentence_features(syls, rec.lexicons, keep=index) == [[index[x] for x in f] for f in kept]  # as ids


def test_numpy_crf_gives_the_tags_and_marginals_of_underthesea_core(tmp_path):
    from underthesea_core import CRFTagger
    from tagger.entities import LinearChainCRF
    from training.ner import train_entity_component
    train_entity_component(_sentences(), tmp_path, {"max_iterations": 40, "min_feature_count": 1})
    ours = LinearChainCRF.read(tmp_path / "model.crfsuite")
    ref = CRFTagger()
    ref.load(str(tmp_path / "model.crfsuite"))
    assert ours.labels() == list(ref.labels())
    lex = EntityRecognizer.load(tmp_path).lexicons
    texts = ["Bí thư Tỉnh ủy Lâm Đồng Trần Đức Quận thăm huyện Đam Rông .",
             "Thủ tướng Phạm Minh Chính tiếp Đại sứ Lào tại Hà Nội .", "Trời mưa ."]
    feats = [sentence_features(t.split(), lex) for t in texts]
    got = ours.tag_batch(feats, True)
    for f, (tags, probs) in zip(feats, got):
        assert tags == list(ref.tag(f))
        if any(t != "O" for t in tags):
            marg = ref.marginals(f)
            idx = {lab: i for i, lab in enumerate(ref.labels())}
            assert probs == pytest.approx([marg[i][idx[t]] for i, t in enumerate(tags)], abs=1e-9)

"""Article evidence for capitalised runs: what the rest of the article says about the same name."""
from tagger.features import DocContext, sentence_features
from tagger.lexicons import Lexicons


def _sentences(text):
    return [s.split() for s in text.split(" | ")]


ARTICLE = _sentences(
    "Nhiệm vụ đầu tiên khi về tập đoàn Unilever là xây dựng thương hiệu Lifebuoy . | "
    "Nhưng Unilever đồng ý ngay mức lương đề xuất . | "
    "Phó Chủ tịch UBND tỉnh Đắk Nông Lê Văn Chiến phát biểu . | "
    "Theo ông Chiến , tỉnh sẽ rà soát các dự án .")


def _doc_features(sentence_index, syllable):
    doc = DocContext.of(ARTICLE)
    sent = ARTICLE[sentence_index]
    feats = sentence_features(sent, Lexicons({}), doc=doc)[sent.index(syllable)]
    return sorted(f for f in feats if f[:3] in ("dp=", "dr=") or f[:4] in ("+dp=", "+dr="))


def test_a_bare_company_name_sees_the_words_before_its_other_mentions():
    # "tập đoàn Unilever" in the first sentence tells the sentence-initial "Nhưng Unilever" what it is
    assert "+dp=đoàn" in _doc_features(1, "Unilever")
    assert "dp=đoàn" in _doc_features(0, "Unilever")


def test_a_short_reference_to_an_official_is_the_tail_of_the_full_name():
    assert "dr=T" in _doc_features(3, "Chiến")
    assert "dp=ông" in _doc_features(3, "Chiến")
    assert not any(f.startswith("dr=") for f in _doc_features(2, "Văn"))


def test_the_evidence_is_the_same_whatever_order_the_article_is_read_in():
    doc_a, doc_b = DocContext.of(ARTICLE), DocContext.of(list(reversed(ARTICLE)))
    for key in ("unilever", "chiến", "lê văn chiến"):
        assert doc_a.run_features(key) == doc_b.run_features(key)


def test_a_sentence_alone_is_its_own_article():
    sent = "Ông Lê Văn Chiến phát biểu .".split()
    assert sentence_features(sent, Lexicons({})) == sentence_features(sent, Lexicons({}), doc=DocContext.of([sent]))

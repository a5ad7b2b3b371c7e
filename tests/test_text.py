"""tagger.text: normalisation, tone placement, HTML, sentences, CMS noise — all without moving offsets."""
import unicodedata

from tagger.text import build_text, html_to_text, prepare, split_sentences, tokens, unify_tones


def test_tone_placement_is_unified_without_changing_length():
    for new, old in [("Hoà Bình", "Hòa Bình"), ("thuỷ lợi", "thủy lợi"), ("khoẻ mạnh", "khỏe mạnh"),
                     ("Thanh Hoá", "Thanh Hóa")]:
        assert unify_tones(new) == old
        assert len(unify_tones(new)) == len(new)
    # a closed syllable keeps its tone where it is
    assert unify_tones("Hoàng Sa") == "Hoàng Sa"


def test_decomposed_input_is_returned_composed():
    decomposed = unicodedata.normalize("NFD", "Đắk Nông")
    p = prepare(decomposed)
    assert p.text == "Đắk Nông"


def test_match_text_keeps_offsets_of_returned_text():
    p = prepare("Chủ tịch UBND tỉnh Thanh Hoá làm việc tại huyện Thuỷ Nguyên.")
    assert len(p.match) == len(p.text) == len(p.clean)
    i = p.match.index("Thanh Hóa")
    assert p.text[i:i + len("Thanh Hoá")] == "Thanh Hoá"


def test_html_is_reduced_to_text_with_line_breaks():
    markup = ("<article><h1>Bầu Chủ tịch nước</h1><script>var x=1;</script>"
              "<p>Quốc hội bầu&nbsp;đồng chí Lương Cường.</p><p>Phiên họp <b>bế mạc</b>.</p></article>")
    assert html_to_text(markup) == "Bầu Chủ tịch nước\nQuốc hội bầu đồng chí Lương Cường.\nPhiên họp bế mạc."


def test_title_sapo_body_are_joined_with_newlines():
    text = build_text("Nội dung.", title="Tiêu đề", sapo="Tóm tắt")
    assert text == "Tiêu đề\nTóm tắt\nNội dung."


def test_example_article_noise_is_removed(example_article):
    p = prepare(example_article["body"])
    removed = {p.text[a:b].strip() for a, b in p.noise}
    for noise in ["ADQuảng cáo", "ONG CHIEN DT", "dv-.jpg", "DIEU XUAN HUNG", "(0) Bình luận", "Nổi bật",
                  "Đừng bỏ lỡ", "POWERED BY ONECMS - A PRODUCT OF NEKO", "Tuệ An 10/06/2024 07:17"]:
        assert noise in removed, noise
        assert noise not in p.clean
    # real content stays, at the same offsets
    i = p.text.index("Lê Văn Chiến")
    assert p.clean[i:i + 12] == "Lê Văn Chiến"
    assert "Nghị quyết số 25-NQ/TW" in p.clean


def test_caption_stub_needs_all_caps_without_diacritics():
    p = prepare("Hội nghị Trung ương\nONG CHIEN DT\nĐẠI HỘI ĐẢNG BỘ TỈNH\nNội dung bài viết.")
    assert "ONG CHIEN DT" not in p.clean
    assert "ĐẠI HỘI ĐẢNG BỘ TỈNH" in p.clean  # a heading with diacritics is content


def test_sentences_do_not_split_after_abbreviations():
    text = "Đoàn công tác của TP. Hồ Chí Minh do GS. Nguyễn Văn A dẫn đầu. Hội nghị diễn ra tại Hà Nội!"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "Đoàn công tác của TP. Hồ Chí Minh do GS. Nguyễn Văn A dẫn đầu.", "Hội nghị diễn ra tại Hà Nội!"]


def test_tokens_keep_symbols_and_numbers_whole():
    text = "Nghị định 100/2019/NĐ-CP ngày 30/12/2019"
    assert [text[a:b] for a, b in tokens(text)] == [
        "Nghị", "định", "100/2019", "/", "NĐ", "-", "CP", "ngày", "30/12/2019"]


def test_sentences_are_not_split_before_a_lower_case_accented_word():
    text = "Tỷ lệ đạt 95%. ở cấp xã, việc này chưa làm. Ông An nói."
    assert [text[a:b] for a, b in split_sentences(text)] == ["Tỷ lệ đạt 95%. ở cấp xã, việc này chưa làm.", "Ông An nói."]


def test_sentence_tokens_are_read_once_per_article():
    p = prepare("Chiều 10/6, Bí thư Tỉnh ủy Thái Thanh Quý làm việc tại Nghệ An. Ông đề nghị UBND tỉnh chỉ đạo.")
    per_sentence = p.sentence_tokens()
    assert per_sentence == [tokens(p.clean, a, b) for a, b in p.sentences]
    assert [p.clean[s:e] for s, e in per_sentence[1]][:3] == ["Ông", "đề", "nghị"]
    assert p.sentence_tokens() is per_sentence   # entities and the resolver share one list

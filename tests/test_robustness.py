"""No input makes the engine fail: arbitrary text, HTML and adversarial strings all give a valid result."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import assert_offsets

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + "0123456789 .,;:-–/()\"'“”\n\t\u00a0\u0300\u0301Ð<>&" + "NQTWĐCP"
FRAGMENTS = ["Nghị quyết số ", "25-NQ/TW", " ngày 3/6/2013", " của Bộ Chính trị", "Chủ tịch UBND tỉnh ",
             "Nguyễn Văn An", ", UVBTV Tỉnh ủy", "ONG CHIEN DT\n", "Quảng cáo\n", "<p>", "</p>", "100/2019/NĐ-CP",
             "ông ", "đồng chí ", "các đồng chí: ", "Đắk Nông", "\n", "Luật Đất đai 2024", "Hiến pháp năm "]


def tag_dict(tagger, body, fmt="text"):
    return tagger.tag({"body": body, "format": fmt}, include_text=True).to_dict(include_text=True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=400).filter(lambda s: s.strip()))
def test_any_text_gives_a_valid_result(tagger, body):
    assert_offsets(tag_dict(tagger, body))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40).map("".join).filter(lambda s: s.strip()))
def test_shuffled_political_fragments_give_a_valid_result(tagger, body):
    assert_offsets(tag_dict(tagger, body))
    assert_offsets(tag_dict(tagger, body, "html"))


def test_adversarial_inputs(tagger):
    for body in ["1" * 100_000, "/-" * 50_000, "Nghị quyết " * 5000, "A" * 50_000, "\n" * 1000 + "x",
                 "<" * 10_000, "Ông " * 10_000, "25-NQ/TW," * 5000]:
        assert_offsets(tag_dict(tagger, body))

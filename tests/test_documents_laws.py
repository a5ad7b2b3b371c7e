"""Laws cited by number or by name in the way 2017-2020 social news writes them: "Luật số 69 năm 2013", names
with a bracketed abbreviation or with "của", and "Luật" followed by words that are not a name."""
import pytest

from tagger.documents import DocumentRefFinder
from tagger.text import prepare


@pytest.fixture(scope="module")
def finder():
    return DocumentRefFinder()


def found(finder, text):
    return [(r.type, r.number, r.name) for r in finder.find(prepare(text).clean)]


@pytest.mark.parametrize("text, expected", [
    # with "số" a law is cited by its number, like any other paper; a later short citation is the same law
    ("Ủy ban đề nghị đưa vào chương trình năm 2020 sửa đổi, bổ sung Luật số 69 năm 2013. Theo đó, vừa sửa được "
     "bất cập của Luật số 69 vừa tránh chồng chéo.", [("Luật", "69", None)]),
    ("Bộ luật số 45 của Quốc hội có hiệu lực từ năm 2021.", [("Bộ luật", "45", None)]),
])
def test_a_law_cited_by_number(finder, text, expected):
    assert found(finder, text) == expected


def test_a_law_without_so_needs_a_name(finder):
    # without "số" a number after "Luật" is not the law's number
    assert found(finder, "Luật 2 lần sửa đổi vẫn còn nhiều bất cập.") == []

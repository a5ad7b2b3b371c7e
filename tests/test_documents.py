"""Document references: every citation form of shared/domain/citations.jsonl (own copy in tests/data),
the surface patterns of REFERENCE.md 1.3, what is not a reference, keys, and linear time."""
import json
import time
from pathlib import Path

import pytest

from tagger.documents import DocumentRefFinder
from tagger.text import prepare

CASES = [json.loads(ln) for ln in (Path(__file__).parent / "data" / "citations_cases.jsonl").open(encoding="utf-8")]
FIELDS = ("text", "type", "number", "symbol", "year", "date", "issuer", "term", "name", "system")


@pytest.fixture(scope="module")
def finder():
    return DocumentRefFinder()


def find(finder, text):
    return finder.find(prepare(text).clean)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['id']:02d}" for c in CASES])
def test_citation_forms(finder, case):
    refs = finder.find(case["surface"])
    got = [{k: getattr(r, k) for k in FIELDS} for r in refs]
    assert got == case["expected"]
    for r in refs:
        assert case["surface"][r.start:r.end] == r.text
        assert r.key and r.mentions


def test_all_72_forms_are_covered():
    assert len(CASES) == 72


# ------------------------------------------------------------------ surface patterns (REFERENCE 1.3)

def test_party_and_state_symbols_in_a_sentence(finder):
    text = ("Thực hiện Nghị quyết số 25-NQ/TW, Quy định 08-QĐi/TW và Chỉ thị 06-CT/TU của Tỉnh ủy, "
            "UBND tỉnh đã áp dụng Nghị định 100/2019/NĐ-CP, Quyết định 1205/QĐ-UBND, Luật số 55/2014/QH13, "
            "Công văn 123/UBND-NC và Nghị quyết 66.25/2026/NQ-CP.")
    refs = find(finder, text)
    assert [r.symbol for r in refs] == ["25-NQ/TW", "08-QĐi/TW", "06-CT/TU", "100/2019/NĐ-CP", "1205/QĐ-UBND",
                                        "55/2014/QH13", "123/UBND-NC", "66.25/2026/NQ-CP"]
    assert [r.system for r in refs] == ["party"] * 3 + ["state"] * 5
    assert [r.type for r in refs][:3] == ["Nghị quyết", "Quy định", "Chỉ thị"]


@pytest.mark.parametrize("surface, iso", [
    ("Nghị quyết số 25-NQ/TW ngày 3/6/2013", "2013-06-03"),
    ("Nghị quyết số 25-NQ/TW ngày 3-6-2013", "2013-06-03"),
    ("Nghị quyết số 25-NQ/TW ngày 3.6.2013", "2013-06-03"),
    ("Nghị quyết số 25-NQ/TW ngày 03 tháng 6 năm 2013", "2013-06-03"),
    ("Nghị quyết 68-NQ/TW (4/5/2025) của Bộ Chính trị", "2025-05-04"),
    ("Nghị quyết số 12-NQ/ĐU, ngày 05/9/2026", "2026-09-05"),
])
def test_dates_in_every_form(finder, surface, iso):
    (ref,) = find(finder, surface)
    assert ref.date == iso
    assert ref.text == surface


def test_issuer_and_subject(finder):
    (ref,) = find(finder, "Nghị quyết 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
                          "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia. Các tỉnh đã triển khai.")
    assert ref.issuer == "Bộ Chính trị"
    assert ref.subject == "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
    assert ref.term == "XIII" and ref.key == "party/nghi-quyet/57/tw@XIII"


@pytest.mark.parametrize("surface, typ, number", [
    ("Tiếp tục thực hiện Nghị quyết 57 để phát triển khoa học.", "Nghị quyết", "57"),
    ("Theo Chỉ thị số 17 ngày 7/8/2013, các địa phương phải báo cáo.", "Chỉ thị", "17"),
    ("Mức phạt theo NĐ 168 cao hơn nhiều.", "Nghị định", "168"),
    ("Thông tư 01/2021 hướng dẫn thể thức văn bản.", "Thông tư", "1"),
    ("Đề án 06 về dữ liệu dân cư được triển khai.", "Đề án", "6"),
])
def test_type_and_bare_number(finder, surface, typ, number):
    (ref,) = find(finder, surface)
    assert (ref.type, ref.number) == (typ, number)


def test_lists_share_the_type(finder):
    refs = find(finder, "Tổng kết các Nghị quyết số 18, 19-NQ/TW của Hội nghị Trung ương 6 khóa XII.")
    assert [(r.type, r.symbol) for r in refs] == [("Nghị quyết", "18-NQ/TW"), ("Nghị quyết", "19-NQ/TW")]
    assert all(r.term == "XII" for r in refs)
    refs = find(finder, "Nghị định 100/2019/NĐ-CP và 123/2021/NĐ-CP đã được sửa đổi.")
    assert [(r.type, r.symbol, r.year) for r in refs] == [("Nghị định", "100/2019/NĐ-CP", 2019),
                                                          ("Nghị định", "123/2021/NĐ-CP", 2021)]


@pytest.mark.parametrize("surface, name, key, term", [
    ("Thực hiện Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng.", "Nghị quyết Trung ương 4 khóa XII",
     "party/nghi-quyet/name:trung-uong-4-khoa-xii", "XII"),
    ("Sau 5 năm thực hiện NQ TƯ 4, nhiều tổ chức đảng đã chuyển biến.", "Nghị quyết Trung ương 4",
     "party/nghi-quyet/name:trung-uong-4", None),
    ("Nghị quyết TW4 (khóa XII) nêu rõ các biểu hiện suy thoái.", "Nghị quyết Trung ương 4 khóa XII",
     "party/nghi-quyet/name:trung-uong-4-khoa-xii", "XII"),
    ("Nghị quyết TƯ 4, khóa 12 nêu rõ các biểu hiện suy thoái.", "Nghị quyết Trung ương 4 khóa XII",
     "party/nghi-quyet/name:trung-uong-4-khoa-xii", "XII"),
    ("Kết luận Hội nghị Trung ương 4 khóa XIII được quán triệt.", "Kết luận Hội nghị Trung ương 4 khóa XIII",
     "party/ket-luan/name:hoi-nghi-trung-uong-4-khoa-xiii", "XIII"),
    ("Cụ thể hóa Nghị quyết Đại hội XIII của Đảng, tỉnh đề ra ba đột phá.", "Nghị quyết Đại hội XIII",
     "party/nghi-quyet/name:dai-hoi-xiii", "XIII"),
    ("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng", "Nghị quyết Đại hội XIV",
     "party/nghi-quyet/name:dai-hoi-xiv", "XIV"),
])
def test_plenum_and_congress_names(finder, surface, name, key, term):
    """A plenum or congress is named in one canonical form (GUIDELINES 3), the key too."""
    (ref,) = find(finder, surface)
    assert (ref.name, ref.key, ref.term, ref.system, ref.number) == (name, key, term, "party", None)


@pytest.mark.parametrize("surface, names", [
    ("Nghị quyết TƯ 4 khóa 12 về tăng cường xây dựng, chỉnh đốn Đảng được quán triệt sâu rộng.",
     ["Nghị quyết Trung ương 4 khóa XII"]),
    ("Các cấp ủy tiếp tục quán triệt Nghị quyết Trung ương 4, 5, 6 và 7 khóa 12 của Đảng.",
     ["Nghị quyết Trung ương 4 khóa XII", "Nghị quyết Trung ương 5 khóa XII", "Nghị quyết Trung ương 6 khóa XII",
      "Nghị quyết Trung ương 7 khóa XII"]),
    ("Tỉnh đã sắp xếp bộ máy theo Nghị quyết Trung ương 6, 7 (khóa XII).",
     ["Nghị quyết Trung ương 6 khóa XII", "Nghị quyết Trung ương 7 khóa XII"]),
    # without a khóa closing it, the number after the comma is not a plenum
    ("Thực hiện Nghị quyết Trung ương 4, 5 năm qua tỉnh đạt nhiều kết quả.", ["Nghị quyết Trung ương 4"]),
])
def test_plenum_names_written_out(finder, surface, names):
    """TƯ/TW written out and the khóa in Roman numerals; a list of plenums of one term is one document each."""
    assert [r.name for r in find(finder, surface)] == names


def test_plenum_of_two_terms(finder):
    refs = find(finder, "Tiếp tục thực hiện Nghị quyết Trung ương 4 khóa XI, khóa XII về xây dựng, chỉnh đốn Đảng.")
    assert [r.key for r in refs] == ["party/nghi-quyet/name:trung-uong-4-khoa-xi",
                                     "party/nghi-quyet/name:trung-uong-4-khoa-xii"]


@pytest.mark.parametrize("surface, typ, name, year", [
    ("Luật Đất đai 2024 có hiệu lực từ 1/8/2024.", "Luật", "Luật Đất đai 2024", 2024),
    ("Hiến pháp năm 2013 quy định quyền con người.", "Hiến pháp", "Hiến pháp năm 2013", 2013),
    ("Quốc hội thảo luận dự thảo Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ sáng nay.", "Luật",
     "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ", None),
    ("Bộ luật Hình sự 2015 (sửa đổi, bổ sung năm 2017) quy định tội tham ô.", "Bộ luật",
     "Bộ luật Hình sự 2015", 2015),  # the bracketed amendment note is in the citation, not in the name
    ("Luật Tổ chức Quốc hội 2014 (sửa đổi, bổ sung năm 2020) quy định tiêu chuẩn của đại biểu.", "Luật",
     "Luật Tổ chức Quốc hội 2014", 2014),
    ("Đại biểu góp ý Luật Điện lực (sửa đổi) tại kỳ họp.", "Luật", "Luật Điện lực (sửa đổi)", None),
    ("Quốc hội thông qua Luật Quốc phòng sửa đổi năm 2018 với tỷ lệ tán thành cao.", "Luật",
     "Luật Quốc phòng sửa đổi năm 2018", 2018),  # the new law's year after "sửa đổi"
])
def test_laws_by_name(finder, surface, typ, name, year):
    (ref,) = find(finder, surface)
    assert (ref.type, ref.name, ref.year, ref.system) == (typ, name, year, "state")


def test_amending_law_also_cites_the_amended_law(finder):
    refs = find(finder, "Quốc hội thông qua Luật sửa đổi, bổ sung một số điều của Luật Nhập cảnh, xuất cảnh, "
                        "quá cảnh, cư trú của người nước ngoài tại Việt Nam.")
    assert [r.name for r in refs] == [
        "Luật sửa đổi, bổ sung một số điều của Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt Nam",
        "Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt Nam"]


@pytest.mark.parametrize("surface, symbol", [
    ("Tờ trình số 68/TTr- SDTTG", "68/TTr-SDTTG"),
    ("Quyết định 367 - QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP"),
    ("Nghị quyết 25–NQ/TW", "25-NQ/TW"),
    ("nghị định số 11/2010/ND-CP", "11/2010/NĐ-CP"),
    ("Quyết định 12/QD-TTg", "12/QĐ-TTg"),
    ("Nghị quyết 25-NQ/TƯ", "25-NQ/TW"),
    ("Quy định số 12/QYĐ-UBND", "12/QyĐ-UBND"),
    ("Thông tư 01/2021/TT-BNV", "01/2021/TT-BNV"),
])
def test_normalisation_pitfalls(finder, surface, symbol):
    (ref,) = find(finder, surface)
    assert ref.symbol == symbol


def test_icelandic_eth_and_leading_zeros(finder):
    (ref,) = find(finder, "Nghị định số 05/2023/NÐ-CP")   # U+00D0, blanked to Đ by tagger.text.prepare
    assert (ref.symbol, ref.number, ref.type) == ("05/2023/NĐ-CP", "5", "Nghị định")


# ------------------------------------------------------------------ not references

@pytest.mark.parametrize("text", [
    "Ngày 3/6/2013, đoàn công tác đến thăm tỉnh.",
    "Việt Nam thắng Indonesia 3-1 trên sân Mỹ Đình.",
    "Mọi thông tin xin gọi 0912-345-678 hoặc 024/3825 1234.",
    "Dịch COVID-19 đã được kiểm soát.",
    "Bê tông đạt TCVN 5574:2018 và ISO 9001:2015.",
    "Cần quán triệt các nghị quyết của Đảng và chỉ thị của tỉnh.",
    "Hội nghị quyết định 3 vấn đề quan trọng.",
    "Bộ Kế hoạch và Đầu tư cùng các bộ, ngành báo cáo 8 bộ.",
    "Luật sư Trần Văn A cho biết kỷ luật Cảnh cáo đã được thi hành.",
    "Hai nước nâng cấp quan hệ lên Đối tác Chiến lược Toàn diện.",
    "Kế hoạch thực hiện được triển khai đồng bộ.",
    "Công ty thành lập năm 2018, vốn điều lệ 80 tỷ đồng.",
    "Phương án 1: người lao động được chia làm hai nhóm.",
])
def test_not_references(finder, text):
    assert find(finder, text) == []


# ------------------------------------------------------------------ one document, many surface forms; keys

def test_surface_forms_land_on_one_document(finder):
    text = ("Nghị quyết số 25-NQ/TW ngày 3/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI về công tác dân vận "
            "đã đi vào cuộc sống. Sau 10 năm thực hiện Nghị quyết 25, công tác dân vận chuyển biến rõ. "
            "Tỉnh ủy ban hành kế hoạch thực hiện NQ 25-NQ/TW.")
    (ref,) = find(finder, text)
    assert ref.start == 0 and ref.text.startswith("Nghị quyết số 25-NQ/TW ngày 3/6/2013 của Ban Chấp hành")
    assert [m.text for m in ref.mentions] == [ref.text, "Nghị quyết 25", "NQ 25-NQ/TW"]
    assert ref.key == "party/nghi-quyet/25/tw@XI"
    alone = find(finder, "Nghị quyết số 25-NQ/TW (khóa XI) về dân vận.")
    assert alone[0].key == ref.key


def test_party_numbering_restarts_each_term(finder):
    text = ("Nghị quyết số 18-NQ/TW ngày 25/10/2017 về sắp xếp bộ máy. "
            "Nghị quyết số 18-NQ/TW ngày 16/6/2022 về chính sách đất đai.")
    refs = find(finder, text)
    assert [r.key for r in refs] == ["party/nghi-quyet/18/tw@XII", "party/nghi-quyet/18/tw@XIII"]


def test_state_keys(finder):
    a, = find(finder, "Nghị định 100/2019/NĐ-CP")
    b, = find(finder, "Nghị định số 100/2019/ND-CP ngày 30/12/2019 của Chính phủ")
    assert a.key == b.key == "state/nghi-dinh/100/cp@2019"
    c, = find(finder, "Luật Đất đai năm 2013")
    d, = find(finder, "Luật Đất đai 2013")
    assert c.key == d.key == "state/luat/name:dat-dai-2013"


def test_offsets_point_into_the_text(finder):
    text = "  Quảng cáo\nTheo Quyết định số 1205/QĐ-UBND ngày 5/4/2024 của UBND tỉnh Lâm Đồng, tỉnh sẽ sắp xếp lại."
    prepared = prepare(text)
    (ref,) = finder.find(prepared.clean)
    assert prepared.text[ref.start:ref.end] == ref.text
    assert ref.issuer == "UBND tỉnh Lâm Đồng" and ref.date == "2024-04-05"


# ------------------------------------------------------------------ linear time on adversarial input

@pytest.mark.parametrize("name, text", [
    ("digits", "1" * 100_000),
    ("slashes", "1/" * 50_000),
    ("dashes", "1-" * 50_000),
    ("party-like", ("12-NQ/" * 17_000)[:100_000]),
    ("state-like", ("12/2020/" * 13_000)[:100_000]),
    ("symbol-tails", "1/A-" * 25_000),
    ("mixed", ("1/2-3–4.5 /-" * 9_000)[:100_000]),
    ("long-list", ("Nghị quyết số " + "1, " * 40_000)[:100_000]),
    ("type-words", ("Nghị quyết " * 10_000)[:100_000]),
    ("names", ("Đề án cải cách, chính sách, " * 4_000)[:100_000]),
    ("many-documents", "".join(f"Nghị quyết {i} của Đảng. " for i in range(1, 5_000))[:100_000]),
    ("programme-names", ("Chương trình mục tiêu quốc gia " * 4_000)[:100_000]),
    ("open-periods", ("Đề án a giai đoạn 2021-" * 5_000)[:100_000]),
    ("joint-statements", ("Tuyên bố chung Việt Nam - " * 5_000)[:100_000]),
    ("issuer-lists", ("Quy chế làm việc của Ban Chấp hành Trung ương, " * 3_000)[:100_000]),
    ("open-quotes", ('Đề án "' * 15_000)[:100_000]),
    ("law-names", ("Luật Đất đai, " * 8_000)[:100_000]),
    ("this-decree", "".join(f"Nghị định {i}/2020/NĐ-CP. Nghị định này " for i in range(1, 3_000))[:100_000]),
    ("local-congresses", ("Nghị quyết Đại hội XVI Đảng bộ tỉnh Bà Rịa - Vũng Tàu " * 2_000)[:100_000]),
    ("plans-to-be-made", ("sẽ hoàn thành xây dựng Đề án khung cơ chế " * 2_500)[:100_000]),
    ("joined-abbreviations", ("NQ57, NĐ168 và " * 7_000)[:100_000]),
])
def test_linear_time_on_adversarial_input(finder, name, text):
    t0 = time.perf_counter()
    finder.find(text)
    assert time.perf_counter() - t0 < 2.0


def test_publication_date_completes_dates_without_year(finder):
    text = "Theo Quyết định 1741-QĐ/UBKTTW ngày 24/9 của Ủy ban Kiểm tra Trung ương, ông A bị cảnh cáo."
    (ref,) = finder.find(text, published_at="2024-10-02T08:00:00+07:00")
    assert ref.date == "2024-09-24" and ref.term == "XIII"
    (ref,) = finder.find(text)
    assert ref.date is None


def test_company_papers_are_not_official_symbols(finder):
    assert find(finder, "Công ty gửi Công văn số 03/CV - Navicrom đề nghị gia hạn.") == []


@pytest.mark.parametrize("case", CASES, ids=[f"{c['id']:02d}" for c in CASES])
def test_citation_forms_agree_with_the_reference_parse(finder, case):
    """The parse in shared/domain/citations.jsonl (kept in the copy as ``reference``): type, number without
    leading zeros, symbol, year, date, khóa. ``differs`` lists the few fields where the reference holds a
    fact that is not in the surface (a resolved date) or leaves out one that is (khóa from QH15 / a date)."""
    ref_parse, differs = case["reference"], set(case.get("differs", []))
    r = finder.find(case["surface"])[0]
    base_type = ref_parse["doc_type"].split(" (")[0].replace("Nghị quyết Đại hội", "Nghị quyết")
    got = {"doc_type": r.type, "number": r.number, "symbol": r.symbol, "year": r.year, "date": r.date, "term": r.term}
    want = {"doc_type": base_type, "number": ref_parse["number"] and (ref_parse["number"].lstrip("0") or "0"),
            "symbol": ref_parse["symbol"], "year": ref_parse["year"], "date": ref_parse["date"], "term": ref_parse["term"]}
    if ref_parse["system"] in ("party", "state"):
        got["system"], want["system"] = r.system, ref_parse["system"]
    for k in differs:
        got.pop(k, None), want.pop(k, None)
    assert got == want


# ------------------------------------------------------------------ written forms seen in the tuning articles

@pytest.mark.parametrize("surface, typ, symbol", [
    ("Thủ tướng Chính phủ đã ký quyết định 246/QĐ-TTg phê duyệt đề án.", "Quyết định", "246/QĐ-TTg"),
    ("Theo chỉ thị 15/CT-TTg của Thủ tướng, người dân hạn chế ra khỏi nhà.", "Chỉ thị", "15/CT-TTg"),
    ("Thực hiện Quyết định 34/2018/QĐ –TTg ngày 10/8/2018 của Thủ tướng, tỉnh rà soát lại.", "Quyết định",
     "34/2018/QĐ-TTg"),
    ("UBND tỉnh có văn bản số 1234/UBND-VX gửi các sở, ngành.", "Công văn", "1234/UBND-VX"),
])
def test_lower_case_types_and_odd_dashes(finder, surface, typ, symbol):
    (ref,) = find(finder, surface)
    assert (ref.type, ref.symbol) == (typ, symbol)


def test_no_break_spaces_in_raw_text(finder):
    """The engine blanks U+00A0 in tagger.text.prepare; the finder reads raw text the same way and keeps the
    surface as written."""
    text = "Thực hiện Quyết định 34/2018/QĐ\u00a0–TTg ngày\u00a010/8/2018 của\u00a0Thủ tướng, tỉnh rà soát lại."
    (ref,) = finder.find(text)
    assert (ref.symbol, ref.date, ref.issuer) == ("34/2018/QĐ-TTg", "2018-08-10", "Thủ tướng")
    assert ref.text == text[ref.start:ref.end] and "\u00a0" in ref.text


def test_van_ban_so_is_a_numbered_cong_van(finder):
    """REFERENCE 1.1 rule 7: news calls a State công văn "văn bản số ..."."""
    (ref,) = find(finder, "Ngày 14/4, UBND tỉnh ban hành văn bản số 2822, về việc triển khai các biện pháp phòng, "
                          "chống dịch bệnh Covid-19 trên địa bàn tỉnh.")
    assert (ref.type, ref.number) == ("Công văn", "2822")
    assert find(finder, "Các văn bản của Chính phủ đã được ban hành đúng hạn.") == []


def test_thong_bao_ket_luan_is_a_thong_bao(finder):
    """'Thông báo kết luận số 43' is typed by its head noun (GUIDELINES 5 speaks of "thông báo kết luận");
    a list may mix it with a Kết luận."""
    refs = find(finder, "Theo Thông báo Kết luận số 43 của Bộ Chính trị, Kết luận số 48 của Ban Bí thư, việc luân "
                        "chuyển cán bộ phải làm chặt chẽ.")
    assert [(r.type, r.number, r.issuer) for r in refs] == [("Thông báo", "43", "Bộ Chính trị"),
                                                            ("Kết luận", "48", "Ban Bí thư")]
    assert find(finder, "Thông báo kết luận ngày 23-3 của Thường trực Tỉnh ủy nêu rõ nhiều việc.") == []


def test_an_issuer_with_a_hyphenated_name(finder):
    (ref,) = find(finder, "Nghị quyết số 11 của HĐND tỉnh Bà Rịa - Vũng Tàu quy định mức học phí năm học mới.")
    assert ref.issuer == "HĐND tỉnh Bà Rịa - Vũng Tàu"
    (ref,) = find(finder, "Thông tư 10/2020/TT-BLĐTBXH của Bộ Lao động - Thương binh và Xã hội hướng dẫn thi hành.")
    assert ref.issuer == "Bộ Lao động - Thương binh và Xã hội"
    (ref,) = find(finder, "Quyết định số 12 của UBND tỉnh - cơ quan quản lý nhà nước - được công bố.")
    assert ref.issuer == "UBND tỉnh"


def test_this_decree_is_a_mention_of_the_last_one(finder):
    """'Cũng theo Nghị định này' points back to the last decree cited; it adds a mention, not a document."""
    text = ("Người vi phạm có thể bị phạt tiền theo khoản 1 Điều 5 Nghị định 167/2013/NĐ-CP. Cũng theo Nghị định "
            "này, người đánh ghen nếu xâm hại sức khỏe người khác sẽ bị xử lý.")
    (ref,) = find(finder, text)
    assert ref.text == "Nghị định 167/2013/NĐ-CP"
    assert [m.text for m in ref.mentions] == ["Nghị định 167/2013/NĐ-CP", "Nghị định này"]
    assert find(finder, "Luật này quy định về quản lý đất đai.") == []


def test_a_later_amendment_set_off_by_a_comma_is_not_in_the_name(finder):
    (ref,) = find(finder, "Theo Pháp lệnh dân số năm 2003, sửa đổi năm 2008, mỗi cặp vợ chồng tự quyết định số con.")
    assert (ref.name, ref.text, ref.year) == ("Pháp lệnh dân số năm 2003", "Pháp lệnh dân số năm 2003, sửa đổi năm 2008",
                                              2003)


@pytest.mark.parametrize("text, typ, number", [
    # "đồng bộ", "toàn bộ": compounds, not the ministry ("Bộ Kế hoạch và Đầu tư") that hides a type word
    ("Quốc hội đề nghị tỉnh Đắk Lắk triển khai tối đa, đồng bộ Kết luận 67 của Bộ Chính trị về phát triển Buôn Ma "
     "Thuột.", "Kết luận", "67"),
    # a number inserted after another keeps its letter
    ("Các nhiệm vụ được Thủ tướng giao tại Quyết định số 985a/QĐ-TTg ngày 01/6/2016 đã hoàn thành.", "Quyết định",
     "985a"),
])
def test_compounds_before_a_type_word_and_lettered_numbers(finder, text, typ, number):
    assert [(r.type, r.number) for r in find(finder, text)] == [(typ, number)]


def test_a_degree_in_law_is_no_law_but_a_person_before_a_decree_is_no_body(finder):
    # "cử nhân Luật" is a degree; "cá nhân" (a person) before a type word hides nothing
    assert find(finder, "Ông Lê Minh Trí 64 tuổi, quê TP HCM, là cử nhân Luật, Ủy viên Trung ương Đảng khóa 12.") == []
    text = ("Công dân có quyền khai thác hình ảnh, âm thanh của tổ chức, cá nhân Nghị định 47/2020 về quản lý, kết nối "
            "và chia sẻ dữ liệu số của cơ quan nhà nước, có hiệu lực từ ngày 25/5.")
    assert [(r.type, r.number, r.year) for r in find(finder, text)] == [("Nghị định", "47", 2020)]


def test_abbreviation_joined_to_its_number(finder):
    refs = find(finder, "Thực hiện NQ57 và NĐ168, các địa phương đã vào cuộc quyết liệt.")
    assert [(r.type, r.number) for r in refs] == [("Nghị quyết", "57"), ("Nghị định", "168")]
    assert find(finder, "Mã sản phẩm NQ5, NĐ12345 và NQ57.5 không phải văn bản.") == []


def test_a_five_year_plan_is_not_plan_number_5(finder):
    refs = find(finder, "Năm 2024 có vai trò bản lề cho việc thực hiện Kế hoạch 5 năm 2021-2025 của tỉnh.")
    assert [r.number for r in refs] == [None]
    (ref,) = find(finder, "Kế hoạch số 5 năm 2021 của UBND tỉnh yêu cầu các xã báo cáo.")
    assert ref.number == "5"


def test_a_count_in_brackets_after_a_type_word_is_no_number(finder):
    assert find(finder, "Bộ đã trình 9 Đề án (2 đề án đã được phê duyệt) trong năm nay.") == []
    (ref,) = find(finder, "Theo Nghị quyết (57-NQ/TW) của Bộ Chính trị, các tỉnh phải hành động.")
    assert ref.symbol == "57-NQ/TW"


@pytest.mark.parametrize("text, typ, number, symbol", [
    ("Năm 2010, TAND tỉnh Đồng Nai ra Quyết định công nhận sự thỏa thuận của các đương sự số 62/2009 của TAND tỉnh "
     "Đồng Nai.", "Quyết định", "62", None),
    ("UBND tỉnh ban hành quyết định xử phạt vi phạm hành chính số 123/QĐ-XPVPHC đối với công ty.", "Quyết định", "123",
     "123/QĐ-XPVPHC"),
])
def test_a_few_words_saying_what_the_paper_does_before_its_number(finder, text, typ, number, symbol):
    (ref,) = find(finder, text)
    assert (ref.type, ref.number, ref.symbol) == (typ, number, symbol)


@pytest.mark.parametrize("text", [
    "Bộ Y tế thông báo thêm số 12 ca mắc mới trong ngày.",  # a count
    "Đơn vị thi công chịu trách nhiệm theo quy định chung trong hợp đồng gói thầu số 3.",  # the package's number
    "Tỉnh ban hành Kế hoạch triển khai Nghị quyết số 12 của Bộ Chính trị.",  # the number is the resolution's
    "Đài truyền hình phát Chương trình nghệ thuật đặc biệt số 1 tối nay.",  # a show's number
])
def test_a_number_after_a_description_belongs_to_the_paper_only_when_it_reads_so(finder, text):
    assert [r.type for r in find(finder, text)] in ([], ["Nghị quyết"])


@pytest.mark.parametrize("text, name", [
    ("Hai bên nhất trí tuân thủ Thỏa thuận về những nguyên tắc cơ bản chỉ đạo giải quyết vấn đề trên biển Việt Nam - "
     "Trung Quốc, kiểm soát tốt bất đồng.",
     "Thỏa thuận về những nguyên tắc cơ bản chỉ đạo giải quyết vấn đề trên biển Việt Nam - Trung Quốc"),
    ("Hai Chủ tịch đã ký Thỏa thuận hợp tác giữa Quốc hội Việt Nam và Hội đồng Liên bang Nga, chứng kiến lễ trao quà.",
     "Thỏa thuận hợp tác giữa Quốc hội Việt Nam và Hội đồng Liên bang Nga"),
])
def test_a_bilateral_agreement_is_named_by_its_parties(finder, text, name):
    (ref,) = find(finder, text)
    assert (ref.type, ref.name) == ("Thỏa thuận", name)


@pytest.mark.parametrize("text", [
    "Hai bên đã đạt được thỏa thuận về việc tăng cường hợp tác kinh tế.",
    "Hai nước sẽ sớm đàm phán Thỏa thuận thiết lập cơ chế tuần tra liên hợp.",
    "Các nước cam kết thực hiện Thỏa thuận Paris về biến đổi khí hậu.",
    "Hai doanh nghiệp ký thỏa thuận 5 điểm về hợp tác.",
    "Hai bên ký Thỏa thuận hợp tác giữa hai doanh nghiệp và đối tác nước ngoài.",
])
def test_an_agreement_without_its_parties_is_not_a_reference(finder, text):
    assert find(finder, text) == []


@pytest.mark.parametrize("text, typ, number, symbol", [
    ("Ban Chỉ đạo theo Kế hoạch số 08/KH/TW, ngày 12/3/2012 của Bộ Chính trị làm việc tại Thành ủy.", "Kế hoạch", "8",
     "08-KH/TW"),
    ("Tinh giản biên chế theo Nghị quyết số 39NQ/TW của Bộ Chính trị.", "Nghị quyết", "39", "39-NQ/TW"),
    ("Theo Quyết định số 1205/QĐ-UBND của UBND tỉnh, dự án được điều chỉnh.", "Quyết định", "1205", "1205/QĐ-UBND"),
])
def test_a_party_symbol_written_with_slashes_or_joined(finder, text, typ, number, symbol):
    (ref,) = find(finder, text)
    assert (ref.type, ref.number, ref.symbol, ref.system) == (typ, number, symbol, "party" if "TW" in symbol else "state")


@pytest.mark.parametrize("text, typ, number", [
    ("Thủ tướng vừa ký quyết định 1016 phê duyệt biên chế công chức năm 2020.", "Quyết định", "1016"),
    ("Trước đó, Bộ GTVT đã có văn bản 2392 gửi UBND TP Hà Nội cho ý kiến.", "Công văn", "2392"),
    ("Chủ tịch UBND tỉnh ban hành văn bản 948 giao UBND huyện chỉ đạo giải phóng mặt bằng.", "Công văn", "948"),
    ("Cục Thi hành án dân sự ban hành quyết định 153 thu hồi quyết định thi hành án.", "Quyết định", "153"),
])
def test_a_bare_number_followed_by_what_the_paper_does(finder, text, typ, number):
    (ref,) = find(finder, text)
    assert (ref.type, ref.number) == (typ, number)


@pytest.mark.parametrize("text, expected", [
    ("Theo CT 16 của Thủ tướng, người dân hạn chế ra khỏi nhà.", [("Chỉ thị", "16")]),
    ("Thực hiện TB 50 của Bộ Chính trị, tỉnh rà soát bộ máy.", [("Thông báo", "50")]),
    ("Công ty CT 16 có trụ sở tại Hà Nội.", []),  # CT is also a company's or a chairman's abbreviation
])
def test_an_ambiguous_abbreviation_with_a_bare_number_needs_its_issuer(finder, text, expected):
    assert [(r.type, r.number) for r in find(finder, text)] == expected


def test_an_issuer_ends_before_the_next_document_in_lower_case(finder):
    text = "Các đơn vị không đủ tiêu chí theo nghị quyết 37 của Bộ Chính trị và nghị quyết 32 của Chính phủ sớm lập phương án."
    assert [(r.number, r.issuer) for r in find(finder, text)] == [("37", "Bộ Chính trị"), ("32", "Chính phủ")]


def test_a_heading_on_the_next_line_is_no_issuer(finder):
    (ref,) = find(finder, "Bộ Chính trị ban hành Quy chế bầu cử trong Đảng\nBan Chấp hành Trung ương họp phiên bế mạc.")
    assert (ref.text, ref.issuer) == ("Quy chế bầu cử trong Đảng", None)


@pytest.mark.parametrize("text, number", [
    ("Thủ tướng Chính phủ vừa có Quyết định 171 điều động, bổ nhiệm ông Nguyễn Thanh Long.", "171"),
    ("Theo đó, Quyết định 235 bãi bỏ khoản 4 điều 2 về việc phân công công tác đối với Phó Thủ tướng.", "235"),
    ("Ngoài tiêu chuẩn chung, Quy định 214 liệt kê các tiêu chuẩn với các chức danh cụ thể.", "214"),
])
def test_a_capitalised_type_word_inside_a_sentence_takes_its_bare_number(finder, text, number):
    assert [r.number for r in find(finder, text)] == [number]


@pytest.mark.parametrize("text", [
    "Quyết định 3 vấn đề quan trọng của nhiệm kỳ.",      # a verb opening the sentence
    "Hội đồng đã quyết định 3 vấn đề quan trọng.",        # a verb in lower case
])
def test_a_verb_like_type_word_with_a_count_is_no_document(finder, text):
    assert find(finder, text) == []

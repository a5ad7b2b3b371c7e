"""Lists inside a citation: several terms of one plenum, and counts that only look like list items."""
from tagger.documents import DocumentRefFinder

FINDER = DocumentRefFinder()


def keys(text):
    return [d.key for d in FINDER.find(text)]


def test_a_plenum_of_three_terms_is_three_documents():
    text = ("Toàn tỉnh đã triển khai thực hiện tốt Nghị quyết Trung ương 4 (khóa XI, XII, XIII) về đẩy mạnh "
            "xây dựng, chỉnh đốn Đảng và hệ thống chính trị.")
    assert keys(text) == ["party/nghi-quyet/name:trung-uong-4-khoa-xi", "party/nghi-quyet/name:trung-uong-4-khoa-xii",
                          "party/nghi-quyet/name:trung-uong-4-khoa-xiii"]
    assert keys("Thực hiện Nghị quyết Trung ương 4 khóa XI, XII và XIII về xây dựng Đảng.")[-1] == \
        "party/nghi-quyet/name:trung-uong-4-khoa-xiii"


def test_years_of_implementation_after_a_citation_are_not_a_document():
    text = ("Hội nghị tổng kết 10 năm thực hiện Nghị quyết số 25-NQ/TW ngày 3/6/2013 của Ban Chấp hành Trung ương "
            "Đảng khóa XI và 5 năm thực hiện Kết luận số 43-KL/TW, ngày 7/1/2019 của Ban Bí thư.")
    refs = FINDER.find(text)
    assert [r.key for r in refs] == ["party/nghi-quyet/25/tw@XI", "party/ket-luan/43/tw@XII"]
    assert refs[0].issuer == "Ban Chấp hành Trung ương Đảng khóa XI"
    assert refs[0].text.endswith("khóa XI")
    refs = FINDER.find("Sau 3 năm thực hiện Chỉ thị số 15 và 2 năm thực hiện Quyết định 1205 của UBND tỉnh.")
    assert [r.number for r in refs] == ["15", "1205"]
    assert refs[0].text == "Chỉ thị số 15"


def test_a_number_before_a_year_or_a_date_is_still_a_document_number():
    refs = FINDER.find("Nghị quyết 57 năm 2024 của Bộ Chính trị và Nghị quyết số 18, 19-NQ/TW.")
    assert [r.number for r in refs] == ["57", "18", "19"]
    assert FINDER.find("Quyết định số 12 ngày 3/6/2023 của Bộ Tư lệnh Quân khu 5.")[0].issuer == "Bộ Tư lệnh Quân khu 5"


def test_a_subject_ends_where_a_new_clause_begins_after_a_comma():
    text = ("Sau 5 năm thực hiện Kết luận số 43-KL/TW, ngày 7/1/2019 của Ban Bí thư về tăng cường và đổi mới sự "
            "lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới, công tác dân vận trên địa bàn tỉnh "
            "Đắk Nông ngày càng được triển khai sâu rộng trên các mặt.")
    ref = FINDER.find(text)[0]
    assert ref.subject == ("tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình "
                           "hình mới")
    assert ref.text.endswith("trong tình hình mới")
    # a list inside the subject goes on: no tense or passive word after its commas
    ref = FINDER.find("Kết luận số 21-KL/TW về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị, kiên quyết "
                      "ngăn chặn suy thoái.")[0]
    assert ref.subject == "đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị, kiên quyết ngăn chặn suy thoái"


def test_a_plenum_list_written_without_a_space_after_a_comma_is_still_a_list():
    text = ("Đảng ủy Khối tiếp tục thực hiện đồng bộ các nhóm giải pháp của Nghị quyết Trung ương 4, 5,6 và 7 "
            "khóa 12. Trưởng Ban Tuyên giáo Trung ương nêu rõ ...")
    assert keys(text) == [f"party/nghi-quyet/name:trung-uong-{n}-khoa-xii" for n in (4, 5, 6, 7)]
    text = "Đảng bộ gương mẫu đi đầu trong việc triển khai thực hiện Nghị quyết Hội nghị Trung ương 6,7 khóa 12."
    assert keys(text) == ["party/nghi-quyet/name:trung-uong-6-khoa-xii", "party/nghi-quyet/name:trung-uong-7-khoa-xii"]
    # without a khóa closing it, '5,6' after a plenum is no list
    assert keys("Nghị quyết Trung ương 4, 5,6 tỷ đồng đã được giải ngân.") == ["party/nghi-quyet/name:trung-uong-4"]

"""Persons within an article: names, aliases, positions linked by apposition, title-before-name, lists.

Entity lists are built by hand, so these tests do not depend on the trained entity model."""
import re
from pathlib import Path

import pytest

from tagger.persons import ArticleResolver
from tagger.text import prepare
from tagger.types import Entity


@pytest.fixture(scope="module")
def resolver():
    return ArticleResolver()


def entities(text, *pairs):
    out = []
    for typ, s in pairs:
        for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text):
            out.append(Entity(type=typ, text=s, start=m.start(), end=m.end()))
    return out


def resolve(resolver, text, *pairs):
    prepared = prepare(text)
    persons, orgs, locs = resolver.resolve(prepared, entities(prepared.text, *pairs), [])
    return {p.name: p for p in persons}, [o.name for o in orgs], locs


def roles(person):
    return [(p.role, p.organization) for p in person.positions]


def test_apposition_with_abbreviation_and_completion(resolver):
    text = ("Công tác dân vận ở Đắk Nông. Theo đồng chí Lê Văn Chiến, UVBTV Tỉnh ủy, Phó Chủ tịch Thường trực "
            "UBND tỉnh, công tác dân vận của tỉnh Đắk Nông có nhiều chuyển biến.")
    persons, orgs, _ = resolve(resolver, text, ("PERSON", "Lê Văn Chiến"), ("LOCATION", "Đắk Nông"))
    assert roles(persons["Lê Văn Chiến"]) == [("Ủy viên Ban Thường vụ", "Tỉnh ủy Đắk Nông"),
                                             ("Phó Chủ tịch Thường trực", "UBND tỉnh Đắk Nông")]
    assert "UBND tỉnh" in orgs  # an organization named only inside a position is listed, as written


def test_title_before_name(resolver):
    text = "Bí thư Tỉnh ủy Nghệ An Thái Thanh Quý chủ trì hội nghị."
    persons, _, _ = resolve(resolver, text)  # no model span: the office and the family name find the name
    assert roles(persons["Thái Thanh Quý"]) == [("Bí thư", "Tỉnh ủy Nghệ An")]


def test_comma_and_form_of_address_after_the_office(resolver):
    text = "Phát biểu tại hội nghị, Bộ trưởng Bộ Nội vụ, ông Lê Vĩnh Tân cho biết sẽ tinh giản biên chế."
    persons, _, _ = resolve(resolver, text, ("PERSON", "Lê Vĩnh Tân"))
    assert roles(persons["Lê Vĩnh Tân"]) == [("Bộ trưởng", "Bộ Nội vụ")]


def test_list_of_comrades(resolver):
    text = ("Dự hội nghị có các đồng chí: Hà Thị Hạnh, Trưởng Ban Dân vận Tỉnh ủy Đắk Nông; "
            "Điểu Xuân Hùng, Chủ tịch Ủy ban MTTQ tỉnh Đắk Nông.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Hà Thị Hạnh"), ("PERSON", "Điểu Xuân Hùng"))
    assert roles(persons["Hà Thị Hạnh"]) == [("Trưởng ban", "Ban Dân vận Tỉnh ủy Đắk Nông")]
    assert roles(persons["Điểu Xuân Hùng"]) == [("Chủ tịch", "Ủy ban MTTQ tỉnh Đắk Nông")]


def test_plural_office_over_a_list(resolver):
    text = "Các Phó Thủ tướng: Lê Minh Khái, Trần Hồng Hà cùng dự phiên họp."
    persons, _, _ = resolve(resolver, text, ("PERSON", "Lê Minh Khái"), ("PERSON", "Trần Hồng Hà"))
    assert [p.role for p in persons["Lê Minh Khái"].positions] == ["Phó Thủ tướng"]
    assert [p.role for p in persons["Trần Hồng Hà"].positions] == ["Phó Thủ tướng"]


def test_short_reference_is_an_alias(resolver):
    text = ("Đồng chí Hà Thị Hạnh, Trưởng Ban Dân vận Tỉnh ủy, phát biểu. "
            "Theo đồng chí Hạnh, công tác dân vận cần gần dân. Ông Chiến không dự.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Hà Thị Hạnh"))
    hanh = persons["Hà Thị Hạnh"]
    assert hanh.aliases == ["Hạnh"] and len(hanh.mentions) == 2
    assert "Đồng chí Hà Thị Hạnh" not in persons  # forms of address are not names
    assert list(persons).count("Hạnh") == 0


def test_former_office_and_rank(resolver):
    text = "Đại tá Nguyễn Văn Bình, nguyên Giám đốc Công an tỉnh Đồng Nai, đã nghỉ hưu."
    persons, _, _ = resolve(resolver, text, ("PERSON", "Nguyễn Văn Bình"))
    p = persons["Nguyễn Văn Bình"]
    assert p.rank == "Đại tá"
    assert roles(p) == [("nguyên Giám đốc", "Công an tỉnh Đồng Nai")]


def test_former_applies_to_the_chain(resolver):
    text = "Ông Vũ Văn Ninh, nguyên Phó Thủ tướng, Bộ trưởng Bộ Tài chính, đã trả lời phỏng vấn."
    persons, _, _ = resolve(resolver, text, ("PERSON", "Vũ Văn Ninh"))
    assert [p.role for p in persons["Vũ Văn Ninh"].positions] == ["nguyên Phó Thủ tướng", "nguyên Bộ trưởng"]


def test_settled_cases(resolver):
    text = "Học tập và làm theo tấm gương đạo đức của Bác Hồ. Chủ tịch Hồ Chí Minh đã dạy. Anh H. không đến."
    persons, _, _ = resolve(resolver, text, ("PERSON", "Hồ Chí Minh"), ("PERSON", "H."))
    assert "Bác Hồ" in persons
    assert roles(persons["Hồ Chí Minh"]) == [("Chủ tịch nước", None)]
    assert not any(n.startswith("H") and len(n) <= 2 for n in persons)  # anonymised initials are not persons


def test_example_article(resolver):
    raw = (Path(__file__).parent / "fixtures" / "baodaknong_2024-06-10_dan-van.txt").read_text(encoding="utf-8")
    prepared = prepare(raw)
    ents = entities(prepared.text, ("PERSON", "Lê Văn Chiến"), ("PERSON", "Điểu Xuân Hùng"), ("PERSON", "Hà Thị Hạnh"),
                    ("LOCATION", "Đắk Nông"))
    ents = [e for e in ents if not prepared.is_noise(e.start, e.end)]
    persons, orgs, locs = resolver.resolve(prepared, ents, [])
    by_name = {p.name: p for p in persons}
    assert set(by_name) == {"Lê Văn Chiến", "Điểu Xuân Hùng", "Hà Thị Hạnh"}
    assert ("Phó Chủ tịch Thường trực", "UBND tỉnh Đắk Nông") in roles(by_name["Lê Văn Chiến"])
    assert ("Trưởng ban", "Ban Dân vận Tỉnh ủy Đắk Nông") in roles(by_name["Hà Thị Hạnh"])
    assert ("Chủ tịch", "Ủy ban MTTQ tỉnh Đắk Nông") in roles(by_name["Điểu Xuân Hùng"])
    assert [(l.name, l.province_2025) for l in locs] == [("Đắk Nông", "Lâm Đồng")]


def test_standing_committee_membership_takes_the_committee_of_the_next_office(resolver):
    text = "Dự hội nghị có đồng chí Hà Thị Hạnh, UVBTV, Trưởng Ban Dân vận Tỉnh ủy Đắk Nông."
    persons, _, _ = resolve(resolver, text, ("PERSON", "Hà Thị Hạnh"))
    assert roles(persons["Hà Thị Hạnh"]) == [("Ủy viên Ban Thường vụ", "Tỉnh ủy Đắk Nông"),
                                            ("Trưởng ban", "Ban Dân vận Tỉnh ủy Đắk Nông")]


def test_numbered_plural_office_and_a_second_office_for_the_same_person(resolver):
    text = ("UBND thành phố có Chủ tịch Nguyễn Thành Phong, 2 Phó chủ tịch Lê Thanh Liêm và Trần Vĩnh Tuyến. "
            "Ông Đinh Khắc Huy (47 tuổi, thạc sĩ xây dựng), Chủ tịch UBND quận Bình Thạnh được bổ nhiệm làm "
            "Phó giám đốc Sở Kế hoạch và Đầu tư.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Nguyễn Thành Phong"), ("PERSON", "Lê Thanh Liêm"),
                            ("PERSON", "Trần Vĩnh Tuyến"), ("PERSON", "Đinh Khắc Huy"))
    assert [p.role for p in persons["Trần Vĩnh Tuyến"].positions] == ["Phó Chủ tịch"]
    assert roles(persons["Đinh Khắc Huy"]) == [("Chủ tịch", "UBND quận Bình Thạnh"),
                                              ("Phó Giám đốc", "Sở Kế hoạch và Đầu tư")]


def test_pronoun_after_a_named_person(resolver):
    text = ("Ông Bùi Hồng Minh 53 tuổi, quê Thanh Hóa. Ông từng giữ các chức vụ: Tổng giám đốc, "
            "Chủ tịch Hội đồng thành viên Tổng công ty Xi măng Việt Nam.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Bùi Hồng Minh"))
    p = persons["Bùi Hồng Minh"]
    assert [q.role for q in p.positions] == ["nguyên Tổng Giám đốc", "nguyên Chủ tịch"]
    assert len(p.mentions) == 1  # the pronoun is not a mention of the name


def test_office_far_after_the_name_behind_a_verb_of_office(resolver):
    text = ("Ông Vũ Đại Thắng 49 tuổi, quê Hà Nội, là thạc sĩ Quan hệ quốc tế (Đại học Waseda, Nhật Bản), từng giữ "
            "chức Vụ trưởng Quản lý các khu kinh tế thuộc Bộ Kế hoạch và Đầu tư; Phó chủ tịch tỉnh Hà Nam nhiệm kỳ "
            "2010-2015.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Vũ Đại Thắng"))
    assert [q.role for q in persons["Vũ Đại Thắng"].positions] == ["nguyên Vụ trưởng", "nguyên Phó Chủ tịch"]


def test_pronoun_after_a_short_name_and_a_dated_past_office(resolver):
    text = ("Sáng 26/10/2024, Trưởng ban Tổ chức Trung ương Lê Minh Hưng trao quyết định cho ông Vũ Đại Thắng. "
            "Ông Thắng tiếp quản vị trí của ông Nguyễn Xuân Ký. Ông Thắng 49 tuổi, quê Hà Nội. "
            "Tháng 3/2018, ông được bổ nhiệm làm Thứ trưởng Kế hoạch và Đầu tư.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Lê Minh Hưng"), ("PERSON", "Vũ Đại Thắng"),
                            ("PERSON", "Nguyễn Xuân Ký"))
    assert roles(persons["Vũ Đại Thắng"]) == [("nguyên Thứ trưởng", "Bộ Kế hoạch và Đầu tư")]
    assert persons["Nguyễn Xuân Ký"].positions == []


def test_leaving_an_office_makes_it_former_and_the_new_one_is_current(resolver):
    text = ("Bà Bùi Thị Minh Hoài sẽ thôi tham gia Ban Bí thư, thôi giữ chức Trưởng ban Dân vận Trung ương để "
            "tham gia Ban Chấp hành đảng bộ thành phố, giữ chức Bí thư Thành ủy Hà Nội. "
            "Tháng 4/2021, bà Hoài được phân công giữ chức Trưởng ban Dân vận Trung ương.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Bùi Thị Minh Hoài"))
    assert [q.role for q in persons["Bùi Thị Minh Hoài"].positions] == ["nguyên Trưởng ban", "Bí thư"]


def test_an_office_of_an_earlier_term_is_former(resolver):
    text = ("Chiều 6/11/2022, bà Nguyễn Thị Tuyến được bầu làm Chủ tịch Hội Liên hiệp Phụ nữ Việt Nam. "
            "Bà Tuyến là Ủy viên Trung ương Đảng khóa 13, đại biểu Quốc hội khóa 12.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Nguyễn Thị Tuyến"))
    assert [q.role for q in persons["Nguyễn Thị Tuyến"].positions] == [
        "Chủ tịch", "Ủy viên Trung ương Đảng", "nguyên Đại biểu Quốc hội"]


def test_the_principal_of_an_assistant_keeps_the_offices(resolver):
    text = ("Ông Tô Ân Xô và Trần Đăng Quỳnh làm trợ lý Tổng Bí thư, Chủ tịch nước Tô Lâm. "
            "Thiếu tá Đinh Tiến Hải, Cục phó, thư ký Ủy viên Bộ Chính trị, Bộ trưởng Công an, được bổ nhiệm.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Tô Ân Xô"), ("PERSON", "Trần Đăng Quỳnh"),
                            ("PERSON", "Tô Lâm"), ("PERSON", "Đinh Tiến Hải"))
    assert [q.role for q in persons["Trần Đăng Quỳnh"].positions] == ["Trợ lý Tổng Bí thư"]
    assert [q.role for q in persons["Tô Ân Xô"].positions] == ["Trợ lý Tổng Bí thư"]  # "A và B làm ..."
    assert [q.role for q in persons["Tô Lâm"].positions] == ["Tổng Bí thư", "Chủ tịch nước"]
    assert [q.role for q in persons["Đinh Tiến Hải"].positions] == ["Cục phó", "Thư ký Bộ trưởng"]


def test_an_office_in_object_position_is_not_the_next_persons(resolver):
    text = ("Là một trong số người đầu tiên đến viếng Tổng Bí thư, chị Nguyễn Thị Lý cho biết đã về Hà Nội. "
            "Theo Thường trực Ban Bí thư, bà Bùi Thị Minh Hoài là cán bộ có năng lực.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Nguyễn Thị Lý"), ("PERSON", "Bùi Thị Minh Hoài"))
    assert persons["Nguyễn Thị Lý"].positions == []
    assert "Thường trực Ban Bí thư" not in [q.role for q in persons["Bùi Thị Minh Hoài"].positions]


def test_foreign_names_with_hyphens_forms_of_address_and_middle_names(resolver):
    text = ("Nhân dịp ông Donald John Trump được bầu làm Tổng thống Mỹ, ngày 7/11, lãnh đạo Việt Nam gửi điện mừng "
            "ông Donald Trump. Ki Moon-sang, giám đốc một phòng khám, cho biết. Thủ tướng hội kiến Quốc vương Qatar "
            "Sheikh Tamim Bin Hamad Al Thani tại Doha.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Donald John Trump"), ("PERSON", "Donald Trump"),
                            ("PERSON", "Ki Moon"), ("PERSON", "Qatar Sheikh Tamim Bin Hamad Al Thani"))
    assert set(persons) == {"Donald John Trump", "Ki Moon-sang", "Tamim Bin Hamad Al Thani"}
    assert "Donald Trump" in persons["Donald John Trump"].aliases
    assert roles(persons["Tamim Bin Hamad Al Thani"]) == [("Quốc vương", "Qatar")]


def test_plural_office_over_a_list_with_ages(resolver):
    text = ("Thành ủy Hà Nội hiện có bốn Phó bí thư, gồm bà Nguyễn Thị Tuyến (53 tuổi), ông Nguyễn Văn Phong "
            "(56 tuổi) và ông Trần Sỹ Thanh (53 tuổi).")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Nguyễn Thị Tuyến"), ("PERSON", "Nguyễn Văn Phong"),
                            ("PERSON", "Trần Sỹ Thanh"))
    assert all([q.role for q in p.positions] == ["Phó Bí thư"] for p in persons.values())


def test_offices_with_terms_in_one_chain_and_another_person_after_with(resolver):
    text = ("Bà Bùi Thị Minh Hoài là Ủy viên Trung ương Đảng ba khóa 11-13, Bí thư Trung ương Đảng khóa 13, "
            "Ủy viên Bộ Chính trị khóa 13. Sau cuộc hội đàm giữa Thủ tướng Phạm Minh Chính với Thủ tướng Qatar, "
            "Quốc vương cho rằng hai nước sẽ ký nhiều văn kiện.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Bùi Thị Minh Hoài"), ("PERSON", "Phạm Minh Chính"))
    assert [q.role for q in persons["Bùi Thị Minh Hoài"].positions] == [
        "Ủy viên Trung ương Đảng", "Bí thư Trung ương Đảng", "Ủy viên Bộ Chính trị"]
    assert [q.role for q in persons["Phạm Minh Chính"].positions] == ["Thủ tướng"]


def test_a_name_standing_where_a_place_does_is_a_place(resolver):
    text = ("Chị địu con gái từ nhà ở Hà Đông lên Nhà tang lễ quốc gia. Quận Cầu Giấy có 8 phường, gồm: Yên Hòa, "
            "Trung Hòa, Mai Dịch, Dịch Vọng. Phường Mai Dịch có diện tích 199,76 ha.")
    persons, _, locs = resolve(resolver, text, ("PERSON", "Hà Đông"), ("PERSON", "Mai Dịch"),
                               ("LOCATION", "Quận Cầu Giấy"), ("LOCATION", "Phường Mai Dịch"))
    assert persons == {}
    assert "Hà Đông" in [loc.name for loc in locs]


def test_party_bodies_and_spans_that_begin_mid_phrase(resolver):
    text = ("Sáng 18/11, Ban Thường vụ Tỉnh ủy Kon Tum tổ chức hội nghị. Bà thôi tham gia Ban Chấp hành, "
            "Ban Thường vụ Thành ủy. Đại hội đã thành công. Quan hệ Đối tác chiến lược toàn diện Việt Nam - Hoa Kỳ.")
    _, orgs, _ = resolve(resolver, text, ("ORGANIZATION", "Đại hội"), ("ORGANIZATION", "diện Việt Nam - Hoa Kỳ"))
    assert "Ban Thường vụ Tỉnh ủy Kon Tum" in orgs and "Ban Thường vụ Thành ủy" in orgs
    assert "Đại hội" not in orgs and "diện Việt Nam - Hoa Kỳ" not in orgs


def test_an_organization_after_an_office_stops_at_the_next_office_or_after_the_place(resolver):
    finder = resolver.finder
    assert finder.split("Bộ trưởng Tài chính và Bộ trưởng Giao thông Vận tải") == ("Bộ trưởng", "Bộ Tài chính")
    assert finder.split("Phó chủ tịch thường trực Hội Nông dân Việt Nam và 10 năm") == (
        "Phó Chủ tịch Thường trực", "Hội Nông dân Việt Nam")
    assert finder.split("Giám đốc Sở Y tế TP Đà Nẵng tham mưu") == ("Giám đốc", "Sở Y tế TP Đà Nẵng")


def test_more_ways_to_give_an_office(resolver):
    text = ("Sáng 6/11/2022, bà Nguyễn Thị Tuyến được bầu. Bà Tuyến 53 tuổi, quê huyện Chương Mỹ, Hà Nội; Ủy viên "
            "Trung ương Đảng khóa 13. Quy trình miễn nhiệm chức Bộ trưởng Giao thông Vận tải với ông Nguyễn Văn Thắng "
            "sẽ hoàn tất. Tháng 4/2022, ông Lê Ngọc Quang được Thủ tướng Chính phủ bổ nhiệm làm Tổng Giám đốc Đài "
            "Truyền hình Việt Nam. Phó Tổng thống đắc cử James David Vance nhận điện mừng.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Nguyễn Thị Tuyến"), ("PERSON", "Nguyễn Văn Thắng"),
                            ("PERSON", "Lê Ngọc Quang"), ("PERSON", "James David Vance"))
    assert [q.role for q in persons["Nguyễn Thị Tuyến"].positions] == ["Ủy viên Trung ương Đảng"]
    assert [q.role for q in persons["Nguyễn Văn Thắng"].positions] == ["Bộ trưởng"]
    assert [q.role for q in persons["Lê Ngọc Quang"].positions] == ["Tổng Giám đốc"]  # not "Thủ tướng"
    assert [q.role for q in persons["James David Vance"].positions] == ["Phó Tổng thống"]


def test_a_short_form_in_parentheses_and_a_list_of_districts(resolver):
    text = ("Ông Lương Văn Cường (Lương Cường - Sinh năm 1957), Ủy viên Bộ Chính trị, Đại tướng. "
            "Đơn vị bầu cử số 2 (Thị xã Bỉm Sơn và các huyện: Hà Trung, Nga Sơn, Hậu Lộc).")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Lương Văn Cường"), ("PERSON", "Lương Cường"),
                            ("PERSON", "Hà Trung"))
    assert set(persons) == {"Lương Văn Cường"} and persons["Lương Văn Cường"].aliases == ["Lương Cường"]
    assert [q.role for q in persons["Lương Văn Cường"].positions] == ["Ủy viên Bộ Chính trị"]


def test_a_preposed_office_with_its_period_and_a_unit_with_lower_case_words(resolver):
    text = ("Theo cơ quan kiểm tra, trong thời gian giữ chức Phó bí thư Huyện ủy, Chủ tịch UBND huyện Hướng Hóa từ "
            "tháng 11/2017 đến 31/7/2023, ông Đặng Trọng Vân đã thiếu kiểm tra. Ông Trần Nhật Hoàng, Giám đốc Chi nhánh "
            "Văn phòng Đăng ký đất đai huyện Hướng Hóa, bị khai trừ.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Đặng Trọng Vân"), ("PERSON", "Trần Nhật Hoàng"))
    assert [q.role for q in persons["Đặng Trọng Vân"].positions] == ["Phó Bí thư", "Chủ tịch"]
    assert roles(persons["Trần Nhật Hoàng"]) == [("Giám đốc", "Chi nhánh Văn phòng Đăng ký đất đai huyện Hướng Hóa")]


def test_the_one_who_appoints_does_not_take_the_office(resolver):
    text = ("Thủ tướng Nguyễn Xuân Phúc vừa ký quyết định bổ nhiệm Thứ trưởng Bộ Giao thông vận tải. "
            "Ông Tăng Thế Cường, Chánh Văn phòng Bộ giữ chức Cục trưởng Cục Biến đổi khí hậu.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Nguyễn Xuân Phúc"), ("PERSON", "Tăng Thế Cường"))
    assert [q.role for q in persons["Nguyễn Xuân Phúc"].positions] == ["Thủ tướng"]
    assert ("Chánh Văn phòng", "Văn phòng Bộ") in roles(persons["Tăng Thế Cường"])


def test_a_career_goes_on_after_an_assistant_post(resolver):
    text = ("Ông Nguyễn Đình Việt 47 tuổi, quê tỉnh Hưng Yên. Ông từng làm chuyên viên Vụ Kinh tế Văn phòng Quốc hội; "
            "Trưởng phòng, thư ký Chủ nhiệm Ủy ban Kinh tế; Phó vụ trưởng rồi Vụ trưởng Kinh tế, Văn phòng Quốc hội.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Nguyễn Đình Việt"))
    assert [q.role for q in persons["Nguyễn Đình Việt"].positions] == [
        "nguyên Chuyên viên", "nguyên Trưởng phòng", "nguyên Thư ký Chủ nhiệm", "nguyên Phó Vụ trưởng",
        "nguyên Vụ trưởng"]


def test_bylines_ranks_after_address_and_places_that_look_addressed(resolver):
    text = ("Thủ tướng Chính phủ bổ nhiệm đồng chí Thiếu tướng Đỗ Văn Thiện làm Chính ủy. Công an TP Vũng Tàu "
            "(Bà Rịa - Vũng Tàu) tối nay thông tin. Tổng bí thư thăm gia đình cựu Tổng thống Clinton Theo điều 86 "
            "của Hiến pháp. Lực lượng chức năng đã có mặt.\nHoàng Hà")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Clinton Theo"), ("PERSON", "Hoàng Hà"))
    assert set(persons) == {"Đỗ Văn Thiện", "Clinton"}  # no "Thiếu", no "Rịa", no byline "Hoàng Hà"
    assert persons["Đỗ Văn Thiện"].rank == "Thiếu tướng"


def test_a_commune_named_like_a_country(resolver):
    text = ("Cơ quan điều tra khởi tố bị can đối với các ông: Lê Văn Thể, nguyên Chủ tịch UBND xã Mỹ Hòa nhiệm kỳ "
            "2011 - 2016; Trương Quang Hải, nguyên Phó Chủ tịch UBND xã Đức Hòa.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Lê Văn Thể"), ("PERSON", "Trương Quang Hải"))
    assert set(persons) == {"Lê Văn Thể", "Trương Quang Hải"}
    assert roles(persons["Lê Văn Thể"]) == [("nguyên Chủ tịch", "UBND xã Mỹ Hòa")]


def test_the_chair_of_a_province_is_of_its_people_s_committee(resolver):
    text = "Ông Vũ Đại Thắng từng giữ chức Phó chủ tịch tỉnh Hà Nam nhiệm kỳ 2010-2015."
    persons, _, _ = resolve(resolver, text, ("PERSON", "Vũ Đại Thắng"))
    assert roles(persons["Vũ Đại Thắng"]) == [("nguyên Phó Chủ tịch", "UBND tỉnh Hà Nam")]


def test_a_plural_office_takes_the_body_that_has_it(resolver):
    text = ("Tỉnh ủy Quảng Ninh hiện có ba phó bí thư là bà Trịnh Thị Minh Thanh, ông Cao Tường Huy và "
            "ông Đặng Xuân Phương.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Trịnh Thị Minh Thanh"), ("PERSON", "Cao Tường Huy"),
                            ("PERSON", "Đặng Xuân Phương"))
    assert all(roles(p) == [("Phó Bí thư", "Tỉnh ủy Quảng Ninh")] for p in persons.values())


def test_a_membership_s_organization_carries_its_term(resolver):
    text = ("Sáng 17/7/2024, bà Bùi Thị Minh Hoài là Ủy viên Trung ương Đảng ba khóa 11-13, Ủy viên Bộ Chính trị "
            "khóa 13, đại biểu Quốc hội khóa XV.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Bùi Thị Minh Hoài"))
    assert roles(persons["Bùi Thị Minh Hoài"]) == [
        ("Ủy viên Trung ương Đảng", "Ban Chấp hành Trung ương Đảng khóa XIII"),
        ("Ủy viên Bộ Chính trị", "Bộ Chính trị khóa XIII"), ("Đại biểu Quốc hội", "Quốc hội khóa XV")]


def test_a_foreign_head_of_state_s_office_takes_the_country_the_article_is_about(resolver):
    text = ("Nhân dịp ông Donald Trump được bầu làm Tổng thống Mỹ, lãnh đạo Việt Nam gửi điện mừng. Quan hệ Việt Nam - "
            "Hoa Kỳ phát triển. Phó Tổng thống đắc cử James David Vance cũng nhận điện mừng.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Donald Trump"), ("PERSON", "James David Vance"),
                            ("LOCATION", "Việt Nam"), ("LOCATION", "Hoa Kỳ"))
    assert roles(persons["James David Vance"]) == [("Phó Tổng thống", "Mỹ")]


def test_a_relative_s_office_is_not_the_person_s(resolver):
    text = ("Cha của ông Trần Công Chương là Trần Công Tính. Sau đó, ông Chương mới biết, cha ông khi đó đã là "
            "Chính ủy Trung đoàn 102.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Trần Công Chương"), ("PERSON", "Trần Công Tính"))
    assert persons["Trần Công Chương"].positions == []


def test_ranks_are_written_as_ranks_are(resolver):
    text = "Quyết định bổ nhiệm trung tướng Tô Ân Xô và đại tá Trần Đăng Quỳnh được công bố chiều 4/9."
    persons, _, _ = resolve(resolver, text, ("PERSON", "Tô Ân Xô"), ("PERSON", "Trần Đăng Quỳnh"))
    assert (persons["Tô Ân Xô"].rank, persons["Trần Đăng Quỳnh"].rank) == ("Trung tướng", "Đại tá")


def test_an_office_named_by_its_province_and_a_span_that_starts_inside_a_place(resolver):
    text = ("Cựu Bí thư Quảng Ngãi Lê Viết Chữ bị khai trừ Đảng. Chủ tịch Trung Quốc Tập Cận Bình đến thăm. "
            "Chủ tịch Hà Nội Trần Sỹ Thanh tiếp đoàn.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Lê Viết Chữ"), ("PERSON", "Quốc Tập Cận Bình"),
                            ("PERSON", "Trần Sỹ Thanh"))
    assert roles(persons["Lê Viết Chữ"]) == [("nguyên Bí thư", "Tỉnh ủy Quảng Ngãi")]
    assert roles(persons["Tập Cận Bình"]) == [("Chủ tịch", "Trung Quốc")]
    assert roles(persons["Trần Sỹ Thanh"]) == [("Chủ tịch", "UBND thành phố Hà Nội")]


def test_names_containing_anh_a_speaker_s_office_and_bodies_with_lower_case_words(resolver):
    text = ("Ông Phạm Anh Tuấn, Chủ tịch UBND tỉnh Bình Định, nhấn mạnh. Theo Thủ tướng, Chủ tịch Hồ Chí Minh là "
            "biểu tượng. Trung tướng Nguyễn Doãn Anh, Phó tổng tham mưu trưởng Quân đội nhân dân Việt Nam, được "
            "thăng hàm. Trưởng ban Công tác đại biểu Nguyễn Thanh Hải đề xuất.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Anh Tuấn"), ("PERSON", "Hồ Chí Minh"),
                            ("PERSON", "Nguyễn Doãn Anh"), ("PERSON", "Nguyễn Thanh Hải"))
    assert roles(persons["Phạm Anh Tuấn"]) == [("Chủ tịch", "UBND tỉnh Bình Định")]
    assert roles(persons["Hồ Chí Minh"]) == [("Chủ tịch nước", None)]
    assert roles(persons["Nguyễn Doãn Anh"]) == [("Phó Tổng Tham mưu trưởng", "Quân đội nhân dân Việt Nam")]
    assert roles(persons["Nguyễn Thanh Hải"]) == [("Trưởng ban", "Ban Công tác đại biểu")]


def test_streets_named_after_people_are_not_persons(resolver):
    text = ("Lộ trình đi qua Trần Hưng Đạo - Phùng Hưng - Hải Thượng Lãn Ông - Đỗ Ngọc Thạch - Nguyễn Trãi - Châu Văn "
            "Liêm. Các tuyến đường tại quận 1 như Nguyễn Huệ, Lê Duẩn, Tôn Đức Thắng đều đông. Giao lộ Mai Chí Thọ - "
            "Đồng Văn Cống kẹt xe. Ông Nguyễn Văn An - Chủ tịch UBND xã cho biết.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Đỗ Ngọc Thạch"), ("PERSON", "Châu Văn Liêm"),
                            ("PERSON", "Tôn Đức Thắng"), ("PERSON", "Mai Chí Thọ"), ("PERSON", "Nguyễn Văn An"))
    assert set(persons) == {"Nguyễn Văn An"}


def test_military_and_village_offices_and_lists_after_cac_ong(resolver):
    text = ("Hiện Quốc hội có bốn Phó chủ tịch, gồm các ông Trần Thanh Mẫn, Nguyễn Đức Hải và Trần Quang Phương. "
            "Trung tá quân y Trần Sĩ Diện, Đội trưởng Đội điều trị 78, mừng vì có thêm bác sĩ.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Trần Thanh Mẫn"), ("PERSON", "Nguyễn Đức Hải"),
                            ("PERSON", "Trần Quang Phương"), ("PERSON", "Trần Sĩ Diện"))
    assert roles(persons["Nguyễn Đức Hải"]) == [("Phó Chủ tịch", "Quốc hội")]
    assert roles(persons["Trần Sĩ Diện"]) == [("Đội trưởng", "Đội điều trị 78")]


def test_a_name_inside_a_school_or_an_institution_is_not_a_person(resolver):
    text = "Em học Trường THPT Phan Đình Phùng. Quỹ Nguyễn Văn Hưởng trao học bổng."
    persons, _, _ = resolve(resolver, text, ("PERSON", "Phan Đình Phùng"), ("PERSON", "Nguyễn Văn Hưởng"))
    assert persons == {}


def test_a_chinese_family_name_alone_and_an_ambassador_s_posting(resolver):
    text = ("Chủ tịch Trung Quốc Tập Cận Bình gửi thư. \"Đóng góp tích cực cho hòa bình\", ông Tập viết. "
            "Dự hội nghị có Đại sứ Việt Nam tại Nga Đặng Minh Khôi.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Tập Cận Bình"), ("PERSON", "Tập"))
    assert set(persons) == {"Tập Cận Bình", "Đặng Minh Khôi"} and persons["Tập Cận Bình"].aliases == ["Tập"]
    assert roles(persons["Đặng Minh Khôi"]) == [("Đại sứ", "Việt Nam tại Nga")]


def test_family_names_that_are_also_bodies_and_names_read_from_their_middle(resolver):
    text = ("Báo cáo tại hội nghị, Tổng thanh tra Chính phủ Đoàn Hồng Phong cho biết. Bí thư Đoàn Thanh niên Cộng sản "
            "Hồ Chí Minh phát biểu. Chủ tịch nước Cuba Miguel Diaz-Canel Bermudez hội kiến. Hiệu trưởng Trường "
            "Victory bày tỏ.")
    persons, orgs, _ = resolve(resolver, text, ("LOCATION", "Đoàn Hồng Phong"), ("PERSON", "Canel Bermudez"),
                               ("PERSON", "Trường Victory"))
    assert set(persons) == {"Đoàn Hồng Phong", "Miguel Diaz-Canel Bermudez"}
    assert roles(persons["Đoàn Hồng Phong"]) == [("Tổng Thanh tra Chính phủ", "Thanh tra Chính phủ")]
    assert "Đoàn Thanh niên Cộng sản Hồ Chí Minh" in orgs


def test_a_list_of_names_each_with_offices_in_brackets(resolver):
    # the bracket after "tỉnh Lạng Sơn" closes the first person's offices: the next name is no commune in a list
    text = ("Ban Bí thư khai trừ các ông Thái Hồng Công (nguyên Giám đốc Công an tỉnh Lạng Sơn), Hồ Đức Hợp "
            "(Bí thư Đảng ủy, Giám đốc Sở Tài nguyên và Môi trường tỉnh Yên Bái), Nguyễn Linh Ngọc "
            "(nguyên Ủy viên Ban cán sự đảng, nguyên Thứ trưởng Tài nguyên và Môi trường).")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Thái Hồng Công"), ("PERSON", "Hồ Đức Hợp"),
                            ("PERSON", "Nguyễn Linh Ngọc"), ("LOCATION", "tỉnh Lạng Sơn"), ("LOCATION", "tỉnh Yên Bái"))
    assert roles(persons["Thái Hồng Công"]) == [("nguyên Giám đốc", "Công an tỉnh Lạng Sơn")]
    assert ("Giám đốc", "Sở Tài nguyên và Môi trường tỉnh Yên Bái") in roles(persons["Hồ Đức Hợp"])
    assert "nguyên Ủy viên Ban cán sự đảng" in [r for r, _ in roles(persons["Nguyễn Linh Ngọc"])]


def test_a_shorter_name_listed_beside_a_longer_one_is_another_person(resolver):
    # "Nguyễn Ngọc" is not "Nguyễn Linh Ngọc" told again: both stand in the same list, each with offices
    text = ("Ban Bí thư khai trừ các ông Nguyễn Linh Ngọc (nguyên Thứ trưởng Tài nguyên và Môi trường), "
            "Nguyễn Ngọc (nguyên Phó chủ tịch UBND tỉnh Bình Thuận), Xà Dương Thắng (nguyên Giám đốc Sở Xây dựng tỉnh Bình Thuận).")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Nguyễn Linh Ngọc"), ("PERSON", "Nguyễn Ngọc"),
                            ("PERSON", "Xà Dương Thắng"))
    assert roles(persons["Nguyễn Ngọc"]) == [("nguyên Phó Chủ tịch", "UBND tỉnh Bình Thuận")]
    assert roles(persons["Nguyễn Linh Ngọc"]) == [("nguyên Thứ trưởng", "Bộ Tài nguyên và Môi trường")]
    assert roles(persons["Xà Dương Thắng"]) == [("nguyên Giám đốc", "Sở Xây dựng tỉnh Bình Thuận")]


def test_the_person_replaced_held_the_office_before(resolver):
    text = ("Theo quyết định của Bộ Chính trị, ông Đặng Khánh Toàn giữ chức Bí thư Tỉnh ủy Nam Định nhiệm kỳ 2020-2025, "
            "thay ông Phạm Gia Túc mới được điều động, bổ nhiệm làm Phó Chánh Văn phòng Trung ương Đảng.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Đặng Khánh Toàn"), ("PERSON", "Phạm Gia Túc"))
    assert roles(persons["Đặng Khánh Toàn"]) == [("Bí thư", "Tỉnh ủy Nam Định")]
    assert ("nguyên Bí thư", "Tỉnh ủy Nam Định") in roles(persons["Phạm Gia Túc"])
    assert ("Phó Chánh Văn phòng", "Văn phòng Trung ương Đảng") in roles(persons["Phạm Gia Túc"])


def test_who_proposes_or_announces_an_appointment_does_not_hold_the_office(resolver):
    text = ("Quốc hội nghe Thủ tướng Phạm Minh Chính trình bày Tờ trình đề nghị Quốc hội phê chuẩn miễn nhiệm chức vụ "
            "Bộ trưởng Bộ Tài chính và Bộ trưởng Bộ Giao thông vận tải. Chức vụ Bộ trưởng Tài chính hiện do Phó Thủ tướng "
            "Hồ Đức Phớc kiêm nhiệm, còn Bộ trưởng Giao thông vận tải do ông Nguyễn Văn Thắng đảm nhiệm. "
            "Trước đó, ông Võ Văn Hưng, Chủ tịch tỉnh Quảng Trị, được Thủ tướng điều động, bổ nhiệm giữ chức Thứ trưởng "
            "Nông nghiệp và Phát triển nông thôn.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Phạm Minh Chính"), ("PERSON", "Hồ Đức Phớc"),
                            ("PERSON", "Nguyễn Văn Thắng"), ("PERSON", "Võ Văn Hưng"))
    assert [r for r, _ in roles(persons["Phạm Minh Chính"])] == ["Thủ tướng"]
    assert ("Bộ trưởng", "Bộ Tài chính") in roles(persons["Hồ Đức Phớc"])
    assert not any(r.startswith("nguyên") for r, _ in roles(persons["Hồ Đức Phớc"]))
    assert roles(persons["Nguyễn Văn Thắng"]) == [("Bộ trưởng", "Bộ Giao thông vận tải")]
    assert ("Thứ trưởng", "Bộ Nông nghiệp và Phát triển nông thôn") in roles(persons["Võ Văn Hưng"])


def test_the_one_moved_by_a_decision_holds_the_office_it_gives(resolver):
    text = ("Ông Nguyễn Giờ công bố quyết định về việc điều động ông Lê Văn Toàn, Giám đốc Sở Tư pháp, đến nhận công tác "
            "tại Ban Nội chính Tỉnh ủy và bổ nhiệm giữ chức vụ Phó Trưởng ban Ban Nội chính Tỉnh ủy kể từ ngày 1/11.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Nguyễn Giờ"), ("PERSON", "Lê Văn Toàn"))
    assert [r for r, _ in roles(persons["Lê Văn Toàn"])] == ["Giám đốc", "Phó Trưởng ban"]
    assert roles(persons["Nguyễn Giờ"]) == []


def test_non_state_jobs_before_a_name_are_roles(resolver):
    # GUIDELINES 2: non-State jobs are roles too (an artist's job has no organization)
    text = ("Đạo diễn Lý Hải cho biết phim sẽ ra mắt dịp Tết. Ca sĩ Vũ Thảo My và người mẫu Vũ Thu Phương "
            "dự buổi ra mắt. Nhà sử học Dương Trung Quốc phát biểu.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Lý Hải"), ("PERSON", "Vũ Thảo My"), ("PERSON", "Vũ Thu Phương"),
                            ("PERSON", "Dương Trung Quốc"))
    assert roles(persons["Lý Hải"]) == [("Đạo diễn", None)]
    assert roles(persons["Vũ Thảo My"]) == [("Ca sĩ", None)]
    assert roles(persons["Vũ Thu Phương"]) == [("Người mẫu", None)]
    assert roles(persons["Dương Trung Quốc"]) == [("Nhà sử học", None)]


def test_every_name_of_a_list_after_a_plural_form_of_address_is_a_person(resolver):
    # the model found only the first name; the list goes on over ",", "và" and ";" (offices between)
    text = ("Ban Bí thư khai trừ khỏi Đảng các ông Phùng Quang Hùng, Hà Hòa Bình và Trần Văn Vẹn. Kỷ luật cùng các ông: "
            "Lâm Văn Hoàng, Cục trưởng Cục Đường cao tốc Việt Nam; Nguyễn Xuân Ảnh, Phó Cục trưởng Cục Đường bộ Việt Nam.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Phùng Quang Hùng"))
    assert {"Phùng Quang Hùng", "Hà Hòa Bình", "Trần Văn Vẹn", "Lâm Văn Hoàng", "Nguyễn Xuân Ảnh"} <= set(persons)
    assert roles(persons["Nguyễn Xuân Ảnh"]) == [("Phó Cục trưởng", "Cục Đường bộ Việt Nam")]


def test_an_office_taken_from_a_person_is_former_unless_only_proposed(resolver):
    text = ("HĐND tỉnh Sơn La miễn nhiệm chức Chủ tịch UBND tỉnh với ông Hoàng Quốc Khánh do ông được chuẩn y giữ chức "
            "Bí thư Tỉnh ủy. Chính phủ trình Tờ trình đề nghị miễn nhiệm chức vụ Bộ trưởng Tài chính đối với ông Hồ Đức Phớc.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Hoàng Quốc Khánh"), ("PERSON", "Hồ Đức Phớc"))
    assert ("nguyên Chủ tịch", "UBND tỉnh Sơn La") in roles(persons["Hoàng Quốc Khánh"])
    assert roles(persons["Hồ Đức Phớc"]) == [("Bộ trưởng", "Bộ Tài chính")]


def test_a_malaysian_honorific_is_no_part_of_the_name(resolver):
    text = "Đại sứ Malaysia tại Việt Nam Datuk Zulhelmy Ithnain chúc mừng Quân đội nhân dân Việt Nam."
    persons, _, _ = resolve(resolver, text, ("PERSON", "Datuk Zulhelmy Ithnain"))
    assert list(persons) == ["Zulhelmy Ithnain"]


def test_a_family_name_before_initials_is_an_anonymised_person(resolver):
    text = "Trước đó, ông Nguyễn Đ.H. (SN 1958) cùng vợ là bà Nguyễn T.X. sửa ống thoát của hầm biogas."
    persons, _, _ = resolve(resolver, text, ("PERSON", "Nguyễn"))
    assert persons == {}


def test_a_royal_title_is_no_part_of_the_name_and_alone_names_nobody(resolver):
    text = ("Chủ tịch nước Lương Cường chuyển lời thăm hỏi tới Hoàng Thái Hậu Norodom Monineath Sihanouk "
            "và mong Hoàng Thái Hậu sớm cùng Quốc vương sang thăm Việt Nam.")
    persons, _, _ = resolve(resolver, text, ("PERSON", "Lương Cường"), ("PERSON", "Hoàng Thái Hậu Norodom Monineath Sihanouk"),
                            ("PERSON", "Hoàng Thái Hậu"))
    assert set(persons) == {"Lương Cường", "Norodom Monineath Sihanouk"}

"""Offices split into role and organization (GUIDELINES 2)."""
import pytest

from tagger.positions import ArticleContext, PositionFinder


@pytest.fixture(scope="module")
def finder():
    return PositionFinder()


@pytest.mark.parametrize("surface, role, organization", [
    ("UVBTV Tỉnh ủy", "Ủy viên Ban Thường vụ", "Tỉnh ủy"),                      # abbreviation written out
    ("Phó Chủ tịch Thường trực UBND tỉnh", "Phó Chủ tịch Thường trực", "UBND tỉnh"),
    ("Trưởng Ban Dân vận Tỉnh ủy", "Trưởng ban", "Ban Dân vận Tỉnh ủy"),
    ("Bí thư Tỉnh ủy Đắk Nông", "Bí thư", "Tỉnh ủy Đắk Nông"),
    ("Bộ trưởng Bộ Nội vụ", "Bộ trưởng", "Bộ Nội vụ"),
    ("Bộ trưởng Nội vụ", "Bộ trưởng", "Bộ Nội vụ"),                             # "Bộ" implied by the office
    ("nguyên Phó Thủ tướng", "nguyên Phó Thủ tướng", "Chính phủ"),              # former office kept
    ("cựu Giám đốc Công an tỉnh Đồng Nai", "nguyên Giám đốc", "Công an tỉnh Đồng Nai"),
    ("Tổng Bí thư", "Tổng Bí thư", None),
    ("Thủ tướng Chính phủ", "Thủ tướng", None),
    ("Tổng thống Ấn Độ", "Tổng thống", "Ấn Độ"),                                 # foreign office: the country
    ("Ủy viên Bộ Chính trị", "Ủy viên Bộ Chính trị", "Bộ Chính trị"),
    ("Phó trưởng ban thường trực Ban Dân vận Thành ủy", "Phó Trưởng ban Thường trực", "Ban Dân vận Thành ủy"),
    ("Chánh Văn phòng Trung ương Đảng", "Chánh Văn phòng", "Văn phòng Trung ương Đảng"),
    ("Phó Viện trưởng Viện Kiểm sát nhân dân tối cao", "Phó Viện trưởng", "Viện Kiểm sát nhân dân tối cao"),
])
def test_split(finder, surface, role, organization):
    assert finder.split(surface) == (role, organization)


def test_organization_stops_before_the_name(finder):
    assert finder.split("Bí thư Tỉnh ủy Hà Tĩnh Hoàng Trung Dũng") == ("Bí thư", "Tỉnh ủy Hà Tĩnh")
    assert finder.split("Tổng Bí thư Tô Lâm") == ("Tổng Bí thư", None)
    assert finder.split("Chủ tịch UBND tỉnh cho biết") == ("Chủ tịch", "UBND tỉnh")


def test_not_an_office(finder):
    assert finder.split("Đoàn công tác đã đến thăm") is None


def test_organization_completed_from_the_article():
    ctx = ArticleContext.from_text("Ban Dân vận Tỉnh ủy Đắk Nông cho biết, trên địa bàn tỉnh Đắk Nông ...")
    assert ctx.complete("UBND tỉnh") == "UBND tỉnh Đắk Nông"
    assert ctx.complete("Tỉnh ủy") == "Tỉnh ủy Đắk Nông"
    assert ctx.complete("Ban Dân vận Tỉnh ủy") == "Ban Dân vận Tỉnh ủy Đắk Nông"
    assert ctx.complete("Bộ Nội vụ") == "Bộ Nội vụ"


def test_no_completion_without_context():
    ctx = ArticleContext.from_text("Hội nghị diễn ra sáng nay.")
    assert ctx.complete("UBND tỉnh") == "UBND tỉnh"


def test_an_assistant_names_the_office_it_serves(finder):
    assert finder.split("Trợ lý Bộ trưởng Công an") == ("Trợ lý Bộ trưởng", "Bộ Công an")
    assert finder.split("thư ký Ủy viên Bộ Chính trị, Bộ trưởng Công an") == ("Thư ký Bộ trưởng", "Bộ Công an")
    assert finder.split("Thư ký Tổng Bí thư, Chủ tịch nước") == ("Thư ký Tổng Bí thư", None)


def test_a_department_and_a_chair_of_a_unit_take_the_article_s_province():
    ctx = ArticleContext.from_text("Sáng 25/10, UBND thành phố Đà Nẵng công bố quyết định tại thành phố Đà Nẵng.")
    assert ctx.complete("Sở Nội vụ") == "Sở Nội vụ thành phố Đà Nẵng"
    assert ctx.complete("Sở Y tế tỉnh Quảng Nam") == "Sở Y tế tỉnh Quảng Nam"


@pytest.mark.parametrize("surface, organization", [
    ("Chủ tịch xã Tam Anh Nam, đánh giá", "xã Tam Anh Nam"),                        # "Anh" is not England here
    ("Chủ tịch thành phố Hồ Chí Minh Phan Văn Mãi", "thành phố Hồ Chí Minh"),      # nor "Hồ" a family name
    ("Chủ tịch UBND huyện Đức Thọ Nguyễn Văn A", "UBND huyện Đức Thọ"),
])
def test_after_a_unit_word_the_capitalised_run_is_its_name(finder, surface, organization):
    assert finder.split(surface)[1] == organization


def test_the_rules_regular_expressions_are_read_from_the_data_file():
    from tagger.positions import patterns
    rx = patterns()
    assert rx["place_list"].search("Quận Cầu Giấy có 8 phường, gồm: Yên Hòa, ")        # a name in a list of units
    assert rx["street_list"].search("Cấm xe trên các tuyến đường như Lê Duẩn, ")        # a name in a list of streets
    assert rx["credit_line"].match("Ảnh: Nguyễn Á, Minh Chính")                         # a credit line
    assert rx["place_before"].search("Anh sinh ra ở ") and not rx["place_before"].search("gặp ông ")
    assert rx["khoa"].search("Ủy viên Trung ương Đảng KHÓA XIII").group(1) == "XIII"    # case does not matter
    assert rx["clause_year"].match("Tháng 2/2020, ông được bổ nhiệm").group(1) == "2020"


@pytest.mark.parametrize("surface, role, organization", [
    ("Cục trưởng Cục Tổ chức cán bộ", "Cục trưởng", "Cục Tổ chức cán bộ"),          # lower-case words of a name
    ("Cục phó An ninh kinh tế tổng hợp", "Cục phó", "Cục An ninh kinh tế tổng hợp"),
    ("Trưởng ban Ban Chỉ đạo Trung ương về tổng kết", "Trưởng ban", "Ban Chỉ đạo Trung ương"),  # not "về tổng"
    ("Ủy viên Ban cán sự đảng", "Ủy viên Ban cán sự đảng", None),
])
def test_split_lower_case_organization_words(finder, surface, role, organization):
    assert finder.split(surface)[0] == role
    assert finder.split(surface)[1] in (organization, "Ban cán sự đảng")


def test_defence_attache(finder):
    assert finder.split("Phó Tùy viên Quốc phòng Việt Nam tại Malaysia")[0] == "Phó Tùy viên Quốc phòng"
    assert finder.split("Tùy viên Quốc phòng")[0] == "Tùy viên Quốc phòng"

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


@pytest.mark.parametrize("text, expected", [
    # an abbreviation in brackets between the name and the year stays out of the name; the comma is the title's
    ("Văn phòng Chủ tịch nước công bố luật Phòng, chống tham nhũng (PCTN) năm 2018. Theo luật Phòng chống tham "
     "nhũng năm 2018, quan chức phải kê khai tài sản.", [("Luật", None, "Luật Phòng, chống tham nhũng năm 2018")]),
    # "bia rượu" and "rượu bia": one law written in two word orders (laws.txt "variant = title")
    ("Luật Phòng chống tác hại của bia rượu 2019 đã có hiệu lực từ ngày 1/1/2020. Ngay trong ngày đầu tiên Luật "
     "Phòng chống tác hại của rượu bia có hiệu lực, CSGT đã ra quân.",
     [("Luật", None, "Luật Phòng chống tác hại của bia rượu 2019")]),
    # a predicate after "dự án Luật" is not the bill's name
    ("Thẩm tra dự luật, Chủ nhiệm Ủy ban nhận định dự án Luật mang tính xã hội nhân văn rất cao.", []),
    ("Đồng thời, dự thảo Luật bỏ toàn bộ các thủ tục về cấp đổi sổ hộ khẩu, cấp lại sổ hộ khẩu.", []),
    # one amending law of two laws: its name runs through "và Luật B"; the two laws it amends are cited too
    ("Quốc hội biểu quyết thông qua Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức.",
     [("Luật", None, "Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức"),
      ("Luật", None, "Luật Cán bộ, công chức"), ("Luật", None, "Luật Viên chức")]),
])
def test_law_name_boundaries(finder, text, expected):
    assert found(finder, text) == expected


def test_the_two_word_orders_share_one_key(finder):
    refs = finder.find("Luật Phòng, chống tác hại của bia, rượu năm 2019 và Luật Phòng, chống tác hại của rượu, "
                       "bia năm 2019 là một.")
    assert len({r.key for r in refs}) == 1


def test_a_short_name_after_two_laws_of_that_name_is_one_of_them(finder):
    text = ("Bộ luật Lao động 2019 vừa được Quốc hội thông qua. Đây là nội dung mà Bộ luật Lao động 2012 chưa đề cập. "
            "Điều 94 Bộ luật Lao động mới cũng chỉ rõ quyền tự quyết chi tiêu lương của người lao động.")
    refs = finder.find(text)
    assert [r.name for r in refs] == ["Bộ luật Lao động 2019", "Bộ luật Lao động 2012"]
    assert [m.text for m in refs[0].mentions] == ["Bộ luật Lao động 2019", "Bộ luật Lao động"]  # "mới": the newest
    refs = finder.find("Luật Đất đai 2013 và Luật Đất đai 2024 khác nhau ở nhiều điểm. Theo Luật Đất đai, người dân "
                       "được cấp sổ.")
    assert [r.name for r in refs] == ["Luật Đất đai 2013", "Luật Đất đai 2024"]


def test_an_abbreviated_title_is_the_same_law(finder):
    refs = finder.find("Theo quy định của Luật THTK, CLP, các bộ phải báo cáo. Luật Thực hành tiết kiệm, chống lãng phí "
                       "năm 2013 có hiệu lực.")
    assert len(refs) == 1 and refs[0].key == "state/luat/name:thuc-hanh-tiet-kiem-chong-lang-phi-2013"


def test_a_short_name_first_does_not_join_two_laws_of_that_name(finder):
    refs = finder.find("Theo Luật Đất đai, người dân được cấp sổ. Các dự án làm thủ tục theo Luật Đất đai 2013, từ ngày "
                       "1/8 theo Luật Đất đai 2024.")
    assert [(r.name, len(r.mentions)) for r in refs] == [("Luật Đất đai 2013", 2), ("Luật Đất đai 2024", 1)]


def test_a_listed_law_with_abbreviated_words_keeps_its_wording_and_the_listed_key(finder):
    text = ("Đoàn giám sát thực hiện theo quy định của Luật Hoạt động giám sát của Quốc hội và HĐND. Luật Hoạt động "
            "giám sát của Quốc hội và Hội đồng nhân dân có hiệu lực từ năm 2016.")
    (ref,) = finder.find(text)
    assert ref.name == "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân"
    assert len(ref.mentions) == 2
    (ref,) = finder.find("Theo Luật Bầu cử đại biểu Quốc hội và HĐND năm 2015, mọi công dân đủ 18 tuổi có quyền bầu cử.")
    assert (ref.name, ref.year) == ("Luật Bầu cử đại biểu Quốc hội và HĐND năm 2015", 2015)
    assert ref.key == "state/luat/name:bau-cu-dai-bieu-quoc-hoi-va-dai-bieu-hoi-dong-nhan-dan-2015"


@pytest.mark.parametrize("text, expected", [
    # after a semicolon an item runs to the next one, an amending law's title included
    ("Ngoài ra còn có các luật: Quốc phòng; Sửa đổi, bổ sung 11 luật có quy định liên quan đến quy hoạch; Lâm nghiệp; "
     "Thuỷ sản; Đo đạc và bản đồ; Thể dục, thể thao. Những hành vi bị cấm trong luật An ninh mạng",
     ["Luật Quốc phòng", "Luật Sửa đổi, bổ sung 11 luật có quy định liên quan đến quy hoạch", "Luật Lâm nghiệp",
      "Luật Thuỷ sản", "Luật Đo đạc và bản đồ", "Luật Thể dục, thể thao", "Luật An ninh mạng"]),
    # the last item ends before the clause that follows it
    ("Luật sửa đổi, bổ sung một số điều của 9 luật: Chứng khoán; Kế toán; Xử lý vi phạm hành chính, vừa được Quốc hội "
     "thông qua chiều 29/11.", ["Luật Chứng khoán", "Luật Kế toán", "Luật Xử lý vi phạm hành chính"]),
    # after commas an item is a listed law or a capitalised name that ends with its item
    ("Bộ còn nợ 8 nghị định, hướng dẫn thi hành 3 luật: An ninh mạng, Công an nhân dân (CAND), Đặc xá.",
     ["Luật An ninh mạng", "Luật Công an nhân dân", "Luật Đặc xá"]),
    ("Đang có mâu thuẫn giữa các luật Đầu tư công, Đất đai, Ngân sách, TNMT làm chậm quá trình giải ngân.",
     ["Luật Đầu tư công", "Luật Đất đai", "Luật Ngân sách"]),
    ("Bộ trưởng thừa nhận có sự vênh nhau giữa 3 luật Bảo vệ môi trường, Đầu tư và Đầu tư công.",
     ["Luật Bảo vệ môi trường", "Luật Đầu tư", "Luật Đầu tư công"]),
])
def test_a_plural_law_word_lists_several_laws(finder, text, expected):
    assert [n for _, _, n in found(finder, text)] == expected


def test_the_bare_constitution_is_the_one_cited_with_its_year(finder):
    # one constitution with a year in the article: "Hiến pháp" alone is a mention of it (one entry per document)
    text = ("Hệ thống pháp luật đã được hoàn thiện: ban hành Hiến pháp 2013, Luật Xử lý vi phạm hành chính 2012. Theo "
            "UB Đối ngoại, các quy định của Hiến pháp, luật, pháp lệnh phù hợp với Công ước số 105.")
    assert found(finder, text) == [("Hiến pháp", None, "Hiến pháp 2013"),
                                   ("Luật", None, "Luật Xử lý vi phạm hành chính 2012")]
    # two constitutions with a year: the bare word is neither
    text = "Hiến pháp năm 1992 và Hiến pháp năm 2013 khác nhau. Hiến pháp quy định quyền con người."
    assert len(finder.find(text)) == 3


def test_an_ordinance_may_have_a_longer_name_than_a_listed_law(finder):
    text = ("Hệ thống pháp luật đã được hoàn thiện, bao gồm: bãi bỏ Pháp lệnh Lao động công ích; ban hành Bộ luật Lao "
            "động năm 2019. Pháp lệnh dân quân tự vệ (2004) đã hết hiệu lực.")
    assert [n for _, _, n in found(finder, text)] == ["Pháp lệnh Lao động công ích", "Bộ luật Lao động năm 2019",
                                                      "Pháp lệnh Dân quân tự vệ"]  # the listed form


def test_a_question_after_a_comma_ends_a_law_name(finder):
    text = "Theo ông, nếu có luật như luật Biểu tình, liệu có kiểm soát được tình trạng quá khích như vừa qua?"
    assert [n for _, _, n in found(finder, text)] == ["Luật Biểu tình"]
    # a comma inside a law's own name stays
    assert [n for _, _, n in found(finder, "Quốc hội sửa Luật Quân nhân chuyên nghiệp, công nhân và viên chức quốc "
                                           "phòng trong năm nay.")] == [
        "Luật Quân nhân chuyên nghiệp, công nhân và viên chức quốc phòng"]


def test_a_law_named_by_its_abbreviation_is_keyed_as_the_listed_law(finder):
    (ref,) = finder.find("Luật CAND sửa đổi sẽ có nhiều thay đổi về mô hình tổ chức trong lực lượng công an.")
    assert (ref.name, ref.key) == ("Luật CAND sửa đổi", "state/luat/name:cong-an-nhan-dan-sua-doi")
    (ref,) = finder.find("Việc sửa đổi Luật DQTV được kỳ họp thứ 8, Quốc hội khóa XIV thông qua ngày 22/11/2019.")
    assert ref.key == "state/luat/name:dan-quan-tu-ve"


def test_a_treaty_named_before_a_comma_does_not_swallow_a_law(finder):
    text = ("Dự thảo bổ sung các hóa chất bị cấm theo các công ước quốc tế, nhưng bãi bỏ các phụ lục 1, 2 và 3 của Luật "
            "Đầu tư và giao Chính phủ quy định chi tiết.")
    assert [n for _, _, n in found(finder, text)] == ["Luật Đầu tư"]
    assert found(finder, "Việt Nam tuân thủ Công ước của Liên Hợp Quốc về Luật Biển (UNCLOS) năm 1982.") == []


def test_a_listed_law_may_start_with_an_implementing_verb(finder):
    text = ("Luật sửa đổi, bổ sung một số điều của Luật Thanh niên, Luật Thi đua Khen thưởng và Luật Thực hiện dân chủ cơ "
            "sở. Bộ Công an đề xuất sửa luật Thi hành án hình sự.")
    assert [n for _, _, n in found(finder, text)][-2:] == ["Luật Thực hiện dân chủ cơ sở", "Luật Thi hành án hình sự"]
    # a plan known by what it implements is still not named
    assert found(finder, "Tỉnh ủy ban hành Kế hoạch thực hiện Nghị quyết số 57-NQ/TW.") == [("Nghị quyết", "57", None)]


@pytest.mark.parametrize("text, expected", [
    # news cites a code (bộ luật) with "luật"; no law has that title, so it is the code
    ("Từ ngày 1/1/2021, tại khoản 1, điều 104, luật Lao động (sửa đổi) năm 2019 vừa được Quốc hội thông qua quy "
     "định, chủ sử dụng lao động có thể trả thưởng bằng hiện vật.",
     [("Bộ luật", None, "Bộ luật Lao động (sửa đổi) năm 2019")]),
    ("Nếu không xử lý được đối tượng gây ô nhiễm môi trường theo luật Hình sự thì nghị định 155/2016/NĐ-CP quy định "
     "rất rõ về xử phạt.", [("Bộ luật", None, "Bộ luật Hình sự"), ("Nghị định", "155", None)]),
    # the law an amending law amends may be a code too
    ("Quốc hội thông qua Luật sửa đổi, bổ sung một số điều của Luật Tố tụng hình sự.",
     [("Luật", None, "Luật sửa đổi, bổ sung một số điều của Luật Tố tụng hình sự"),
      ("Bộ luật", None, "Bộ luật Tố tụng hình sự")]),
    # a law of a similar title stays a law
    ("Tòa án giải quyết vụ việc theo Luật Tố tụng hành chính.", [("Luật", None, "Luật Tố tụng hành chính")]),
])
def test_a_code_cited_as_a_law_is_the_code(finder, text, expected):
    assert found(finder, text) == expected


def test_a_code_cited_as_a_law_joins_its_later_mention(finder):
    text = ("Tại khoản 1, điều 104, luật Lao động (sửa đổi) năm 2019 vừa được Quốc hội thông qua quy định như vậy. "
            "Tôi đề nghị Bộ Lao động Thương binh và xã hội khi hướng dẫn thực hiện Bộ Luật Lao động phải có hướng "
            "dẫn rất cụ thể.")
    refs = finder.find(text)
    assert [(r.type, r.name, len(r.mentions)) for r in refs] == [("Bộ luật", "Bộ luật Lao động (sửa đổi) năm 2019", 2)]


def test_a_law_news_names_without_its_first_words_is_that_law(finder):
    # laws.txt: "Doanh nghiệp nhỏ và vừa = Hỗ trợ doanh nghiệp nhỏ và vừa"; not the listed Luật Doanh nghiệp
    text = ("Đảng, Nhà nước quan tâm đến doanh nghiệp nhỏ và vừa, đã trình Quốc hội ban hành Luật Doanh nghiệp nhỏ và "
            "vừa. Chính phủ sẽ tiếp tục hỗ trợ.")
    refs = finder.find(text)
    assert [(r.name, r.key) for r in refs] == [("Luật Doanh nghiệp nhỏ và vừa",
                                                "state/luat/name:ho-tro-doanh-nghiep-nho-va-vua")]


@pytest.mark.parametrize("text, n_docs, key", [
    # the draft's common name is the listed law (laws.txt variant): one document
    ("Chính phủ chưa đề xuất đưa vào chương trình luật Đơn vị hành chính - kinh tế đặc biệt (còn gọi là luật Đặc "
     "khu). Riêng đối với luật Đặc khu, Quốc hội đã quyết định lùi thời gian thông qua.", 1,
     "state/luat/name:don-vi-hanh-chinh-kinh-te-dac-biet"),
    ("Luật Phòng chống tác hại rượu, bia có hiệu lực từ năm 2020. Luật Phòng chống tác hại của rượu, bia quy định "
     "không được điều khiển phương tiện giao thông sau khi uống rượu.", 1,
     "state/luat/name:phong-chong-tac-hai-cua-ruou-bia"),
    ("Mọi hoạt động chi tiêu của các cơ quan cần tuân thủ quy định của luật Ngân sách cũng như định mức chi tiêu.", 1,
     "state/luat/name:ngan-sach-nha-nuoc"),
])
def test_a_laws_short_or_common_name_is_that_law(finder, text, n_docs, key):
    refs = finder.find(text)
    assert len(refs) == n_docs and refs[0].key == key


@pytest.mark.parametrize("text, name", [
    ("Ông Tới đề nghị sửa luật Sĩ quan quân đội cho phù hợp. Sẽ rất khó khăn trong chỉ đạo.", "Luật Sĩ quan quân đội"),
    ("Lực lượng phải đáp ứng yêu cầu thẩm quyền pháp luật theo Luật Cảnh sát biển cho các đối tượng liên quan.",
     "Luật Cảnh sát biển"),
])
def test_cho_ends_a_laws_name(finder, text, name):
    assert found(finder, text) == [("Luật", None, name)]


def test_a_clause_after_a_comma_ends_a_laws_name(finder):
    text = "Anh ấy vi phạm luật Hôn nhân gia đình, gây ảnh hưởng đến hạnh phúc gia đình tôi."
    assert found(finder, text) == [("Luật", None, "Luật Hôn nhân gia đình")]
    # a title with a comma goes on
    text = "Quốc hội thông qua Luật Cán bộ, công chức năm 2008."
    assert found(finder, text) == [("Luật", None, "Luật Cán bộ, công chức năm 2008")]


def test_a_listed_title_with_an_abbreviated_phrase_ends_where_the_title_does(finder):
    # name_abbreviations.tsv law_words: DNNVV = doanh nghiệp nhỏ và vừa
    text = "Đó cũng là thực hiện được luật Hỗ trợ DNNVV và phấn đấu đến năm 2020 cả nước có 1 triệu doanh nghiệp."
    refs = finder.find(text)
    assert [(r.name, r.key) for r in refs] == [("Luật Hỗ trợ DNNVV", "state/luat/name:ho-tro-doanh-nghiep-nho-va-vua")]


@pytest.mark.parametrize("text, name, key", [
    ("Quốc hội đã thông qua Luật PCTN năm 2018 với nhiều điểm mới.", "Luật PCTN năm 2018",
     "state/luat/name:phong-chong-tham-nhung-2018"),
    ("Theo quy định của luật BHXH năm 2014, người lao động được hưởng lương hưu.", "Luật BHXH năm 2014",
     "state/luat/name:bao-hiem-xa-hoi-2014"),
    ("Ông bị kỷ luật vì vi phạm Luật HNGĐ về chế độ một vợ một chồng.", "Luật HNGĐ",
     "state/luat/name:hon-nhan-va-gia-dinh"),
])
def test_a_law_named_by_the_abbreviation_of_its_title(finder, text, name, key):
    refs = finder.find(text)
    assert [(r.name, r.key) for r in refs] == [(name, key)]

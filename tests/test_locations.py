"""Locations: normalised names, kind, 2025 province (GUIDELINES 4, 5)."""
from tagger.locations import default_gazetteer, merge_locations, province_2025


def test_dak_nong_is_in_lam_dong_since_2025():
    assert province_2025("Đắk Nông") == "Lâm Đồng"
    assert province_2025("tỉnh Đắk Nông") == "Lâm Đồng"
    assert province_2025("Hà Giang") == "Tuyên Quang"
    assert province_2025("Hà Nội") == "Hà Nội"
    assert province_2025("Campuchia") is None


def test_normalize_province_and_country():
    gaz = default_gazetteer()
    loc = gaz.normalize("tỉnh Đắk Nông")
    assert (loc.name, loc.kind, loc.province_2025) == ("Đắk Nông", "province", "Lâm Đồng")
    loc = gaz.normalize("Campuchia")
    assert (loc.name, loc.kind, loc.province_2025) == ("Campuchia", "country", None)
    loc = gaz.normalize("xã Vân Sơn")
    assert (loc.name, loc.kind) == ("xã Vân Sơn", "commune")
    assert gaz.normalize("Tây Nguyên").kind == "region"


def test_tone_placement_does_not_matter():
    assert province_2025("Thanh Hoá") == "Thanh Hóa"
    assert province_2025("Khánh Hoà") == "Khánh Hòa"


def test_facilities_are_not_locations():
    gaz = default_gazetteer()
    assert gaz.normalize("cầu Rồng") is None
    assert gaz.normalize("chợ Bến Thành") is None
    assert gaz.normalize("khu kinh tế Vân Phong") is None


def test_merge_keeps_one_entry_per_place():
    text = "tỉnh Đắk Nông và Đắk Nông"
    locs = merge_locations([("tỉnh Đắk Nông", 0, 13), ("Đắk Nông", 17, 25)], text)
    assert len(locs) == 1 and locs[0].name == "Đắk Nông" and len(locs[0].mentions) == 2


def test_a_province_dissolved_before_2025_is_still_a_place():
    # "Bí thư Tỉnh đoàn Hà Tây (cũ)": Hà Tây joined Hà Nội in 2008
    assert province_2025("Hà Tây") == "Hà Nội"
    assert default_gazetteer().normalize("tỉnh Hà Tây").kind == "former_province"


def test_cities_below_the_province_are_places():
    gaz = default_gazetteer()
    assert gaz.normalize("Nha Trang").kind == "municipality"
    assert gaz.normalize("thành phố Vinh").name == "thành phố Vinh"

"""The dev gold stays unseen: every builder drops a corpus article that is a dev article."""
import json

from training.exclusion import DevFilter

DEV_TEXT = ("Ông Lê Văn Chiến giữ chức Phó Chủ tịch Thường trực UBND tỉnh Đắk Nông\n"
            "Sáng 12/3, Ban Thường vụ Tỉnh ủy Đắk Nông tổ chức hội nghị công bố quyết định của Ban Bí thư "
            "về công tác cán bộ. Ông Lê Văn Chiến, Ủy viên Ban Thường vụ Tỉnh ủy, được giao phụ trách.")


def _shared(tmp_path, records):
    (tmp_path / "gold").mkdir()
    with (tmp_path / "gold" / "dev.jsonl").open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return tmp_path


def test_a_dev_id_is_dropped_whatever_its_text(tmp_path):
    dev = DevFilter(_shared(tmp_path, [{"id": "diata/politics/politics_1", "text": DEV_TEXT}]))
    assert dev({"id": "diata/politics/politics_1", "text": "Bài khác hẳn."})


def test_the_same_article_under_another_id_or_joined_differently_is_dropped(tmp_path):
    dev = DevFilter(_shared(tmp_path, [{"id": "diata/politics/politics_1", "text": DEV_TEXT}]))
    title, body = DEV_TEXT.split("\n", 1)
    assert dev({"id": "vn4src/CTXH_9", "text": title + " " + body})          # title joined by a space
    assert dev.has_text(body)                                                  # the body without its title
    assert dev.has_text("  " + title + "\n\n" + body)


def test_other_articles_and_short_common_starts_are_kept(tmp_path):
    dev = DevFilter(_shared(tmp_path, [{"id": "diata/politics/politics_1", "text": DEV_TEXT}]))
    assert not dev({"id": "diata/politics/politics_2",
                    "text": "Quốc hội thông qua Luật Đất đai (sửa đổi) với 432 đại biểu tán thành, chiếm 87,63%."})
    assert not dev.has_text("Sáng 12/3, Ban Thường vụ")                      # too short to decide on


def test_without_a_dev_file_nothing_is_dropped(tmp_path):
    dev = DevFilter(tmp_path)
    assert not dev({"id": "diata/politics/politics_1", "text": DEV_TEXT})

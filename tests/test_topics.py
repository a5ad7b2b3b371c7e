"""Topics component: train a tiny model from a few Vietnamese sentences, save it, load it, predict.

No ../shared needed: the training sentences are written here.
"""
import json

import pytest

from tagger.bundle import Bundle, seal
from tagger.topics import TopicClassifier, term_counts
from tagger.types import Topic, TopicPrediction
from training.topics import train_topic_component

PARTY = [
    "Hội nghị Trung ương bàn về công tác xây dựng, chỉnh đốn Đảng và kết nạp đảng viên mới.",
    "Đảng ủy tổ chức sinh hoạt chi bộ, học tập nghị quyết, tự phê bình và phê bình trong Đảng.",
    "Đại hội Đảng bộ tỉnh nhiệm kỳ mới thảo luận văn kiện về xây dựng Đảng trong sạch, vững mạnh.",
    "Tỉnh ủy quán triệt nghị quyết Trung ương về xây dựng, chỉnh đốn Đảng tới các chi bộ cơ sở.",
    "Chi bộ thôn kết nạp đảng viên trẻ, đổi mới sinh hoạt chi bộ theo nghị quyết của Đảng.",
    "Ban Tổ chức Trung ương hướng dẫn công tác phát triển đảng viên và củng cố tổ chức cơ sở Đảng.",
]
DIPLOMACY = [
    "Thủ tướng hội đàm với Thủ tướng Nhật Bản, hai bên thúc đẩy quan hệ đối tác chiến lược toàn diện.",
    "Chủ tịch nước thăm cấp Nhà nước tới Pháp, hai nước ký kết nhiều văn kiện hợp tác ngoại giao.",
    "Bộ trưởng Ngoại giao tiếp Đại sứ Hàn Quốc, trao đổi về quan hệ song phương và hợp tác đa phương.",
    "Việt Nam và Lào tăng cường quan hệ hữu nghị đặc biệt qua chuyến thăm chính thức của Tổng Bí thư.",
    "Phó Thủ tướng dự hội nghị ASEAN, hội đàm song phương với Bộ trưởng Ngoại giao Singapore.",
    "Đại sứ quán Việt Nam tổ chức gặp mặt cộng đồng người Việt ở nước ngoài nhân chuyến thăm chính thức.",
]
ASSEMBLY = [
    "Quốc hội thảo luận dự án luật tại kỳ họp, đại biểu Quốc hội chất vấn Bộ trưởng.",
    "Kỳ họp HĐND tỉnh chất vấn Giám đốc Sở về tiến độ giải ngân, đại biểu biểu quyết thông qua nghị quyết.",
    "Đại biểu Quốc hội tiếp xúc cử tri trước kỳ họp, ghi nhận kiến nghị của cử tri.",
    "Ủy ban Thường vụ Quốc hội cho ý kiến về dự án luật trước khi trình Quốc hội biểu quyết.",
    "Hội đồng bầu cử quốc gia công bố danh sách đại biểu Quốc hội trúng cử sau ngày bầu cử.",
    "Quốc hội biểu quyết thông qua luật, đại biểu tán thành chiếm tỷ lệ cao tại phiên họp.",
]
NOT_POLITICAL = [
    "Đội tuyển bóng đá thắng đậm trong trận giao hữu, tiền đạo ghi hai bàn thắng ở hiệp hai.",
    "Ca sĩ ra mắt album nhạc mới, buổi biểu diễn thu hút đông đảo khán giả trẻ tại nhà hát.",
    "Bác sĩ khuyên nên uống đủ nước, ngủ sớm và tập thể dục để tăng cường sức khỏe mùa hè.",
    "Giá vàng trong nước tăng mạnh, nhà đầu tư chứng khoán chốt lời, cổ phiếu ngân hàng giảm điểm.",
    "Câu lạc bộ bóng đá chiêu mộ thủ môn mới, huấn luyện viên hài lòng với trận đấu.",
    "Phim điện ảnh mới công chiếu thu hút khán giả, diễn viên chính được khen ngợi.",
]

SPORT = [
    NOT_POLITICAL[0], NOT_POLITICAL[4],
    "Tay vợt giành chức vô địch giải quần vợt sau trận chung kết kéo dài ba set.",
    "Vận động viên điền kinh phá kỷ lục, đội tuyển giành huy chương vàng tại đại hội thể thao.",
    "Đội bóng giành chiến thắng trên sân khách, tiền đạo ghi bàn thắng đẹp mắt.",
]


def _records():
    recs = [{"text": t, "topics": ["xay-dung-dang"], "is_political": True} for t in PARTY]
    recs += [{"text": t, "topics": ["doi-ngoai"], "is_political": True} for t in DIPLOMACY]
    recs += [{"text": t, "topics": ["quoc-hoi-hdnd-bau-cu"], "is_political": True} for t in ASSEMBLY]
    recs += [{"text": t, "topics": [], "is_political": False} for t in NOT_POLITICAL]
    return recs


def _sections():
    secs = [{"id": f"p{i}", "text": t, "section": "chinh-tri-xa-hoi"} for i, t in enumerate(PARTY + DIPLOMACY + ASSEMBLY)]
    secs += [{"id": f"t{i}", "text": t, "section": "the-thao"} for i, t in enumerate(SPORT)]
    secs += [{"id": f"v{i}", "text": t, "section": "van-hoa-giai-tri"} for i, t in enumerate(NOT_POLITICAL[1:4] + NOT_POLITICAL[5:])]
    return secs


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    root = tmp_path_factory.mktemp("bundle")
    metrics = train_topic_component(_records(), root / "topics", params={"cv_folds": 3},
                                    section_records=_sections(), seed=0)
    seal(root)
    return root, metrics


def _load(root):
    comp = json.loads((root / "topics" / "component.json").read_text(encoding="utf-8"))
    return TopicClassifier.load(root / "topics", comp["config"]), comp


def test_component_json_and_round_trip(bundle):
    root, metrics = bundle
    clf, comp = _load(root)
    assert comp["module"] == "tagger.topics" and comp["class"] == "TopicClassifier"
    assert set(comp) >= {"config", "labels", "metrics", "training_data"}
    assert comp["labels"] == clf.labels == sorted(["xay-dung-dang", "doi-ngoai", "quoc-hoi-hdnd-bau-cu"])
    assert "topics_cv" in metrics and "political_cv" in metrics
    # the sealed bundle verifies and the component loads the way the engine loads it
    b = Bundle.open(root, verify=True)
    spec = b.components["topics"]
    again = TopicClassifier.load(b.component_dir("topics"), spec["config"])
    text = "Thủ tướng hội đàm với Tổng thống Hàn Quốc về quan hệ đối tác chiến lược."
    assert again.predict(text) == clf.predict(text)


def test_political_article_gets_topics_with_scores(bundle):
    clf, _ = _load(bundle[0])
    pred = clf.predict("Chủ tịch nước hội đàm với Tổng thống Pháp trong chuyến thăm chính thức, "
                       "hai nước nâng cấp quan hệ ngoại giao song phương.")
    assert isinstance(pred, TopicPrediction)
    assert pred.is_political and 0.5 <= pred.political_score <= 1.0
    assert pred.topics and pred.topics[0].label == "doi-ngoai"
    assert all(isinstance(t, Topic) and 0.0 <= t.score <= 1.0 for t in pred.topics)
    assert [t.score for t in pred.topics] == sorted((t.score for t in pred.topics), reverse=True)
    assert pred.section is not None and pred.section.label == "chinh-tri-xa-hoi"


def test_top_k_returns_the_k_best(bundle):
    clf, _ = _load(bundle[0])
    text = "Quốc hội chất vấn Bộ trưởng tại kỳ họp, đại biểu Quốc hội biểu quyết thông qua luật."
    pred = clf.predict(text, top_k=2)
    assert len(pred.topics) == 2
    assert pred.topics[0].label == "quoc-hoi-hdnd-bau-cu"
    assert pred.topics[0].score >= pred.topics[1].score
    assert len(clf.predict(text, top_k=3).topics) == 3


def test_no_topics_when_not_political(bundle):
    clf, _ = _load(bundle[0])
    pred = clf.predict("Tiền đạo ghi bàn thắng quyết định, đội bóng giành chiến thắng trong trận đấu tối qua.")
    assert not pred.is_political
    assert pred.topics == []
    assert pred.section is not None and pred.section.label == "the-thao"
    assert clf.predict("Ca sĩ biểu diễn album nhạc mới trước khán giả.", top_k=3).topics == []


def test_predict_many_matches_predict(bundle):
    clf, _ = _load(bundle[0])
    texts = [PARTY[0], NOT_POLITICAL[0]]
    assert clf.predict_many(texts, top_k=1) == [clf.predict(t, top_k=1) for t in texts]


def test_another_label_set_works_unchanged(tmp_path):
    """The taxonomy is configuration: an analyst's labels, no section records, same loader."""
    recs = [{"text": t, "topics": ["dang"], "is_political": True} for t in PARTY]
    recs += [{"text": t, "topics": ["ngoai-giao", "lanh-dao"], "is_political": True} for t in DIPLOMACY]
    recs += [{"text": t, "topics": ["nghi-truong"], "is_political": None} for t in ASSEMBLY]
    recs += [{"text": t, "topics": [], "is_political": False} for t in NOT_POLITICAL]
    train_topic_component(recs, tmp_path / "topics", params={"cv_folds": 3}, seed=0)
    clf, comp = _load(tmp_path)
    assert clf.labels == ["dang", "lanh-dao", "nghi-truong", "ngoai-giao"]
    pred = clf.predict("Bộ trưởng Ngoại giao hội đàm với Đại sứ Nhật Bản về hợp tác song phương.", top_k=2)
    assert {t.label for t in pred.topics} == {"ngoai-giao", "lanh-dao"}
    assert pred.section is None


def test_training_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        train_topic_component(_records(), out, params={"cv_folds": 3}, seed=0)
    for name in ("weights.npz", "vocab.txt.gz"):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_lead_counts_more_than_the_body():
    lead = "Quốc hội khai mạc kỳ họp. "
    body = "Đội bóng thắng trận. " * 80
    counts = term_counts(lead + body, {"lead_chars": 40, "lead_weight": 2.0})
    assert counts["quốc hội"] == 2.0
    assert counts["kỳ họp"] == 2.0
    # tone placement is unified, numbers collapse to one token
    assert term_counts("Hoà Bình năm 2024")["hòa"] == term_counts("Hòa Bình năm 2025")["hòa"]
    assert "0" in term_counts("năm 2024")


def test_the_head_counts_once_more_than_the_lead():
    title = "Ủy ban Kiểm tra Trung ương kỷ luật cán bộ\n"
    lead = "Kỳ họp thứ 40 diễn ra tại Hà Nội, Quốc hội theo dõi. "
    body = "Đội bóng thắng trận. " * 80
    text = title + lead + body
    head = {"lead_chars": 95, "lead_weight": 2.0, "head_chars": 45, "head_weight": 1.0}
    counts = term_counts(text, head)
    assert counts["kiểm tra"] == 3.0          # in the head: body 1 + lead 1 + head 1
    assert counts["quốc hội"] == 2.0          # in the lead only
    assert counts["đội bóng"] == 80.0
    # off by default: a bundle trained before the head weight reads articles exactly as before
    assert term_counts(text, {"lead_chars": 95, "lead_weight": 2.0}) == term_counts(
        text, {"lead_chars": 95, "lead_weight": 2.0, "head_chars": 45, "head_weight": 0.0})
    assert term_counts(text, {"lead_chars": 95})["kiểm tra"] == 2.0


def test_windows_cut_at_spaces_and_cover_the_text():
    from tagger.topics import windows
    text = "Quốc hội thảo luận dự án luật. " * 10
    pieces = windows(text, 60)
    assert "".join(pieces) == text
    assert all(len(p) <= 60 for p in pieces)
    assert all(p.startswith(" ") or i == 0 for i, p in enumerate(pieces))


def test_lead_trained_topics_read_the_body_window_by_window(tmp_path):
    """Option topic_window_chars: topic heads learn from leads and read every lead-sized window."""
    train_topic_component(_records(), tmp_path / "topics", params={"cv_folds": 3, "topic_window_chars": 120}, seed=0)
    clf, comp = _load(tmp_path)
    assert comp["config"]["topic_window_chars"] == 120
    body = ("Đại hội Đảng bộ tỉnh thảo luận văn kiện về xây dựng, chỉnh đốn Đảng và kết nạp đảng viên. " * 2
            + "Sau đó, Chủ tịch nước hội đàm với Thủ tướng Nhật Bản, hai nước thúc đẩy quan hệ ngoại giao song phương. " * 2)
    labels = [t.label for t in clf.predict(body, top_k=2).topics]
    assert set(labels) == {"xay-dung-dang", "doi-ngoai"}

"""The topic trainer on the small, lopsided label sets analysts bring (issue #6).

An analyst's export may hold two or three labels and a few dozen articles; a label may have one
example, or be on every article; every article may be political; a cross-validation fold may see one
class only. Training must still produce a bundle that loads and answers, and say what it left out.
No ../shared needed: the sentences are written here.
"""
import json

import pytest

from tagger.topics import TopicClassifier
from training.topics import train_topic_component

FOREIGN = [
    "Thủ tướng hội đàm với Thủ tướng Nhật Bản, hai bên thúc đẩy quan hệ đối tác chiến lược toàn diện.",
    "Chủ tịch nước thăm cấp Nhà nước tới Pháp, hai nước ký kết nhiều văn kiện hợp tác.",
    "Bộ trưởng Ngoại giao tiếp Đại sứ Hàn Quốc, trao đổi về quan hệ song phương.",
    "Việt Nam và Lào tăng cường quan hệ hữu nghị đặc biệt qua chuyến thăm chính thức.",
    "Phó Thủ tướng dự hội nghị ASEAN, hội đàm song phương với Bộ trưởng Ngoại giao Singapore.",
    "Đại sứ quán Việt Nam gặp mặt cộng đồng người Việt ở nước ngoài nhân chuyến thăm chính thức.",
    "Tổng Bí thư điện đàm với Tổng thống Hoa Kỳ về quan hệ đối tác chiến lược toàn diện.",
    "Hai nước Việt Nam và Ấn Độ ký thỏa thuận hợp tác, nâng cấp quan hệ ngoại giao.",
]
DEFENCE = [
    "Bộ đội Biên phòng tỉnh tuần tra bảo vệ chủ quyền biên giới, giữ vững an ninh trật tự.",
    "Thanh niên lên đường nhập ngũ, thực hiện nghĩa vụ quân sự bảo vệ Tổ quốc.",
    "Quân khu tổ chức diễn tập khu vực phòng thủ, nâng cao sức mạnh quốc phòng toàn dân.",
    "Hải quân nhân dân tuần tra trên biển, bảo vệ chủ quyền biển đảo của Tổ quốc.",
    "Công an tỉnh ra quân tấn công trấn áp tội phạm, bảo đảm an ninh trật tự dịp Tết.",
    "Bộ Quốc phòng tổng kết công tác quân sự, quốc phòng, xây dựng quân đội tinh, gọn, mạnh.",
    "Lực lượng vũ trang tỉnh diễn tập phòng thủ dân sự, sẵn sàng chiến đấu bảo vệ biên giới.",
    "Cảnh sát biển tuần tra kiểm soát, bảo vệ an ninh và chủ quyền vùng biển.",
]
ASSEMBLY = [
    "Quốc hội thảo luận dự án luật tại kỳ họp, đại biểu Quốc hội chất vấn Bộ trưởng.",
    "Kỳ họp HĐND tỉnh chất vấn Giám đốc Sở, đại biểu biểu quyết thông qua nghị quyết.",
    "Đại biểu Quốc hội tiếp xúc cử tri trước kỳ họp, ghi nhận kiến nghị của cử tri.",
    "Ủy ban Thường vụ Quốc hội cho ý kiến về dự án luật trước khi trình Quốc hội.",
    "Hội đồng bầu cử quốc gia công bố danh sách đại biểu Quốc hội trúng cử.",
    "Quốc hội biểu quyết thông qua luật, đại biểu tán thành chiếm tỷ lệ cao.",
    "HĐND thành phố khai mạc kỳ họp thường lệ, xem xét báo cáo kinh tế - xã hội.",
    "Đoàn đại biểu Quốc hội tỉnh giám sát việc thực hiện chính sách pháp luật.",
]
NOT_POLITICAL = [
    "Đội tuyển bóng đá thắng đậm trong trận giao hữu, tiền đạo ghi hai bàn thắng ở hiệp hai.",
    "Ca sĩ ra mắt album nhạc mới, buổi biểu diễn thu hút đông đảo khán giả trẻ.",
    "Bác sĩ khuyên nên uống đủ nước, ngủ sớm và tập thể dục để tăng cường sức khỏe.",
    "Giá vàng trong nước tăng mạnh, nhà đầu tư chứng khoán chốt lời.",
    "Câu lạc bộ bóng đá chiêu mộ thủ môn mới, huấn luyện viên hài lòng với trận đấu.",
    "Phim điện ảnh mới công chiếu thu hút khán giả, diễn viên chính được khen ngợi.",
    "Món phở bò Hà Nội được du khách nước ngoài yêu thích trong mùa đông.",
    "Tay vợt giành chức vô địch giải quần vợt sau trận chung kết kéo dài ba set.",
]
PARTY_ONCE = "Đại hội Đảng bộ tỉnh thảo luận văn kiện về xây dựng, chỉnh đốn Đảng và kết nạp đảng viên."


def _labelled(texts, topics, political=True):
    return [{"text": t, "topics": list(topics), "is_political": political} for t in texts]


def _analyst_set():
    """Three labels, eight articles each, and eight non-political ones: 32 records."""
    return (_labelled(FOREIGN, ["doi-ngoai"]) + _labelled(DEFENCE, ["quoc-phong-an-ninh"])
            + _labelled(ASSEMBLY, ["quoc-hoi-hdnd-bau-cu"]) + _labelled(NOT_POLITICAL, [], False))


def _train(tmp_path, records, **params):
    metrics = train_topic_component(records, tmp_path / "topics", params={"cv_folds": 3, **params}, seed=0)
    comp = json.loads((tmp_path / "topics" / "component.json").read_text(encoding="utf-8"))
    return TopicClassifier.load(tmp_path / "topics", comp["config"]), comp, metrics


def test_a_few_dozen_articles_and_three_labels_make_a_working_model(tmp_path):
    clf, comp, metrics = _train(tmp_path, _analyst_set())
    assert clf.labels == ["doi-ngoai", "quoc-hoi-hdnd-bau-cu", "quoc-phong-an-ninh"]
    assert metrics["skipped_labels"] == {} and metrics["threshold_fallback"] == []
    assert "topics_cv" in metrics and "political_cv" in metrics
    pred = clf.predict("Chủ tịch nước hội đàm với Tổng thống Hàn Quốc, hai nước thúc đẩy quan hệ hợp tác.")
    assert pred.is_political and pred.topics[0].label == "doi-ngoai"
    assert not clf.predict("Tiền đạo ghi bàn thắng, đội bóng giành chiến thắng trên sân khách.").is_political


def test_a_label_with_one_example_is_left_out_and_said(tmp_path):
    records = _analyst_set() + _labelled([PARTY_ONCE], ["xay-dung-dang"])
    clf, comp, metrics = _train(tmp_path, records)
    assert "xay-dung-dang" not in clf.labels and "xay-dung-dang" not in comp["labels"]
    assert metrics["skipped_labels"] == {"xay-dung-dang": 1}
    assert any("xay-dung-dang (1)" in w for w in metrics["warnings"])
    assert clf.predict(FOREIGN[0]).topics[0].label == "doi-ngoai"


def test_a_label_asked_for_but_never_given_is_left_out(tmp_path):
    labels = ["doi-ngoai", "quoc-phong-an-ninh", "quoc-hoi-hdnd-bau-cu", "sap-xep-bo-may"]
    clf, comp, metrics = _train(tmp_path, _analyst_set(), labels=labels)
    assert clf.labels == labels[:3]
    assert metrics["skipped_labels"] == {"sap-xep-bo-may": 0}


def test_a_single_positive_in_a_cv_fold_falls_back_to_the_default_threshold(tmp_path):
    """min_label_examples=1 keeps the one-example label: some training folds never see it, and CV has
    too few positives to calibrate it, so it keeps its raw score and the default threshold."""
    records = _analyst_set() + _labelled([PARTY_ONCE], ["xay-dung-dang"])
    clf, comp, metrics = _train(tmp_path, records, min_label_examples=1, default_threshold=0.6)
    assert "xay-dung-dang" in clf.labels
    assert metrics["threshold_fallback"] == ["xay-dung-dang"]
    assert comp["config"]["thresholds"]["xay-dung-dang"] == 0.6
    assert any("xay-dung-dang" in w and "threshold 0.6" in w for w in metrics["warnings"])
    assert clf.predict(DEFENCE[1]).topics[0].label == "quoc-phong-an-ninh"


def test_a_label_on_every_article_is_a_constant(tmp_path):
    """Every topic record carries "chinh-tri": nothing to tell apart, so it is always predicted, and said."""
    records = [{**r, "topics": r["topics"] + ["chinh-tri"]} if r["topics"] else r for r in _analyst_set()]
    clf, comp, metrics = _train(tmp_path, records)
    assert "chinh-tri" in clf.labels
    assert any("chinh-tri: every topic record has it" in w for w in metrics["warnings"])
    labels = [t.label for t in clf.predict(ASSEMBLY[0]).topics]
    assert "chinh-tri" in labels and "quoc-hoi-hdnd-bau-cu" in labels


def test_every_article_political_gives_a_constant_political_head(tmp_path):
    records = [r for r in _analyst_set() if r["is_political"]]
    clf, comp, metrics = _train(tmp_path, records)
    assert "political_cv" not in metrics
    assert any(w.startswith("is_political: every labelled record says True") for w in metrics["warnings"])
    pred = clf.predict(FOREIGN[2])
    assert pred.is_political and pred.topics[0].label == "doi-ngoai"


def test_political_labels_only_make_a_model_without_topics(tmp_path):
    records = [{"text": t, "topics": None, "is_political": True} for t in FOREIGN + DEFENCE]
    records += [{"text": t, "topics": None, "is_political": False} for t in NOT_POLITICAL]
    clf, comp, metrics = _train(tmp_path, records)
    assert clf.labels == []
    pred = clf.predict("Bộ trưởng Ngoại giao hội đàm với Đại sứ Nhật Bản về quan hệ song phương.")
    assert pred.is_political and pred.topics == []
    assert clf.predict(NOT_POLITICAL[0]).is_political is False


def test_four_articles_train_without_cross_validation(tmp_path):
    records = _labelled(FOREIGN[:2], ["doi-ngoai"]) + _labelled(DEFENCE[:2], ["quoc-phong-an-ninh"])
    clf, comp, metrics = _train(tmp_path, records, min_label_examples=2)
    assert "topics_cv" not in metrics
    assert set(metrics["threshold_fallback"]) == {"doi-ngoai", "quoc-phong-an-ninh"}
    assert any("too few to cross-validate" in w for w in metrics["warnings"])
    assert clf.predict(FOREIGN[0], top_k=1).topics[0].label == "doi-ngoai"


def test_one_political_and_one_other_article_train_an_uncalibrated_political_head(tmp_path):
    records = _labelled(FOREIGN[:3], ["doi-ngoai"]) + _labelled(NOT_POLITICAL[:1], [], False)
    clf, comp, metrics = _train(tmp_path, records)
    assert any("too few to cross-validate: uncalibrated score" in w for w in metrics["warnings"])
    assert comp["config"]["political_threshold"] == 0.5
    assert clf.predict(FOREIGN[0]).is_political


def test_two_sections_load_and_predict(tmp_path):
    """A binary section head (LinearSVC keeps one column for two classes) still gives both sections."""
    sections = [{"id": f"p{i}", "text": t, "section": "chinh-tri-xa-hoi"} for i, t in enumerate(FOREIGN + ASSEMBLY)]
    sections += [{"id": f"t{i}", "text": t, "section": "the-thao"} for i, t in enumerate(NOT_POLITICAL)]
    train_topic_component(_analyst_set(), tmp_path / "topics", params={"cv_folds": 3}, section_records=sections, seed=0)
    comp = json.loads((tmp_path / "topics" / "component.json").read_text(encoding="utf-8"))
    clf = TopicClassifier.load(tmp_path / "topics", comp["config"])
    assert clf.predict("Đội bóng giành chiến thắng, tiền đạo ghi bàn thắng quyết định.").section.label == "the-thao"
    assert clf.predict(FOREIGN[0]).section.label == "chinh-tri-xa-hoi"


def test_no_labels_at_all_is_an_error_that_says_so(tmp_path):
    with pytest.raises(ValueError, match="no record has topics or is_political"):
        train_topic_component([{"text": FOREIGN[0]}, {"text": DEFENCE[0], "topics": []}], tmp_path / "topics")


def test_whole_article_labels_set_the_thresholds(tmp_path):
    """Records marked ``reference`` (labels read from the whole article) can be where Platt scaling and
    the thresholds are fitted (``calibrate_on="reference"``); the CV figure on them is reported apart."""
    records = _analyst_set()
    for r in records[:5] + records[8:13] + records[16:21]:
        r["reference"] = True
    clf, comp, metrics = _train(tmp_path, records, min_cv_examples=2, calibrate_on="reference")
    assert metrics["topics_cv_reference"]["records"] == 15
    assert metrics["topics_cv_reference"]["calibrated_on"] == "reference"
    assert set(comp["config"]["thresholds"]) == set(clf.labels)


def test_whole_article_labels_replace_the_lead_labels(tmp_path):
    """The project's relabelling file (ids and labels only) overrides the silver lead labels by id."""
    from training.topics import overlay_whole_article_labels, read_whole_article_labels
    path = tmp_path / "topics_whole_article.jsonl"
    path.write_text(
        '{"id": "a1", "is_political": true, "topics": ["doi-ngoai", "kinh-te-xa-hoi"], "annotator": "A"}\n'
        '{"id": "a2", "is_political": false, "topics": [], "annotator": "B"}\n', encoding="utf-8")
    whole = read_whole_article_labels(path)
    silver = [{"id": "a1", "text": FOREIGN[7], "topics": ["doi-ngoai"], "is_political": True},
              {"id": "a2", "text": NOT_POLITICAL[3], "topics": ["kinh-te-xa-hoi"], "is_political": True},
              {"id": "a3", "text": DEFENCE[0], "topics": ["quoc-phong-an-ninh"], "is_political": True}]
    a1, a2, a3 = overlay_whole_article_labels(silver, whole)
    assert a1["topics"] == ["doi-ngoai", "kinh-te-xa-hoi"] and a1["reference"] is True
    assert a2["is_political"] is False and a2["topics"] == []
    assert a3 == silver[2] and "reference" not in a3
    assert read_whole_article_labels(tmp_path / "missing.jsonl") == {}


def _tiny_shared(tmp_path):
    """A ../shared with a taxonomy, a silver file of one article and a vn4src corpus of two."""
    import gzip
    import json
    shared = tmp_path / "shared"
    (shared / "annotation").mkdir(parents=True)
    (shared / "gold").mkdir()
    (shared / "data" / "topic").mkdir(parents=True)
    labels = ["doi-ngoai", "quoc-phong-an-ninh", "kinh-te-xa-hoi"]
    (shared / "annotation" / "taxonomy.json").write_text(json.dumps({"labels": [{"id": x} for x in labels]}),
                                                          encoding="utf-8")
    (shared / "gold" / "topics_silver.jsonl").write_text(json.dumps(
        {"id": "s1", "text": FOREIGN[0], "is_political": True, "topics": ["doi-ngoai"]}) + "\n", encoding="utf-8")
    with gzip.open(shared / "data" / "topic" / "vn4src_2017_2020.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "c1", "text": DEFENCE[1], "label": "CTXH"}, ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": "c2", "text": NOT_POLITICAL[0], "label": "CTXH"}, ensure_ascii=False) + "\n")
    return shared


def test_articles_labelled_outside_the_silver_set_name_their_corpus_and_keep_no_text(tmp_path):
    """Whole-article labels of corpus articles are merged with the ones already there; the project file
    keeps ids and labels, and the training text is read back from the corpus by id."""
    import json
    from training.topics import import_whole_article_labels, read_corpus_texts, read_whole_article_labels
    shared = _tiny_shared(tmp_path)
    out = tmp_path / "topics_whole_article.jsonl"
    out.write_text('{"id": "s1", "is_political": true, "topics": ["doi-ngoai"], "annotator": "D0"}\n', encoding="utf-8")
    new = tmp_path / "labels_0.jsonl"
    new.write_text('{"id": "c1", "is_political": true, "topics": ["quoc-phong-an-ninh", "doi-ngoai"], "annotator": "T0"}\n'
                   '{"id": "c2", "is_political": false, "topics": [], "annotator": "T0"}\n'
                   '{"id": "nowhere", "is_political": false, "topics": [], "annotator": "T0"}\n', encoding="utf-8")
    assert import_whole_article_labels([new], shared, out) == 1          # c1, c2 unknown without the corpus
    assert import_whole_article_labels([new], shared, out, corpus="vn4src_2017_2020") == 3
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["c1", "c2", "s1"]
    assert all("text" not in r for r in rows)
    whole = read_whole_article_labels(out)
    assert whole["c1"] == {"is_political": True, "topics": ["quoc-phong-an-ninh", "doi-ngoai"], "corpus": "vn4src_2017_2020"}
    assert whole["s1"]["corpus"] is None
    assert read_corpus_texts(shared, "vn4src_2017_2020", {"c1"}) == {"c1": DEFENCE[1]}


def test_corpus_articles_with_whole_article_labels_become_reference_records(tmp_path, monkeypatch):
    import training.topics as T
    shared = _tiny_shared(tmp_path)
    labels = tmp_path / "topics_whole_article.jsonl"
    labels.write_text('{"id": "c1", "is_political": true, "topics": ["quoc-phong-an-ninh"], "annotator": "T0", '
                      '"corpus": "vn4src_2017_2020"}\n', encoding="utf-8")
    records = T.political_records(shared, [], whole_labels=labels)
    by_id = {r["id"]: r for r in records}
    assert set(by_id) == {"s1", "c1"}
    assert by_id["c1"]["topics"] == ["quoc-phong-an-ninh"] and by_id["c1"]["reference"] is True
    assert by_id["c1"]["text"] == DEFENCE[1]

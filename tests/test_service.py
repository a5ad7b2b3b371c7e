"""The tag contract over HTTP (TestClient): shapes, offsets, and every error path."""
import time

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings

from helpers import assert_offsets


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as c:
        for _ in range(600):
            if c.get("/readyz").status_code == 200:
                break
            time.sleep(0.1)
        yield c


RESULT_KEYS = {"id", "model", "is_political", "political_score", "topics", "entities", "persons",
               "organizations", "locations", "documents"}


def test_tag_returns_the_contract_with_offsets_into_text(client, example_article):
    r = client.post("/v1/tag", params={"include_text": "true"}, json=example_article)
    assert r.status_code == 200, r.text
    res = r.json()
    assert RESULT_KEYS <= set(res)
    assert res["id"] == example_article["id"]
    assert set(res["model"]) == {"name", "version"}
    assert isinstance(res["political_score"], float)
    assert_offsets(res)


def test_no_entity_comes_from_cms_noise(client, example_article):
    res = client.post("/v1/tag", params={"include_text": "true"}, json=example_article).json()
    text = res["text"]
    for noise in ["ONG CHIEN DT", "DIEU XUAN HUNG", "dv-.jpg", "POWERED BY", "Tuệ An", "Quảng cáo"]:
        a = text.index(noise)
        b = a + len(noise)
        assert not [e for e in res["entities"] if e["start"] < b and a < e["end"]], noise


def test_text_is_returned_only_when_asked(client):
    r = client.post("/v1/tag", json={"text": "Quốc hội khai mạc kỳ họp thứ 8."}).json()
    assert "text" not in r or r["text"] is None


def test_title_sapo_and_body_are_one_text(client):
    r = client.post("/v1/tag", params={"include_text": "true"},
                    json={"title": "Khai mạc kỳ họp", "sapo": "Sáng nay, Quốc hội họp.", "body": "Nội dung."}).json()
    assert r["text"] == "Khai mạc kỳ họp\nSáng nay, Quốc hội họp.\nNội dung."


def test_html_articles_are_reduced_to_text(client):
    r = client.post("/v1/tag", params={"include_text": "true"},
                    json={"body": "<p>Thủ tướng chủ trì <b>phiên họp</b>.</p>", "format": "html"}).json()
    assert r["text"] == "Thủ tướng chủ trì phiên họp."


def test_batch_keeps_order(client):
    arts = [{"id": str(i), "text": f"Bài số {i}: Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ {i}."} for i in range(5)]
    r = client.post("/v1/tag/batch", json=arts)
    assert r.status_code == 200
    assert [x["id"] for x in r.json()] == ["0", "1", "2", "3", "4"]


@pytest.mark.parametrize("payload, field", [
    ({"body": ""}, "body"),
    ({"body": "   \n  "}, "body"),
    ({"title": "Chỉ có tiêu đề"}, "body"),
    ({"body": 42}, "body"),
    ({"body": "Nội dung", "format": "pdf"}, "format"),
    ({"body": "Nội dung", "title": ["a"]}, "title"),
    ([{"body": "x"}], "request body"),
])
def test_bad_input_is_a_422_naming_the_field(client, payload, field):
    r = client.post("/v1/tag", json=payload)
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "invalid_request"
    assert err["message"].startswith(field) or field in err["message"]


def test_non_json_is_rejected_clearly(client):
    r = client.post("/v1/tag", content=b"Nghi quyet 25", headers={"content-type": "text/plain"})
    assert r.status_code == 415 and "JSON" in r.json()["error"]["message"]
    r = client.post("/v1/tag", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "not valid JSON" in r.json()["error"]["message"]


def test_bad_article_in_a_batch_names_its_index(client):
    r = client.post("/v1/tag/batch", json=[{"body": "Hợp lệ."}, {"body": " "}])
    assert r.status_code == 422
    assert r.json()["error"]["message"].startswith("articles[1]")


def test_empty_batch_is_a_422(client):
    assert client.post("/v1/tag/batch", json=[]).status_code == 422


def test_oversized_article_and_batch_are_413(client):
    r = client.post("/v1/tag", json={"body": "a" * 200_001})
    assert r.status_code == 413 and "200000" in r.json()["error"]["message"]
    r = client.post("/v1/tag/batch", json=[{"body": "Tin ngắn."}] * 101)
    assert r.status_code == 413 and "100" in r.json()["error"]["message"]


def test_limits_come_from_settings(monkeypatch):
    monkeypatch.setenv("POLITAG_MAX_CHARS", "50")
    monkeypatch.setenv("POLITAG_MAX_BATCH", "2")
    with TestClient(create_app(Settings.from_env())) as c:
        while c.get("/readyz").status_code != 200:
            time.sleep(0.05)
        assert c.post("/v1/tag", json={"body": "x" * 51}).status_code == 413
        assert c.post("/v1/tag/batch", json=[{"body": "a"}] * 3).status_code == 413


def test_ops_endpoints(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready"
    manifest = client.get("/v1/model").json()
    assert {"version", "labels", "metrics", "training_data"} <= set(manifest)
    client.post("/v1/tag", json={"body": "Thủ tướng làm việc với tỉnh Cà Mau."})
    m = client.get("/metrics").text
    assert 'politag_requests_total{method="POST",path="/v1/tag",status="200"}' in m
    assert "politag_request_duration_seconds_bucket" in m
    assert "politag_articles_tagged_total" in m
    assert client.get("/openapi.json").json()["components"]["schemas"]["ArticleIn"]["examples"]
    assert client.get("/docs").status_code == 200


def test_reload_needs_the_admin_token(client):
    assert client.post("/v1/admin/reload").status_code == 404  # not enabled without a token


def test_reload_with_token(monkeypatch):
    monkeypatch.setenv("POLITAG_ADMIN_TOKEN", "s3cret")
    with TestClient(create_app(Settings.from_env())) as c:
        while c.get("/readyz").status_code != 200:
            time.sleep(0.05)
        assert c.post("/v1/admin/reload", headers={"authorization": "Bearer wrong"}).status_code == 401
        r = c.post("/v1/admin/reload", headers={"authorization": "Bearer s3cret"})
        assert r.status_code == 200 and r.json()["other_workers_reloading"] == 0 and {"name", "version"} <= set(r.json())


def test_a_broken_bundle_keeps_the_service_unready(tmp_path, monkeypatch):
    monkeypatch.setenv("POLITAG_MODEL_PATH", str(tmp_path))
    with TestClient(create_app(Settings.from_env())) as c:
        for _ in range(100):
            r = c.get("/readyz")
            if r.json()["status"] == "failed":
                break
            time.sleep(0.05)
        assert r.status_code == 503 and "manifest" in r.json()["error"]
        r = c.post("/v1/tag", json={"body": "Tin."})
        assert r.status_code == 503 and r.json()["error"]["code"] == "not_ready"


def test_articles_are_tagged_one_at_a_time_per_worker_while_health_checks_still_answer(client, monkeypatch):
    # the engine holds the GIL: a worker tags one article at a time and the others wait their turn
    import threading
    tagger = client.app.state.holder.tagger
    real_tag, inside, most, release = tagger.tag, [0], [0], threading.Event()
    guard = threading.Lock()

    def slow_tag(*args, **kwargs):
        with guard:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        release.wait(10)
        try:
            return real_tag(*args, **kwargs)
        finally:
            with guard:
                inside[0] -= 1

    monkeypatch.setattr(tagger, "tag", slow_tag)
    codes = []
    sends = [threading.Thread(target=lambda: codes.append(client.post(
        "/v1/tag", json={"text": "Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản."}).status_code)) for _ in range(5)]
    for t in sends:
        t.start()
    deadline = time.time() + 10
    while inside[0] == 0 and time.time() < deadline:
        time.sleep(0.01)
    assert client.get("/readyz").status_code == 200      # not queued behind the articles
    release.set()
    for t in sends:
        t.join(30)
    assert codes == [200] * 5 and most[0] == 1


def test_engine_threads_must_be_positive(monkeypatch):
    monkeypatch.setenv("POLITAG_ENGINE_THREADS", "0")
    with pytest.raises(SystemExit, match="POLITAG_ENGINE_THREADS must be at least 1"):
        Settings.from_env()

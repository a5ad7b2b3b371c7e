"""Label -> train -> report -> promote -> the running service answers with the new model.

Tiny fixtures (tests/fixtures/analysts/, one per format) and tiny training parameters keep this fast;
nothing here needs ../shared.
"""
import json
import os
import signal
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers import running_service

from service.cli import main as politag
from tagger import Tagger
from tagger.bundle import Bundle

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "analysts"
TOKEN = "bi-mat-cua-ban-bien-tap"
ARTICLE = {"id": "bao-dak-nong-1", "title": "Đắk Nông: Ban Dân vận Tỉnh ủy làm việc với UBND tỉnh",
           "body": "Chiều 10/6, đồng chí Lê Văn Chiến, Phó Chủ tịch Thường trực UBND tỉnh Đắk Nông, làm việc với "
                   "Ban Dân vận Tỉnh ủy về công tác dân vận chính quyền năm 2024."}

FORMATS = {  # fixture -> components trained from it
    "spans.jsonl": {"entities", "topics"},
    "gold.jsonl": {"entities", "topics"},
    "ner.conll": {"entities"},
    "doccano_seq.jsonl": {"entities"},
    "doccano_entities.jsonl": {"entities"},
    "doccano_class.jsonl": {"topics"},
    "labelstudio.json": {"entities", "topics"},
    "labelstudio_min.json": {"entities", "topics"},
}


def recipe(tmp_path: Path, iterations: int = 30) -> Path:
    p = tmp_path / f"recipe-{iterations}.toml"
    p.write_text(f'name = "politag-bien-tap"\nseed = 0\n'
                 f'[components.entities]\nparams = {{ max_iterations = {iterations}, min_feature_count = 1 }}\n',
                 encoding="utf-8")
    return p


@pytest.fixture
def registry(tmp_path, monkeypatch):
    reg = tmp_path / "models"
    monkeypatch.setenv("POLITAG_REGISTRY", str(reg))
    monkeypatch.setenv("POLITAG_ADMIN_TOKEN", TOKEN)
    monkeypatch.delenv("POLITAG_MODEL_PATH", raising=False)
    # promote compares with the shipped bundle while nothing is promoted: keep these tests independent of it
    monkeypatch.setattr("training.registry.DEFAULT_BUNDLE", tmp_path / "no-shipped-bundle")
    return reg


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_train_a_small_model_from_each_format(name, tmp_path, registry, capsys):
    out = tmp_path / "bundle"
    assert politag(["train", "--data", str(FIX / name), "--recipe", str(recipe(tmp_path)), "--out", str(out),
                    "--version", "1"]) == 0
    said = capsys.readouterr()
    assert "used" in said.err and f"built politag-bien-tap 1 in {out}" in said.out
    bundle = Bundle.open(out)                     # sealed: every file hashed
    assert set(bundle.manifest["trained"]) == FORMATS[name]
    sha = {td["sha256"] for td in bundle.manifest["training_data"] if td["name"] == name}
    assert len(sha) == 1 and len(sha.pop()) == 64  # the data fingerprint
    result = Tagger.load(out).tag(ARTICLE)
    assert result.model == {"name": "politag-bien-tap", "version": "1"}


def http(method: str, url: str, payload=None, token: str | None = None, timeout: float = 60):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    data = json.dumps(payload, ensure_ascii=False).encode() if payload is not None else None
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def served_version(base: str) -> str:
    status, manifest = http("GET", base + "/v1/model")
    assert status == 200
    return manifest["version"]


def wait_for_version(base: str, version: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while served_version(base) != version:
        assert time.time() < deadline, f"the service still serves {served_version(base)}, not {version}"
        time.sleep(0.2)


def test_label_train_report_promote_reload_under_load(tmp_path, registry, capsys):
    # 1. a first model from the analysts' CoNLL file, put live
    v1 = tmp_path / "v1"
    assert politag(["train", "--data", str(FIX / "ner.conll"), "--recipe", str(recipe(tmp_path, 2)),
                    "--out", str(v1), "--version", "v1"]) == 0
    assert politag(["promote", str(v1)]) == 0
    assert os.readlink(registry / "current") == "politag-bien-tap/v1"

    # 2. a better one from Doccano exports, evaluated beside v1 on held-out span data
    v2 = tmp_path / "v2"
    assert politag(["train", "--data", str(FIX / "doccano_seq.jsonl"), str(FIX / "doccano_entities.jsonl"),
                    "--recipe", str(recipe(tmp_path, 30)), "--out", str(v2), "--version", "v2"]) == 0
    report_dir = tmp_path / "report"
    capsys.readouterr()
    assert politag(["evaluate", "--model", str(v2), "--data", str(FIX / "spans.jsonl"),
                    "--report", str(report_dir)]) == 0
    printed = capsys.readouterr().out
    assert "entities (exact spans)" in printed and "current F1" in printed
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    new, old = report["model"], report["current"]
    assert old["model"]["version"] == "v1"                                   # the current model, same data
    assert set(new["entities"]["per_label"]) == {"PERSON", "ORGANIZATION", "LOCATION", "TITLE"}
    assert new["entities"]["per_label"]["PERSON"]["support"] == 5
    assert new["headline"]["entities.f1"] > old["headline"]["entities.f1"]
    assert "Entities (exact spans)" in (report_dir / "index.html").read_text(encoding="utf-8")
    try:
        import matplotlib  # noqa: F401
        assert (report_dir / "confusion.png").stat().st_size > 1000
    except ImportError:
        pass
    evaluations = Bundle.open(v2).manifest["metrics"]["evaluations"]      # re-sealed: still verifies
    assert [e["baseline"]["version"] for e in evaluations.values()] == ["v1"]

    with running_service() as (base, proc):
        assert served_version(base) == "v1"

        # 3. promote v2 and reload while requests are in flight: none may fail
        results, stop = [], threading.Event()

        def client():  # bounded: at most 300 requests each, until a few have been served after the swap
            for _ in range(300):
                status, body = http("POST", base + "/v1/tag", ARTICLE)
                results.append((status, body.get("model", {}).get("version")))
                if stop.is_set():
                    break

        threads = [threading.Thread(target=client) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(0.3)
        capsys.readouterr()
        assert politag(["promote", str(v2), "--reload-url", base]) == 0
        said = capsys.readouterr().out
        assert "entities.f1" in said and "promoted politag-bien-tap v2" in said
        assert "now serves politag-bien-tap v2" in said
        time.sleep(0.3)
        stop.set()
        for t in threads:
            t.join(timeout=120)
        assert results and all(status == 200 for status, _ in results), results
        assert {v for _, v in results} == {"v1", "v2"}          # the requests spanned the swap
        assert results[-1][1] == "v2"
        assert served_version(base) == "v2"
        assert http("POST", base + "/v1/tag", ARTICLE)[1]["model"]["version"] == "v2"

        # the reload endpoint wants the token
        assert http("POST", base + "/v1/admin/reload", token="sai")[0] == 401

        # 4. roll back to v1 (worse: refused, then forced) and tell the service with SIGHUP
        assert politag(["promote", str(registry / "politag-bien-tap" / "v1")]) == 1
        assert "refused" in capsys.readouterr().out
        assert politag(["promote", str(registry / "politag-bien-tap" / "v1"), "--force"]) == 0
        os.kill(proc.pid, signal.SIGHUP)
        wait_for_version(base, "v1")


def test_suggest_exports_the_least_certain_articles_as_label_studio_tasks(tmp_path, registry, capsys):
    model = tmp_path / "m"
    assert politag(["train", "--data", str(FIX / "labelstudio.json"), "--recipe", str(recipe(tmp_path, 20)),
                    "--out", str(model), "--version", "s1"]) == 0
    articles = tmp_path / "articles.jsonl"
    lines = [json.loads(x) for x in (FIX / "spans.jsonl").read_text(encoding="utf-8").splitlines()]
    articles.write_text("".join(json.dumps({"id": d["id"], "body": d["text"]}, ensure_ascii=False) + "\n"
                                for d in lines) + '{"id": "rong", "body": ""}\n', encoding="utf-8")
    out = tmp_path / "tasks.json"
    assert politag(["suggest", "--data", str(articles), "-n", "3", "-o", str(out), "--model", str(model)]) == 0
    assert "articles.jsonl:9: skipped: body: is empty" in capsys.readouterr().err
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert len(tasks) == 3
    scores = [t["predictions"][0]["score"] for t in tasks]
    assert scores == sorted(scores)                                   # least certain first
    for t in tasks:
        pred = t["predictions"][0]
        assert pred["model_version"] == "politag-bien-tap s1"
        for r in pred["result"]:
            assert r["to_name"] == "text"
            if r["type"] == "labels":
                v = r["value"]
                assert t["data"]["text"][v["start"]:v["end"]] == v["text"]
                assert v["labels"][0] in {"PERSON", "ORGANIZATION", "LOCATION", "TITLE"}
            else:
                assert r["type"] == "choices" and r["from_name"] == "topics"


def test_the_builtin_gold_scorer_follows_score_gold():
    from training.report import builtin_score_gold, load_score_gold
    gold = [json.loads(x) for x in (FIX / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    pred = {
        "g1": {"is_political": True, "topics": [{"label": "dan-van-mat-tran-doan-the", "score": 0.9}],
               "persons": [{"name": "Lê Văn Chiến", "positions": [{"role": "Phó Chủ tịch Thường trực"}]}],
               "organizations": [{"name": "Ủy ban nhân dân tỉnh Đắk Nông"}], "locations": [{"name": "Đắk Nông"}]},
        "g2": {"is_political": True, "topics": [{"label": "doi-ngoai", "score": 0.8}, {"label": "xay-dung-dang", "score": 0.6}],
               "persons": [{"name": "Phạm Minh Chính", "positions": [{"role": "Thủ tướng"}]}],
               "organizations": [], "locations": [{"name": "Nhật Bản"}, {"name": "Hà Nội"}]},
        "g4": {"is_political": True, "topics": [], "persons": [], "organizations": [], "locations": []},
    }
    res = builtin_score_gold(gold, pred)
    assert res["persons"]["f1"] == round(2 * 1.0 * 0.5 / 1.5, 4)            # 2 of 4 persons, no false one
    assert res["organizations"]["tp"] == 1                                   # UBND written out matches
    assert res["topics"]["tp"] == 2 and res["topics"]["fp"] == 1
    assert res["is_political_accuracy"] == 0.6                               # g1, g2 and the missing g5
    shared = ROOT.parent / "shared"
    score = load_score_gold(shared)
    if score is None:
        pytest.skip("../shared/tools/score_gold.py is not here: the built-in scorer was checked alone")
    ref = score(gold, pred)
    for field in ("persons", "person_roles", "organizations", "locations", "topics"):
        assert res[field] == ref[field], field
    assert res["is_political_accuracy"] == ref["is_political_accuracy"]


def test_holdout_is_kept_out_of_training_and_evaluated_by_default(tmp_path, registry, capsys):
    out = tmp_path / "b"
    assert politag(["train", "--data", str(FIX / "spans.jsonl"), "--holdout", "0.4", "--recipe",
                    str(recipe(tmp_path, 10)), "--out", str(out), "--version", "h1"]) == 0
    held = [json.loads(x) for x in (out / "heldout.jsonl").read_text(encoding="utf-8").splitlines()]
    manifest = Bundle.open(out).manifest
    assert 0 < len(held) < 8 and manifest["data_report"]["heldout"] == len(held)
    assert manifest["training_data"][0]["records"] == 8 - len(held)           # trained on the rest only
    capsys.readouterr()
    assert politag(["evaluate", "--model", str(out), "--report", str(tmp_path / "r"), "--no-baseline"]) == 0
    report = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    assert report["data"]["used"] == len(held) and report["current"] is None


def test_a_bundle_from_one_kind_of_data_keeps_the_other_component_of_the_current_bundle(tmp_path, registry, capsys):
    both = tmp_path / "both"
    assert politag(["train", "--data", str(FIX / "labelstudio.json"), "--recipe", str(recipe(tmp_path, 5)),
                    "--out", str(both), "--version", "c1"]) == 0
    assert politag(["promote", str(both)]) == 0
    spans_only = tmp_path / "spans-only"
    assert politag(["train", "--data", str(FIX / "ner.conll"), "--recipe", str(recipe(tmp_path, 5)),
                    "--out", str(spans_only), "--version", "c2"]) == 0
    assert "kept from the current bundle: topics" in capsys.readouterr().out
    manifest = Bundle.open(spans_only).manifest
    assert manifest["trained"] == ["entities"]
    assert manifest["copied_from"]["version"] == "c1" and manifest["copied_from"]["components"] == ["topics"]
    current = Bundle.open(registry / "current").manifest
    topic_files = {k: v for k, v in current["files"].items() if k.startswith("topics/")}
    assert topic_files and all(manifest["files"][k] == v for k, v in topic_files.items())   # byte for byte
    assert manifest["files"]["entities/model.crfsuite"] != current["files"]["entities/model.crfsuite"]


def test_a_retrain_keeps_the_word_clusters_of_the_current_bundle(tmp_path, registry):
    # the shipped entity features read clusters.tsv.gz beside the model; an analysts' retrain must keep it
    from tagger.bundle import seal
    from tagger.features import CLUSTER_FILE, WordClusters
    first = tmp_path / "first"
    assert politag(["train", "--data", str(FIX / "ner.conll"), "--recipe", str(recipe(tmp_path, 5)),
                    "--out", str(first), "--version", "k1"]) == 0
    WordClusters([4], {"hà": ((1,), 0.9), "nội": ((1,), 0.9)}, {"hà nội": (1,)}).write(first / "entities" / CLUSTER_FILE)
    seal(first)
    assert politag(["promote", str(first)]) == 0
    second = tmp_path / "second"
    assert politag(["train", "--data", str(FIX / "ner.conll"), "--recipe", str(recipe(tmp_path, 5)),
                    "--out", str(second), "--version", "k2"]) == 0
    files = Bundle.open(second).manifest["files"]
    key = f"entities/{CLUSTER_FILE}"
    assert files[key] == Bundle.open(first).manifest["files"][key]


def test_reload_reaches_every_worker_of_a_multi_worker_service(tmp_path, registry):
    for version, iterations in (("w1", 2), ("w2", 3)):
        assert politag(["train", "--data", str(FIX / "ner.conll"), "--recipe", str(recipe(tmp_path, iterations)),
                        "--out", str(tmp_path / version), "--version", version]) == 0
    assert politag(["promote", str(tmp_path / "w1")]) == 0

    with running_service(workers=2) as (base, proc):
        deadline = time.time() + 90
        pids = set()
        while len(pids) < 2:  # both workers up (the kernel spreads connections over them)
            assert time.time() < deadline, f"two workers did not answer (saw {pids})"
            status, ready = http("GET", base + "/readyz")
            if status == 200:
                assert ready["model"]["version"] == "w1"
                pids.add(ready["worker_pid"])

        results, stop = [], threading.Event()

        def client():  # until told to stop (bounded in time, not in requests: the machine may be slow)
            give_up = time.time() + 240
            while not stop.is_set() and time.time() < give_up:
                try:
                    status, body = http("POST", base + "/v1/tag", ARTICLE)
                except OSError as e:  # a reset connection is a failed request too
                    status, body = repr(e), {}
                results.append((status, body.get("model", {}).get("version")))

        threads = [threading.Thread(target=client) for _ in range(3)]
        for t in threads:
            t.start()
        while len(results) < 3:  # some requests answered on w1 first
            time.sleep(0.05)
        # the request reaches one worker, which tells the other: every worker ends up on w2
        assert politag(["promote", str(tmp_path / "w2"), "--force", "--reload-url", base]) == 0
        deadline = time.time() + 90
        on_w2 = set()
        while on_w2 != pids:
            assert time.time() < deadline, f"only workers {on_w2} of {pids} serve w2"
            status, ready = http("GET", base + "/readyz")
            if status == 200 and ready["model"]["version"] == "w2":
                on_w2.add(ready["worker_pid"])
        n_swapped = len(results)
        while len(results) < n_swapped + 6:  # and some after every worker swapped
            time.sleep(0.05)
        stop.set()
        for t in threads:
            t.join(timeout=120)
        assert results and all(status == 200 for status, _ in results), [r for r in results if r[0] != 200][:5]
        assert {v for _, v in results} == {"w1", "w2"}, results
        assert [v for _, v in results[-3:]] == ["w2"] * 3, results[-10:]

        # /metrics adds up the workers, whichever of them answers the scrape
        with urllib.request.urlopen(base + "/metrics", timeout=30) as r:
            exposition = r.read().decode()
        tagged = sum(float(line.split()[-1]) for line in exposition.splitlines()
                     if line.startswith("politag_articles_tagged_total"))
        assert tagged >= len(results)
        serving = [line for line in exposition.splitlines()
                   if line.startswith("politag_model_info{") and line.endswith(" 1.0")]
        assert len(serving) == 2 and all('version="w2"' in line for line in serving), serving

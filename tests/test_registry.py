"""Versioned bundles and promotion: a worse bundle is refused, a forced or better one swaps `current`."""
import json
import os
from pathlib import Path

import pytest

from tagger.bundle import default_bundle_path, seal
from training.registry import (CURRENT, Comparison, RegistryError, bundle_digest, compare, list_bundles, promote,
                               set_current)


def make_bundle(root: Path, version: str, weights: str = "w1", cv_f1: float = 0.80, name: str = "politag-tin-tuc") -> Path:
    """A sealed bundle with one entity component (a stand-in model file)."""
    b = root / f"{name}-{version}"
    (b / "entities").mkdir(parents=True)
    (b / "entities" / "model.crfsuite").write_text(weights, encoding="utf-8")
    (b / "entities" / "component.json").write_text(json.dumps({
        "module": "tagger.entities", "class": "EntityRecognizer", "config": {}, "labels": ["PERSON"],
        "metrics": {"f1": cv_f1}, "training_data": [{"name": "nhan-bien-tap.json", "sha256": "ab" * 32}]}),
        encoding="utf-8")
    seal(b, name=name, version=version, trained=["entities"])
    return b


def add_evaluation(bundle: Path, f1: float, baseline: Path | None = None, base_f1: float | None = None) -> None:
    """What `politag evaluate` records: headline numbers on a data file, the current bundle's beside them."""
    man = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    base = None
    if baseline is not None:
        bman = json.loads((baseline / "manifest.json").read_text(encoding="utf-8"))
        base = {"name": bman["name"], "version": bman["version"], "digest": bundle_digest(bman),
                "headline": {"entities.f1": base_f1}}
    evals = {"abc123": {"at": "2026-11-24T10:00:00+00:00", "data": {"path": "kiem-tra.jsonl"},
                        "headline": {"entities.f1": f1}, "baseline": base}}
    seal(bundle, metrics={"evaluations": evals}, created=man["created"])


@pytest.fixture
def registry(tmp_path, monkeypatch):
    reg = tmp_path / "models"
    monkeypatch.setenv("POLITAG_REGISTRY", str(reg))
    monkeypatch.delenv("POLITAG_MODEL_PATH", raising=False)
    monkeypatch.setattr("training.registry.DEFAULT_BUNDLE", tmp_path / "no-shipped-bundle")
    return reg


def test_first_promotion_installs_the_bundle_and_points_current_at_it(tmp_path, registry):
    b1 = make_bundle(tmp_path, "2026.06.10")
    res = promote(b1)
    assert res.promoted and res.comparison is None
    dest = registry / "politag-tin-tuc" / "2026.06.10"
    assert res.path == dest.resolve() and (dest / "entities" / "model.crfsuite").is_file()
    link = registry / CURRENT
    assert link.is_symlink() and os.readlink(link) == "politag-tin-tuc/2026.06.10"   # relative: the dir can move
    assert default_bundle_path() == dest.resolve()
    log = [json.loads(x) for x in (registry / "promotions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert log[0]["version"] == "2026.06.10" and log[0]["from"] is None
    assert list_bundles(registry) == [{"name": "politag-tin-tuc", "version": "2026.06.10", "path": str(dest),
                                       "current": True}]
    assert "already current" in promote(dest).message


def test_a_worse_bundle_is_refused_unless_forced(tmp_path, registry):
    b1 = make_bundle(tmp_path, "v1")
    promote(b1)
    cur = registry / "politag-tin-tuc" / "v1"
    b2 = make_bundle(tmp_path, "v2", weights="w2")
    add_evaluation(b2, f1=0.70, baseline=cur, base_f1=0.80)   # 0.10 worse on the same held-out data
    res = promote(b2)
    assert not res.promoted
    assert "refused" in res.message and "entities.f1 0.8000 -> 0.7000" in res.message and "--force" in res.message
    assert "WORSE" in res.comparison.table()
    assert os.readlink(registry / CURRENT) == "politag-tin-tuc/v1"
    res = promote(b2, force=True)
    assert res.promoted and "forced" in res.message
    assert os.readlink(registry / CURRENT) == "politag-tin-tuc/v2"


def test_within_tolerance_is_promoted(tmp_path, registry):
    promote(make_bundle(tmp_path, "v1"))
    b2 = make_bundle(tmp_path, "v2", weights="w2")
    add_evaluation(b2, f1=0.795, baseline=registry / "politag-tin-tuc" / "v1", base_f1=0.80)
    assert promote(b2, tolerance=0.01).promoted
    b3 = make_bundle(tmp_path, "v3", weights="w3")
    add_evaluation(b3, f1=0.79, baseline=registry / "politag-tin-tuc" / "v2", base_f1=0.795)
    assert not promote(b3, tolerance=0.001).promoted


def test_without_a_shared_evaluation_the_training_metrics_are_compared_and_said_so(tmp_path, registry):
    promote(make_bundle(tmp_path, "v1", cv_f1=0.80))
    b2 = make_bundle(tmp_path, "v2", weights="w2", cv_f1=0.60)
    cand = json.loads((b2 / "manifest.json").read_text(encoding="utf-8"))
    cur = json.loads((registry / CURRENT / "manifest.json").read_text(encoding="utf-8"))
    comp = compare(cand, cur)
    assert comp.rows == [("entities.f1 (training CV)", 0.80, 0.60)]
    assert "NOT the same data" in comp.basis
    assert not promote(b2).promoted


def test_a_modified_model_file_is_refused(tmp_path, registry):
    b = make_bundle(tmp_path, "v1")
    (b / "entities" / "model.crfsuite").write_text("tampered", encoding="utf-8")
    with pytest.raises(RegistryError, match="sha256 mismatch"):
        promote(b)
    assert not (registry / CURRENT).exists()


def test_a_version_already_taken_by_other_files_is_refused(tmp_path, registry):
    promote(make_bundle(tmp_path / "a", "v1"))
    with pytest.raises(RegistryError, match="already holds another bundle"):
        promote(make_bundle(tmp_path / "b", "v1", weights="other"), force=True)


def test_set_current_replaces_the_link_atomically(tmp_path):
    reg = tmp_path / "reg"
    for v in ("v1", "v2"):
        (reg / "x" / v).mkdir(parents=True)
    set_current(reg, reg / "x" / "v1")
    set_current(reg, reg / "x" / "v2")
    assert os.readlink(reg / CURRENT) == "x/v2"
    assert [p.name for p in reg.iterdir() if p.name.startswith(".")] == []     # no temporary link left behind


def test_comparison_table_reads_well():
    c = Comparison("kiem-tra.jsonl", [("entities.f1", 0.8, 0.7), ("topics.micro_f1", 0.6, 0.65)], 0.01)
    assert [m for m, *_ in c.worse] == ["entities.f1"]
    assert "+0.0500" in c.table() and "-0.1000  WORSE" in c.table()


def test_without_a_promoted_bundle_the_shipped_one_is_the_current_one(tmp_path, registry, monkeypatch):
    shipped = make_bundle(tmp_path / "shipped", "0.1.0", name="politag-default")
    monkeypatch.setattr("training.registry.DEFAULT_BUNDLE", shipped)
    b1 = make_bundle(tmp_path, "v1", weights="w2")
    add_evaluation(b1, f1=0.50, baseline=shipped, base_f1=0.80)   # evaluated beside the shipped bundle
    res = promote(b1)
    assert not res.promoted and res.previous == shipped.resolve() and "politag-default 0.1.0" in res.message
    assert not (registry / CURRENT).exists()

"""Bundles: the manifest lists every file's sha256, and a modified file is never loaded."""
import json
import shutil

import pytest

from tagger import Tagger
from tagger.bundle import DEFAULT_BUNDLE, Bundle, BundleError, seal


@pytest.fixture
def bundle_copy(tmp_path):
    dst = tmp_path / "bundle"
    shutil.copytree(DEFAULT_BUNDLE, dst)
    return dst


def test_shipped_bundle_verifies_and_carries_a_manifest():
    b = Bundle.open(DEFAULT_BUNDLE)
    for key in ("name", "version", "components", "metrics", "training_data", "files"):
        assert key in b.manifest
    for rel, digest in b.manifest["files"].items():
        assert len(digest) == 64


def test_shipped_models_stay_small():
    total = sum(p.stat().st_size for p in DEFAULT_BUNDLE.parent.rglob("*") if p.is_file())
    assert total < 60 * 1024 * 1024


def test_a_modified_file_is_refused(bundle_copy):
    comp = bundle_copy / "extra"
    comp.mkdir()
    (comp / "component.json").write_text(json.dumps({"module": "tagger.none", "class": "X"}))
    (comp / "weights.bin").write_bytes(b"\x00" * 16)
    seal(bundle_copy)
    Bundle.open(bundle_copy)  # sealed: verifies
    (comp / "weights.bin").write_bytes(b"\x01" * 16)
    with pytest.raises(BundleError, match="sha256 mismatch"):
        Bundle.open(bundle_copy)


def test_an_unlisted_file_in_a_component_is_refused(bundle_copy):
    comp = bundle_copy / "extra"
    comp.mkdir()
    (comp / "component.json").write_text(json.dumps({"module": "tagger.none", "class": "X"}))
    seal(bundle_copy)
    (comp / "smuggled.pkl").write_bytes(b"payload")
    with pytest.raises(BundleError, match="not in its manifest"):
        Bundle.open(bundle_copy)


def test_a_missing_manifest_is_a_clear_error(tmp_path):
    with pytest.raises(BundleError, match="no manifest.json"):
        Tagger.load(tmp_path)


def test_a_component_outside_the_engine_is_refused(bundle_copy):
    comp = bundle_copy / "evil"
    comp.mkdir()
    (comp / "component.json").write_text(json.dumps({"module": "os", "class": "system"}))
    seal(bundle_copy)
    with pytest.raises(BundleError, match="not part of the engine"):
        Tagger.load(bundle_copy)

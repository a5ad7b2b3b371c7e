"""Rebuilding a bundle from the recipe's build commands: the builders run side by side, their output is
kept (prefixed with the component), and a failing builder leaves nothing half-built behind."""
from pathlib import Path

import pytest

from tagger.bundle import Bundle
from training.build import BuildError, build_bundle
from training.recipe import load_recipe

# a stand-in builder: waits for its sibling's start marker (so it only finishes when both ran at once),
# then writes a component; exit code from argv
BUILDER = """
import json, pathlib, sys, time
out, comp, sibling, code = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
markers = pathlib.Path(sys.argv[5])
out.mkdir(parents=True, exist_ok=True)
(markers / f"{comp}.started").touch()
deadline = time.time() + 30
while not (markers / f"{sibling}.started").exists() and time.time() < deadline:
    time.sleep(0.05)
print(f"{comp}: Bộ Chính trị đã họp, sibling seen: {(markers / f'{sibling}.started').exists()}")
if code:
    sys.exit(code)
(out / "component.json").write_text(json.dumps({"module": f"tagger.{comp}", "class": "X", "config": {},
                                                "labels": [], "metrics": {"built": comp}}))
"""


def recipe(tmp_path: Path, topic_exit: int = 0) -> Path:
    script = tmp_path / "builder.py"
    script.write_text(BUILDER, encoding="utf-8")
    markers = tmp_path / "markers"
    markers.mkdir(exist_ok=True)
    p = tmp_path / "recipe.toml"
    p.write_text(f'''name = "thu-nghiem"
seed = 0
[components.entities]
build = ["{{python}}", "{script}", "{{out}}", "entities", "topics", "0", "{markers}"]
[components.topics]
build = ["{{python}}", "{script}", "{{out}}", "topics", "entities", "{topic_exit}", "{markers}"]
''', encoding="utf-8")
    return p


def test_builders_run_side_by_side_and_their_output_is_kept(tmp_path):
    said = []
    out = tmp_path / "bundle"
    result = build_bundle(load_recipe(recipe(tmp_path)), out, version="1", log=said.append)
    assert result.trained == ["entities", "topics"]
    assert result.metrics == {"entities": {"built": "entities"}, "topics": {"built": "topics"}}
    # each saw the other one started: they ran at the same time
    assert "[entities] entities: Bộ Chính trị đã họp, sibling seen: True" in said
    assert "[topics] topics: Bộ Chính trị đã họp, sibling seen: True" in said
    assert Bundle.open(out).manifest["version"] == "1"          # sealed, every file hashed


def test_a_failing_builder_stops_the_build_and_leaves_no_bundle(tmp_path):
    out = tmp_path / "bundle"
    with pytest.raises(BuildError, match="the topics builder failed with exit code 3"):
        build_bundle(load_recipe(recipe(tmp_path, topic_exit=3)), out, version="1", log=lambda _: None)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".bundle")] == []

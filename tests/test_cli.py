"""The politag CLI: JSONL in, JSONL out, bad lines reported by number and skipped, order kept."""
import json
import subprocess
import sys


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "service.cli", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


def write_lines(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def test_tag_writes_one_result_per_good_line_in_order(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    good = [{"id": f"a{i}", "text": f"Ngày {i}/5, Thủ tướng chủ trì phiên họp Chính phủ thường kỳ."} for i in range(1, 7)]
    lines = [json.dumps(g, ensure_ascii=False) for g in good[:3]]
    lines += ["{not json", json.dumps({"id": "empty", "text": "  "}), json.dumps({"id": "typed", "text": 7})]
    lines += [json.dumps(g, ensure_ascii=False) for g in good[3:]]
    write_lines(src, lines)
    for jobs in ("1", "2"):
        proc = run_cli("tag", str(src), "-o", str(dst), "-j", jobs)
        assert proc.returncode == 0, proc.stderr
        out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in out] == [g["id"] for g in good]
        assert f"{src}:4: skipped: not valid JSON" in proc.stderr
        assert f"{src}:5: skipped: body: is empty" in proc.stderr
        assert f"{src}:6: skipped: body: must be a string" in proc.stderr
        assert "tagged 6 articles, skipped 3 bad lines" in proc.stderr


def test_tag_output_is_scorable_by_the_gold_scorer_format(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_lines(src, [json.dumps({"id": "x", "text": "Bộ Chính trị ban hành Kết luận số 43-KL/TW."}, ensure_ascii=False)])
    assert run_cli("tag", str(src), "-o", str(dst)).returncode == 0
    res = json.loads(dst.read_text(encoding="utf-8"))
    # the fields score_gold.py reads
    assert {"id", "is_political", "topics", "persons", "organizations", "locations", "documents"} <= set(res)

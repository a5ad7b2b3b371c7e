"""``politag archive`` on a real (local, 2-process) Dask cluster: one output shard per input shard,
results in input order, bad lines reported and skipped, one tagger per worker process."""
import gzip
import json

import pytest

distributed = pytest.importorskip("distributed", reason="the 'distributed' extra (dask[distributed]) is not installed")

from service import archive  # noqa: E402
from service.cli import main as cli_main  # noqa: E402

SHARD_A = [
    {"id": "a1", "title": "Thủ tướng chủ trì phiên họp Chính phủ thường kỳ",
     "body": "Sáng 3/6, Thủ tướng Phạm Minh Chính chủ trì phiên họp Chính phủ thường kỳ tháng 5 tại Hà Nội."},
    {"id": "a2", "body": "Bộ Chính trị ban hành Kết luận số 43-KL/TW về tiếp tục thực hiện Nghị quyết số 25-NQ/TW."},
    "{not json",
    {"id": "a3-empty", "body": "   "},
    {"id": "a4", "body": "Chủ tịch Quốc hội Trần Thanh Mẫn tiếp Đại sứ Nhật Bản tại Việt Nam."},
]
SHARD_B = [
    {"id": "b1", "body": "UBND tỉnh Đắk Nông tổ chức hội nghị tổng kết công tác dân vận năm 2023."},
    {"id": "b2", "text": "Đồng chí Lê Văn Chiến, Phó Chủ tịch Thường trực UBND tỉnh, phát biểu chỉ đạo hội nghị."},
]


def write_shard(path, records):
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    data = "".join(line + "\n" for line in lines)
    if path.suffix == ".gz":
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(data)
    else:
        path.write_text(data, encoding="utf-8")


def read_ids(path):
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def cluster():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, memory_limit="1GiB")
    client = distributed.Client(cluster)
    yield cluster, client
    client.close()
    cluster.close()


@pytest.fixture
def shards(tmp_path):
    src = tmp_path / "archive"
    src.mkdir()
    write_shard(src / "2024-06-part-000.jsonl", SHARD_A)
    write_shard(src / "2024-06-part-001.jsonl.gz", SHARD_B)
    write_shard(src / "2024-06-part-002.jsonl", [])  # an empty shard gives an empty output shard
    return src


def test_archive_tags_each_shard_in_order_and_skips_bad_lines(cluster, shards, tmp_path):
    _, client = cluster
    out = tmp_path / "tagged"
    messages = []
    report = archive.run_archive(client, archive.expand_inputs([str(shards / "*.jsonl*")]), out, log=messages.append)

    assert read_ids(out / "2024-06-part-000.jsonl") == ["a1", "a2", "a4"]
    assert read_ids(out / "2024-06-part-001.jsonl") == ["b1", "b2"]
    assert (out / "2024-06-part-002.jsonl").read_text() == ""
    assert report["shards"] == 3 and report["shards_failed"] == 0
    assert (report["articles"], report["bad_lines"]) == (5, 2)
    assert any(m.endswith("2024-06-part-000.jsonl:3: skipped: not valid JSON: Expecting property name "
                          "enclosed in double quotes at column 2") for m in messages)
    assert any("2024-06-part-000.jsonl:4: skipped: body: is empty" in m for m in messages)
    assert json.loads((out / "_archive_report.json").read_text())["articles"] == 5

    result = json.loads((out / "2024-06-part-000.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert {"id", "model", "is_political", "topics", "entities", "persons", "documents"} <= set(result)
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def test_one_long_lived_tagger_per_worker_process(cluster, shards, tmp_path):
    _, client = cluster
    inputs = archive.expand_inputs([str(shards / "*")])
    archive.run_archive(client, inputs, tmp_path / "first", log=lambda m: None)
    archive.run_archive(client, inputs, tmp_path / "second", log=lambda m: None)
    loads = client.run(archive.tagger_loads)
    assert len(loads) == 2
    assert [w["loads"] for w in loads.values()] == [1, 1]


def test_cli_against_an_existing_scheduler_resumes_with_skip_existing(cluster, shards, tmp_path, capsys):
    local, _ = cluster
    out = tmp_path / "tagged"
    args = ["archive", "--input", str(shards / "*.jsonl"), str(shards / "*.gz"), "--output-dir", str(out),
            "--scheduler", local.scheduler_address]
    assert cli_main(args) == 0
    assert "3 of 3 shards tagged (0 already done, 0 failed) on 2 workers: 5 articles, 2 bad lines skipped" \
        in capsys.readouterr().err
    assert read_ids(out / "2024-06-part-001.jsonl") == ["b1", "b2"]

    (out / "2024-06-part-001.jsonl").unlink()  # as if the run had stopped before this shard
    assert cli_main(args + ["--skip-existing"]) == 0
    assert "1 of 3 shards tagged (2 already done, 0 failed)" in capsys.readouterr().err
    assert read_ids(out / "2024-06-part-001.jsonl") == ["b1", "b2"]


def test_parquet_shards_in_and_out(cluster, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    _, client = cluster
    rows = [r for r in SHARD_A + SHARD_B if isinstance(r, dict)]
    table = pa.Table.from_pylist([{"id": r["id"], "title": r.get("title"), "body": r.get("body") or r.get("text")}
                                  for r in rows])
    src = tmp_path / "archive.parquet"
    pq.write_table(table, src)
    report = archive.run_archive(client, [str(src)], tmp_path / "out", log=lambda m: None)
    assert (report["articles"], report["bad_lines"]) == (5, 1)  # a3-empty has no text
    got = pq.read_table(tmp_path / "out" / "archive.parquet").to_pylist()
    assert [r["id"] for r in got] == ["a1", "a2", "a4", "b1", "b2"]
    assert json.loads(got[0]["result"])["id"] == "a1"


def test_two_inputs_that_would_write_the_same_output_are_refused(tmp_path):
    with pytest.raises(ValueError, match="would both write"):
        archive.plan([str(tmp_path / "x" / "part-0.jsonl"), str(tmp_path / "y" / "part-0.jsonl.gz")], tmp_path / "out")

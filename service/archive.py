"""``politag archive``: re-tag an archive of article shards on a Dask distributed cluster.

    politag archive --input 'archive/*.jsonl.gz' --output-dir tagged/ --workers 2
    politag archive --input 'archive/*.parquet' --output-dir tagged/ --scheduler tcp://10.0.0.5:8786

One task per input shard; one output shard per input shard (``OUT/<shard name>.jsonl`` or
``.parquet``), results in input order, written to a temporary name and renamed when complete, so
an interrupted run leaves only whole shards and ``--skip-existing`` resumes it. Each worker
process keeps one long-lived ``Tagger`` (loaded once, before the first shard, and reused for
every shard that process runs). Bad lines are reported (``shard:line: skipped: why``) and skipped;
counts are printed at the end and written to ``OUT/_archive_report.json``.

Input lines/rows are articles as the ``tag`` command reads them: ``{"id", "title"?, "sapo"?,
"body" or "text", "format"?, "published_at"?}``. Output records are ``TagResult.to_dict()``;
Parquet output has the columns ``id``, ``is_political``, ``political_score`` and ``result`` (the
whole result as JSON).

Without ``--scheduler`` a local cluster of ``--workers`` processes (one thread each: tagging is
CPU-bound Python) is started and stopped. With ``--scheduler``, the workers of that cluster must
have politag installed and see the input, output and model paths (a shared filesystem).
Requires the optional extra ``distributed`` (``dask[distributed]``); Parquet needs ``pyarrow``.
"""
from __future__ import annotations

import glob
import gzip
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

MAX_REPORTED_ERRORS = 50          # per shard, sent back to the client; the counts are always complete
PARQUET_BATCH_ROWS = 1024

# --------------------------------------------------------------------------- the worker side

_TAGGERS: dict[tuple[str | None, str | None], Any] = {}
_LOADS = 0
_LOCK = threading.Lock()


def get_tagger(model: str | None = None, kb: str | None = None):
    """This process's tagger for (model, kb), loaded on first use and kept for the process's life."""
    global _LOADS
    key = (model, kb)
    tagger = _TAGGERS.get(key)
    if tagger is None:
        with _LOCK:
            tagger = _TAGGERS.get(key)
            if tagger is None:
                from tagger import Tagger
                tagger = Tagger.load(model, kb_path=kb)
                tagger.archive_lock = threading.Lock()  # a worker may run several threads
                _TAGGERS[key] = tagger
                _LOADS += 1
    return tagger


def preload(model: str | None = None, kb: str | None = None) -> dict:
    """Run on every worker before the first shard: load the tagger, say which model and process."""
    t0 = time.perf_counter()
    tagger = get_tagger(model, kb)
    return {"pid": os.getpid(), "model": tagger.model_info, "load_s": round(time.perf_counter() - t0, 3)}


def tagger_loads() -> dict:
    """How many taggers this process has loaded (1 for a healthy worker, however many shards it ran)."""
    return {"pid": os.getpid(), "loads": _LOADS}


def _open_text(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def shard_format(path: str | Path) -> str:
    name = Path(path).name.lower()
    if name.endswith(".parquet") or name.endswith(".pq"):
        return "parquet"
    if name.endswith((".jsonl", ".jsonl.gz", ".json", ".json.gz", ".ndjson", ".ndjson.gz")):
        return "jsonl"
    raise ValueError(f"{path}: unknown shard format (expected .jsonl, .jsonl.gz or .parquet)")


def shard_stem(path: str | Path) -> str:
    name = Path(path).name
    for suffix in (".gz", ".jsonl", ".ndjson", ".json", ".parquet", ".pq"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def _read_jsonl(path: Path):
    """(line number, article dict or None, error or None), skipping blank lines."""
    with _open_text(path) as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield line_no, json.loads(line), None
            except json.JSONDecodeError as e:
                yield line_no, None, f"not valid JSON: {e.msg} at column {e.colno}"


def _read_parquet(path: Path):
    import pyarrow.parquet as pq
    row = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=PARQUET_BATCH_ROWS):
        for rec in batch.to_pylist():
            row += 1
            yield row, {k: v for k, v in rec.items() if v is not None}, None


class _JsonlWriter:
    def __init__(self, path: Path):
        self.f = open(path, "w", encoding="utf-8")

    def write(self, result: dict) -> None:
        self.f.write(json.dumps(result, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.f.close()


class _ParquetWriter:
    def __init__(self, path: Path):
        import pyarrow as pa
        import pyarrow.parquet as pq
        self.pa = pa
        self.schema = pa.schema([("id", pa.string()), ("is_political", pa.bool_()),
                                 ("political_score", pa.float64()), ("result", pa.string())])
        self.writer = pq.ParquetWriter(path, self.schema)
        self.rows: list[dict] = []

    def write(self, result: dict) -> None:
        self.rows.append({"id": result.get("id"), "is_political": result.get("is_political"),
                          "political_score": result.get("political_score"),
                          "result": json.dumps(result, ensure_ascii=False)})
        if len(self.rows) >= PARQUET_BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(self.pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()


def tag_shard(src: str, dst: str, model: str | None = None, kb: str | None = None,
              output_format: str | None = None) -> dict:
    """Tag one shard into ``dst`` (in input order). Runs on a worker; returns the shard's counts."""
    from tagger.types import ArticleError
    t0 = time.perf_counter()
    src_path, dst_path = Path(src), Path(dst)
    in_fmt = shard_format(src_path)
    out_fmt = output_format or in_fmt
    tagger = get_tagger(model, kb)
    rows = _read_parquet(src_path) if in_fmt == "parquet" else _read_jsonl(src_path)
    tmp = dst_path.with_name(f".{dst_path.name}.{os.getpid()}.tmp")
    dst_path.parent.mkdir(parents=True, exist_ok=True)
    writer = _ParquetWriter(tmp) if out_fmt == "parquet" else _JsonlWriter(tmp)
    ok = bad = 0
    errors: list[tuple[int, str]] = []
    try:
        for line_no, article, err in rows:
            if err is None:
                try:
                    with tagger.archive_lock:
                        result = tagger.tag(article)
                except ArticleError as e:
                    err = str(e)
                except Exception as e:  # one bad article must not stop an archive run
                    err = f"tagger failed: {type(e).__name__}: {e}"
            if err is not None:
                bad += 1
                if len(errors) < MAX_REPORTED_ERRORS:
                    errors.append((line_no, err))
                continue
            writer.write(result.to_dict())
            ok += 1
    except BaseException:
        writer.close()
        tmp.unlink(missing_ok=True)
        raise
    writer.close()
    os.replace(tmp, dst_path)  # whole shards only: a crash leaves no partial output under the final name
    return {"input": src, "output": dst, "ok": ok, "bad": bad, "errors": errors,
            "errors_truncated": bad > len(errors), "seconds": round(time.perf_counter() - t0, 3),
            "pid": os.getpid(), "model": tagger.model_info}


# --------------------------------------------------------------------------- the client side

def expand_inputs(patterns: list[str]) -> list[str]:
    """Glob patterns (``**`` allowed) and plain paths, in sorted order, each file once."""
    out: list[str] = []
    seen: set[str] = set()
    for pattern in patterns:
        matches = sorted(glob.glob(pattern, recursive=True)) if glob.has_magic(pattern) else [pattern]
        for m in matches:
            p = os.path.abspath(m)
            if os.path.isfile(p) and p not in seen and not Path(p).name.startswith("."):
                seen.add(p)
                out.append(p)
    return out


def plan(inputs: list[str], output_dir: str | Path, output_format: str | None = None) -> list[tuple[str, str]]:
    """(input shard, output shard) pairs; refuses two inputs that would write the same output."""
    pairs, used = [], {}
    for src in inputs:
        fmt = output_format or shard_format(src)
        dst = str(Path(output_dir).resolve() / f"{shard_stem(src)}.{'parquet' if fmt == 'parquet' else 'jsonl'}")
        if dst in used:
            raise ValueError(f"{src} and {used[dst]} would both write {dst}: rename one shard")
        used[dst] = src
        pairs.append((src, dst))
    return pairs


class ModelLoadError(RuntimeError):
    """The workers could not load the tagger: nothing was tagged."""


def run_archive(client, inputs: list[str], output_dir: str | Path, model: str | None = None,
                kb: str | None = None, output_format: str | None = None, skip_existing: bool = False,
                log=None) -> dict:
    """Tag every input shard on the cluster behind ``client``; return the report (also written to
    ``OUT/_archive_report.json``). ``log`` receives progress and skipped-line messages."""
    from distributed import as_completed

    log = log or (lambda msg: print(msg, file=sys.stderr))
    if model:
        model = str(Path(model).resolve())
    pairs = plan(inputs, output_dir, output_format)
    Path(output_dir).mkdir(parents=True, exist_ok=True)
    todo = [(s, d) for s, d in pairs if not (skip_existing and os.path.exists(d))]
    skipped_existing = len(pairs) - len(todo)
    t0 = time.perf_counter()
    try:  # one tagger per worker process, loaded before any shard
        workers = client.run(preload, model, kb) if todo else {}
    except Exception as e:
        raise ModelLoadError(f"the workers cannot load the model: {type(e).__name__}: {e}") from e
    models = {json.dumps(w["model"], sort_keys=True) for w in workers.values()}
    if len(models) > 1:
        raise RuntimeError(f"the workers loaded different models: {sorted(models)}; give them the same bundle")
    futures = {client.submit(tag_shard, s, d, model, kb, output_format, pure=False, retries=1): i for i, (s, d) in enumerate(todo)}
    shards: list[dict | None] = [None] * len(todo)
    for fut in as_completed(futures):
        i = futures[fut]
        src, dst = todo[i]
        try:
            rec = fut.result()
        except Exception as e:
            rec = {"input": src, "output": dst, "ok": 0, "bad": 0, "errors": [], "failed": f"{type(e).__name__}: {e}"}
            log(f"{src}: shard failed: {rec['failed']}")
        else:
            for line_no, msg in rec["errors"]:
                log(f"{src}:{line_no}: skipped: {msg}")
            if rec["errors_truncated"]:
                log(f"{src}: ... {rec['bad'] - len(rec['errors'])} more bad lines skipped")
            log(f"{src}: {rec['ok']} tagged, {rec['bad']} skipped, {rec['seconds']:.1f}s -> {dst}")
        shards[i] = rec
    elapsed = time.perf_counter() - t0
    ok = sum(r["ok"] for r in shards)
    bad = sum(r["bad"] for r in shards)
    failed = sum(1 for r in shards if r.get("failed"))
    report = {
        "shards": len(pairs), "shards_done": len(todo) - failed, "shards_failed": failed,
        "shards_skipped_existing": skipped_existing, "articles": ok, "bad_lines": bad,
        "seconds": round(elapsed, 3), "articles_per_s": round(ok / elapsed, 2) if elapsed and ok else 0.0,
        "workers": len(workers), "model": next(iter(workers.values()))["model"] if workers else None,
        "per_shard": shards,
    }
    with open(Path(output_dir) / "_archive_report.json", "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    return report


def cmd_archive(args) -> int:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("politag archive needs Dask distributed: pip install 'politag[distributed]'", file=sys.stderr)
        return 2
    inputs = expand_inputs(args.input)
    if not inputs:
        print(f"no input shards match {' '.join(args.input)}", file=sys.stderr)
        return 2
    formats = {shard_format(p) for p in inputs} | ({args.output_format} if args.output_format else set())
    if "parquet" in formats:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            print("Parquet shards need pyarrow: pip install pyarrow", file=sys.stderr)
            return 2
    import logging
    if not args.verbose:  # the scheduler runs in this process: keep its INFO chatter out of the report
        for name in ("distributed", "bokeh", "tornado"):
            logging.getLogger(name).setLevel(logging.WARNING)
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        report = run_archive(client, inputs, args.output_dir, model=args.model, kb=args.kb,
                             output_format=args.output_format, skip_existing=args.skip_existing,
                             log=(lambda m: None) if args.quiet else None)
    except ModelLoadError as e:
        print(f"politag archive: {e}", file=sys.stderr)
        return 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(f"archive: {report['shards_done']} of {report['shards']} shards tagged "
          f"({report['shards_skipped_existing']} already done, {report['shards_failed']} failed) on "
          f"{report['workers']} workers: {report['articles']} articles, {report['bad_lines']} bad lines skipped, "
          f"{report['seconds']:.1f}s ({report['articles_per_s']:.1f} articles/s)", file=sys.stderr)
    return 1 if report["shards_failed"] else 0


def register(subparsers) -> None:
    """Add ``politag archive`` to the CLI (service/cli.py calls this)."""
    a = subparsers.add_parser(
        "archive", help="re-tag JSONL/Parquet shards on a Dask cluster (one output shard per input shard)",
        description="Re-tag an archive of shards on a Dask distributed cluster: one long-lived tagger per "
                    "worker process, one output shard per input shard, bad lines reported and skipped.")
    a.add_argument("--input", nargs="+", required=True, metavar="GLOB",
                   help="input shards: .jsonl, .jsonl.gz or .parquet files or glob patterns (quote them)")
    a.add_argument("--output-dir", required=True, help="directory for the output shards and _archive_report.json")
    a.add_argument("--workers", type=int, default=None, help="local worker processes (default: CPU count); "
                                                             "ignored with --scheduler")
    a.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="an existing Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: start a local cluster)")
    a.add_argument("--model", default=None, help="bundle directory, as the workers see it (default: their default)")
    a.add_argument("--kb", default=None, help="knowledge base file (optional)")
    a.add_argument("--output-format", choices=("jsonl", "parquet"), default=None,
                   help="default: the input shard's format")
    a.add_argument("--skip-existing", action="store_true", help="leave shards whose output already exists (resume)")
    a.add_argument("-q", "--quiet", action="store_true", help="only the final counts")
    a.add_argument("-v", "--verbose", action="store_true", help="keep Dask's own INFO logs")
    a.set_defaults(func=cmd_archive)

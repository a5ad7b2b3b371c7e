"""The ``politag`` command: serve, tag (JSONL batch), train, evaluate, promote, suggest.

A thin adapter: tagging goes through ``tagger.Tagger`` only; training commands come from
``training.commands``.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from multiprocessing import get_context

_TAGGER = None


def _init_worker(model_path, kb_path):
    global _TAGGER
    from tagger import Tagger
    _TAGGER = Tagger.load(model_path, kb_path=kb_path)


def _tag_line(item):
    """(line_no, raw line) -> (line_no, result JSON or None, error or None). Runs in a worker."""
    from tagger.types import ArticleError
    line_no, raw = item
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        return line_no, None, f"not valid JSON: {e.msg} at column {e.colno}"
    try:
        result = _TAGGER.tag(data)
    except ArticleError as e:
        return line_no, None, str(e)
    except Exception as e:  # one bad article must not stop an archive run
        return line_no, None, f"tagger failed: {type(e).__name__}: {e}"
    return line_no, json.dumps(result.to_dict(), ensure_ascii=False), None


def cmd_tag(args) -> int:
    from tqdm import tqdm
    src = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8")
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    lines = ((i, line) for i, line in enumerate(src, 1) if line.strip())
    ok = bad = 0
    t0 = time.perf_counter()
    bar = tqdm(unit="article", disable=args.quiet or not sys.stderr.isatty() and not args.progress, file=sys.stderr)
    if args.jobs <= 1:
        _init_worker(args.model, args.kb)
        results = map(_tag_line, lines)
        pool = None
    else:
        pool = get_context("spawn").Pool(args.jobs, initializer=_init_worker, initargs=(args.model, args.kb))
        results = pool.imap(_tag_line, lines, chunksize=8)  # imap keeps input order
    try:
        for line_no, result, err in results:
            if err:
                bad += 1
                print(f"{args.input}:{line_no}: skipped: {err}", file=sys.stderr)
            else:
                ok += 1
                out.write(result + "\n")
            bar.update(1)
            elapsed = time.perf_counter() - t0
            bar.set_postfix_str(f"{(ok + bad) / elapsed:.1f} articles/s", refresh=False)
    finally:
        if pool:
            pool.close()
            pool.join()
        bar.close()
        if out is not sys.stdout:
            out.close()
    elapsed = time.perf_counter() - t0
    print(f"tagged {ok} articles, skipped {bad} bad lines, in {elapsed:.1f}s "
          f"({(ok + bad) / elapsed if elapsed else 0:.1f} articles/s)", file=sys.stderr)
    return 0 if ok or not bad else 1


def cmd_serve(args) -> int:
    import uvicorn
    from .settings import Settings
    s = Settings.from_env()
    if args.model:
        os.environ["POLITAG_MODEL_PATH"] = args.model
    workers = args.workers or s.workers
    worker_dir = None
    if workers > 1:
        # the workers register here, so a reload request reaching one of them can reach the others
        worker_dir = tempfile.mkdtemp(prefix="politag-workers-")
        os.environ["POLITAG_WORKER_DIR"] = worker_dir
        # one set of metrics for the whole service, whichever worker answers the scrape
        if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            os.environ["PROMETHEUS_MULTIPROC_DIR"] = os.path.join(worker_dir, "metrics")
            os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    try:
        uvicorn.run("service.app:app", host=args.host or s.host, port=args.port or s.port,
                    workers=workers, log_level=s.log_level, timeout_keep_alive=s.keep_alive_seconds)
    finally:
        if worker_dir:
            shutil.rmtree(worker_dir, ignore_errors=True)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="politag", description="Vietnamese political-news tagger")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("serve", help="run the HTTP service (uvicorn)")
    s.add_argument("--host", default=None, help="default POLITAG_HOST or 127.0.0.1")
    s.add_argument("--port", type=int, default=None, help="default POLITAG_PORT or 8000")
    s.add_argument("--workers", type=int, default=None, help="default POLITAG_WORKERS or 1")
    s.add_argument("--model", default=None, help="bundle directory (default: promoted or shipped)")
    s.set_defaults(func=cmd_serve)

    t = sub.add_parser("tag", help="tag a JSONL file of articles ({'id', 'text'} per line) into JSONL results")
    t.add_argument("input", help="input JSONL, or - for stdin")
    t.add_argument("-o", "--output", default="-", help="output JSONL (default stdout), one result per good line, in order")
    t.add_argument("-j", "--jobs", type=int, default=1, help="worker processes")
    t.add_argument("--model", default=None, help="bundle directory")
    t.add_argument("--kb", default=None, help="knowledge base file (optional)")
    t.add_argument("--progress", action="store_true", help="show the progress bar even when stderr is not a terminal")
    t.add_argument("-q", "--quiet", action="store_true")
    t.set_defaults(func=cmd_tag)

    try:
        from .archive import register as register_archive
    except ImportError:  # dask is an optional extra
        pass
    else:
        register_archive(sub)

    try:
        from training.commands import register
    except ImportError as e:  # the training extras are optional for a serving-only install
        logging.getLogger(__name__).debug("training commands unavailable: %s", e)
    else:
        register(sub)
    return p


def main(argv=None) -> int:
    logging.basicConfig(level=os.environ.get("POLITAG_LOG_LEVEL", "INFO").upper(),
                        format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())

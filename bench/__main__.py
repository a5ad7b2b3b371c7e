"""The benchmark: engine latency per stage, the underthesea.ner baseline, CLI batch throughput,
the HTTP service under load, peak memory per worker and model load time, in one run.

    python -m bench                         # 500 articles, everything (about 5-10 minutes on 2 cores)
    python -m bench --quick                 # 50 articles, fewer requests: a smoke run
    python -m bench --skip-http --skip-ner-baseline --n 200

Prints a Markdown table, writes the raw numbers as JSON (``--out``) and the table as Markdown
beside it (``.md``). The machine this runs on may be shared: every comparison is made against a
baseline measured in the same run (underthesea.ner on the same articles, interleaved article by
article; the service against the engine's own single-process throughput), and the system load
average is recorded with each section.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from .articles import (TARGET_BAND, article_chars, in_target_band, length_summary, load_sample)
from .http_load import Service, percentile, run_load, run_open_loop

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("cleaning", "documents", "entities", "positions", "topics")
TARGETS = {
    "engine_p50_3000_ms": 25.0,
    "speedup_vs_ner": 15.0,
    "service_2w_rps": 60.0,          # offered to 2 workers, open loop
    "service_2w_p99_ms": 250.0,
    "rss_per_worker_mb": 400.0,
    "model_load_s": 3.0,
}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def stats_ms(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50": round(percentile(values, 50), 3), "p95": round(percentile(values, 95), 3),
            "mean": round(statistics.fmean(values), 3), "max": round(max(values), 3)}


def article_text(a: dict) -> str:
    return (a["title"] + "\n" + a["body"]) if a.get("title") else a["body"]


# --------------------------------------------------------------------------- model load (fresh process)

_LOAD_SCRIPT = r"""
import json, sys, time
t0 = time.perf_counter()
from tagger import Tagger
t1, c1 = time.perf_counter(), time.process_time()
tagger = Tagger.load(sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else None)
t2, c2 = time.perf_counter(), time.process_time()
tagger.tag({"title": "Thủ tướng chủ trì phiên họp Chính phủ", "body": "Sáng 3/6, Thủ tướng Phạm Minh Chính chủ trì phiên họp Chính phủ thường kỳ tháng 5 tại Hà Nội."})
t3 = time.perf_counter()
def kb(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "load_cpu_s": c2 - c1, "first_tag_s": t3 - t2,
                  "rss_after_load_mb": kb("VmRSS") / 1024, "peak_rss_mb": kb("VmHWM") / 1024}))
"""


def bench_model_load(model: str | None, repeats: int) -> dict:
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", _LOAD_SCRIPT, model or ""], cwd=ROOT, capture_output=True,
                             text=True, check=True)
        wall = time.perf_counter() - t0
        rec = json.loads(out.stdout.strip().splitlines()[-1])
        rec["process_wall_s"] = wall
        runs.append(rec)
    med = {k: round(statistics.median(r[k] for r in runs), 3) for k in runs[0]}
    return {"repeats": repeats, "median": med, "runs": [{k: round(v, 3) for k, v in r.items()} for r in runs]}


# --------------------------------------------------------------------------- engine, in process

def stage_presence(tagger) -> dict[str, bool]:
    return {"cleaning": True, "documents": tagger.documents is not None, "entities": tagger.entities is not None,
            "positions": tagger.resolver is not None, "topics": tagger.topics is not None}


def bench_engine(tagger, articles: list[dict], warmup: int = 10) -> tuple[dict, list[dict]]:
    for a in articles[:warmup]:
        tagger.tag(a)
    rows = []
    for a in articles:
        c0, t0 = time.thread_time(), time.perf_counter()
        r = tagger.tag(a)
        wall = (time.perf_counter() - t0) * 1000
        cpu = (time.thread_time() - c0) * 1000  # less sensitive than wall time to other processes on the cores
        rows.append({"id": a["id"], "chars": article_chars(a), "wall_ms": wall, "cpu_ms": cpu, "target": in_target_band(a),
                     **{k: r.timings_ms.get(k, 0.0) for k in (*STAGES, "total")},
                     "n_entities": len(r.entities), "n_documents": len(r.documents)})

    def block(sel: list[dict]) -> dict:
        out = {s: stats_ms([r[s] for r in sel]) for s in (*STAGES, "total")}
        out["wall"] = stats_ms([r["wall_ms"] for r in sel])
        out["cpu"] = stats_ms([r["cpu_ms"] for r in sel])
        return out

    total_s = sum(r["wall_ms"] for r in rows) / 1000
    chars = sum(r["chars"] for r in rows)
    summary = {
        "articles": len(rows),
        "all": block(rows),
        "target_band": {"chars": list(TARGET_BAND), "articles": sum(r["target"] for r in rows),
                        **block([r for r in rows if r["target"]])},
        "seconds": round(total_s, 3),
        "articles_per_s": round(len(rows) / total_s, 2) if total_s else None,
        "cpu_seconds": round(sum(r["cpu_ms"] for r in rows) / 1000, 3),
        "cpu_share": round(sum(r["cpu_ms"] for r in rows) / 1000 / total_s, 3) if total_s else None,
        "chars_per_s": round(chars / total_s) if total_s else None,
        "entities_per_article": round(statistics.fmean(r["n_entities"] for r in rows), 2) if rows else 0,
        "documents_per_article": round(statistics.fmean(r["n_documents"] for r in rows), 2) if rows else 0,
    }
    return summary, rows


# --------------------------------------------------------------------------- underthesea.ner baseline

def bench_ner_baseline(tagger, articles: list[dict]) -> dict:
    """underthesea.ner on each sentence of each article (underthesea.sent_tokenize), interleaved
    article by article with the engine on the same article, so both sides see the same load."""
    from underthesea import ner, sent_tokenize
    ner("Thủ tướng Phạm Minh Chính làm việc tại Hà Nội.")  # load its models outside the timing
    engine_ms, ner_ms, engine_cpu, ner_cpu, sentences = [], [], [], [], 0
    for a in articles:
        c0, t0 = time.thread_time(), time.perf_counter()
        tagger.tag(a)
        c1, t1 = time.thread_time(), time.perf_counter()
        sents = [s for s in sent_tokenize(article_text(a)) if s.strip()]
        for s in sents:
            ner(s)
        c2, t2 = time.thread_time(), time.perf_counter()
        engine_ms.append((t1 - t0) * 1000)
        ner_ms.append((t2 - t1) * 1000)
        engine_cpu.append((c1 - c0) * 1000)
        ner_cpu.append((c2 - c1) * 1000)
        sentences += len(sents)
    target = [i for i, a in enumerate(articles) if in_target_band(a)]
    return {
        "articles": len(articles), "sentences": sentences,
        "method": "underthesea.sent_tokenize, then underthesea.ner on each sentence; interleaved with the engine",
        "engine_ms": stats_ms(engine_ms), "ner_ms": stats_ms(ner_ms),
        "engine_total_s": round(sum(engine_ms) / 1000, 3), "ner_total_s": round(sum(ner_ms) / 1000, 3),
        "speedup_total": round(sum(ner_ms) / sum(engine_ms), 2) if sum(engine_ms) else None,
        "speedup_p50": round(percentile(ner_ms, 50) / percentile(engine_ms, 50), 2) if engine_ms else None,
        "speedup_cpu_total": round(sum(ner_cpu) / sum(engine_cpu), 2) if sum(engine_cpu) else None,
        "engine_cpu_ms": stats_ms(engine_cpu), "ner_cpu_ms": stats_ms(ner_cpu),
        "target_band": {"articles": len(target),
                        "engine_ms": stats_ms([engine_ms[i] for i in target]),
                        "ner_ms": stats_ms([ner_ms[i] for i in target])},
    }


# --------------------------------------------------------------------------- CLI batch throughput

_CLI_LINE = re.compile(r"tagged (\d+) articles, skipped (\d+) bad lines, in ([\d.]+)s")


def bench_cli(articles: list[dict], jobs_list: tuple[int, ...], model: str | None, workdir: Path,
              repeat: int) -> dict:
    src = workdir / "cli_in.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for _ in range(repeat):
            for a in articles:
                f.write(json.dumps({k: a[k] for k in ("id", "title", "body") if k in a}, ensure_ascii=False) + "\n")
    n = len(articles) * repeat
    out = {"articles": n}
    for jobs in jobs_list:
        dst = workdir / f"cli_out_{jobs}.jsonl"
        cmd = [sys.executable, "-m", "service.cli", "tag", str(src), "-o", str(dst), "-j", str(jobs), "-q"]
        if model:
            cmd += ["--model", model]
        la = loadavg()
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        m = _CLI_LINE.search(proc.stderr)
        lines = sum(1 for _ in open(dst, encoding="utf-8")) if dst.exists() else 0
        rec = {"returncode": proc.returncode, "wall_s": round(wall, 3), "articles_out": lines,
               "articles_per_s_wall": round(n / wall, 2), "loadavg_before": la}
        if m:  # the CLI's own clock: from before the model load to the last line written
            rec["cli_s"] = float(m.group(3))
            rec["articles_per_s_cli"] = round(n / float(m.group(3)), 2)
        if proc.returncode != 0:
            rec["stderr_tail"] = proc.stderr[-2000:]
        out[f"j{jobs}"] = rec
    if "j1" in out and "j2" in out:
        out["speedup_j2_vs_j1"] = round(out["j1"]["wall_s"] / out["j2"]["wall_s"], 2)
    return out


# --------------------------------------------------------------------------- HTTP service

def bench_http(articles: list[dict], workers_list: tuple[int, ...], concurrency: tuple[int, ...],
               requests: int, model: str | None, workdir: Path, rates: dict[int, tuple[float, ...]] | None = None,
               open_requests: int = 360, unbalanced: bool = False) -> dict:
    """Per worker count: the open-loop phase (``rates[w]``: offered articles/s, ``open_requests`` each),
    then the closed-loop levels (``concurrency``, ``requests`` each), on one service instance."""
    bodies = [json.dumps({k: a[k] for k in ("id", "title", "body") if k in a}, ensure_ascii=False).encode()
              for a in articles]
    rates = rates or {}
    out = {"requests_per_level": requests, "open_requests_per_rate": open_requests,
           "server": "uvicorn service.app:app --workers N (loopback)",
           "client": "bench.http_load: N threads, one keep-alive http.client connection each, closed loop",
           "open_client": "bench.http_load.run_open_loop: fixed arrival rate, a pool of keep-alive http.client "
                          "connections (one thread each), latency from each request's due time; "
                          + ("requests to whichever connection is free" if unbalanced else
                             "connections spread evenly over the workers, request i to worker i mod N")}
    for w in workers_list:
        log(f"http: starting the service with {w} worker(s)")
        with Service(workers=w, model=model, log_path=workdir / f"service_{w}w.log") as svc:
            warm = svc.warm_up(bodies[:20])
            rec = {"ready_s": round(svc.ready_seconds, 2), "warmup_requests": warm, "open": {}, "levels": {}}
            for rate in rates.get(w, ()):
                la, cpu0 = loadavg(), svc.cpu_s()
                r = run_open_loop("127.0.0.1", svc.port, "/v1/tag", bodies, open_requests, rate,
                                  workers=None if unbalanced else w)
                server_cpu = svc.cpu_s() - cpu0
                s = {**r.summary(), "loadavg_before": la, "server_cpu_s": round(server_cpu, 2),
                     "articles_per_server_cpu_s": round(r.ok / server_cpu, 2) if server_cpu else None}
                rec["open"][_rate_key(rate)] = s
                log(f"http: {w} worker(s), open loop {rate:g}/s offered: {s['throughput_rps']} /s, "
                    f"p50 {s['p50_ms']} ms, p99 {s['p99_ms']} ms, errors {s['errors']}, late {s['late_sends']}")
                time.sleep(1.0)   # let the workers settle between rates
            for c in concurrency:
                la, cpu0 = loadavg(), svc.cpu_s()
                r = run_load("127.0.0.1", svc.port, "/v1/tag", bodies, requests, c)
                server_cpu = svc.cpu_s() - cpu0
                rec["levels"][str(c)] = {**r.summary(), "loadavg_before": la, "server_cpu_s": round(server_cpu, 2),
                                         "articles_per_server_cpu_s": round(r.ok / server_cpu, 2) if server_cpu else None}
                s = rec["levels"][str(c)]
                log(f"http: {w} worker(s), concurrency {c}: {s['throughput_rps']} req/s, "
                    f"p50 {s['p50_ms']} ms, p99 {s['p99_ms']} ms, errors {s['errors']}")
            peaks = svc.peak_rss_mb()
            rec["worker_pids"] = list(peaks)
            rec["peak_rss_mb_per_worker"] = list(peaks.values())
        out[f"{w}w"] = rec
    return out


def _rate_key(rate: float) -> str:
    return f"{rate:g}"


# --------------------------------------------------------------------------- report

def _f(x, nd=1, unit=""):
    if x is None:
        return "n/a"
    return f"{x:,.{nd}f}{unit}"


def _check(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def evaluate_targets(res: dict) -> list[dict]:
    rows = []
    eng = res.get("engine")
    if eng:
        v = eng["target_band"].get("total", {}).get("p50")
        rows.append({"target": "engine p50, 2,500-3,500-char articles", "goal": "<= 25 ms",
                     "value": _f(v, 1, " ms"), "met": None if v is None else v <= TARGETS["engine_p50_3000_ms"]})
    ner = res.get("ner_baseline")
    if ner:
        v = ner.get("speedup_total")
        rows.append({"target": "faster than underthesea.ner (same articles)", "goal": ">= 15x",
                     "value": _f(v, 1, "x"), "met": None if v is None else v >= TARGETS["speedup_vs_ner"]})
    http = res.get("http", {}).get("2w")
    if http:
        rate = _rate_key(TARGETS["service_2w_rps"])
        lv = http.get("open", {}).get(rate)
        if lv:
            rows.append({"target": f"service, 2 workers, {rate} articles/s offered (open loop): p99, errors",
                         "goal": "p99 <= 250 ms, 0 errors",
                         "value": f"p99 {_f(lv['p99_ms'], 0)} ms, {lv['errors']} errors "
                                  f"({lv['throughput_rps']:.1f}/s achieved, {lv['late_sends']} late sends)",
                         "met": lv["errors"] == 0 and lv["p99_ms"] is not None
                                and lv["p99_ms"] <= TARGETS["service_2w_p99_ms"]})
        ok_levels = [(lv["throughput_rps"], c) for c, lv in http["levels"].items()
                     if lv["errors"] == 0 and lv["p99_ms"] is not None and lv["p99_ms"] <= TARGETS["service_2w_p99_ms"]]
        best = max(ok_levels) if ok_levels else None
        sat = max(((lv["throughput_rps"], c, lv["p99_ms"]) for c, lv in http["levels"].items()), default=None)
        if sat:
            rows.append({"target": "for reference, closed loop (saturation): best throughput; best with p99 <= 250 ms",
                         "goal": ">= 60 articles/s",
                         "value": f"{sat[0]:.1f}/s (concurrency {sat[1]}, p99 {_f(sat[2], 0)} ms); "
                                  + (f"{best[0]:.1f}/s (concurrency {best[1]})" if best else "no level met p99/errors"),
                         "met": None, "reference": True})
        best_eff = max(((lv.get("articles_per_server_cpu_s") or 0, c) for c, lv in http["levels"].items()),
                       default=(0, None))
        if best_eff[0]:
            cores = min(2, os.cpu_count() or 1)
            rows.append({"target": f"projection: 2 workers on {cores} free cores (articles per server CPU-second x {cores})",
                         "goal": ">= 60 articles/s", "value": f"{best_eff[0] * cores:.1f}/s (concurrency {best_eff[1]})",
                         "met": None, "projection": best_eff[0] * cores >= TARGETS["service_2w_rps"]})
        peaks = http.get("peak_rss_mb_per_worker") or []
        if peaks:
            rows.append({"target": "peak RSS per worker (VmHWM)", "goal": "<= 400 MB",
                         "value": " / ".join(f"{p:.0f} MB" for p in peaks),
                         "met": max(peaks) <= TARGETS["rss_per_worker_mb"]})
    ml = res.get("model_load")
    if ml:
        v = ml["median"]["load_s"]
        rows.append({"target": "model load (Tagger.load, fresh process)", "goal": "<= 3 s", "value": _f(v, 2, " s"),
                     "met": v <= TARGETS["model_load_s"]})
    return rows


def _table(lines: list[str], header: list[str], rows: list[list]) -> None:
    """A markdown table appended to ``lines``."""
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    lines.extend("| " + " | ".join(str(c) for c in row) + " |" for row in rows)


def render_markdown(res: dict) -> str:
    L = []
    env = res["environment"]
    L.append(f"Run {env['finished']} on {env['cpus']} CPUs ({env['platform']}), Python {env['python']}, "
             f"commit `{env['commit']}`, bundle `{env['bundle']}` with components: "
             f"{', '.join(env['components']) or 'none'}; load average at start {env['loadavg_start']}, "
             f"at end {env['loadavg_end']}; process nice {env['nice']}.")
    L.append("")
    s = res["sample"]
    L.append(f"Sample: {s['n']} articles (seed {res['config']['seed']}; {', '.join(f'{k} {v}' for k, v in s['by_source'].items())}), "
             f"characters min {s['min']:,} / p10 {s['p10']:,} / median {s['p50']:,} / p90 {s['p90']:,} / max {s['max']:,}; "
             f"by band: {', '.join(f'{k}: {v}' for k, v in s['bands'].items())}.")
    L.append("")
    L.append("**Targets**")
    L.append("")
    rows = []
    for t in res.get("targets", []):
        if "projection" in t:
            met = "projected" if t["projection"] else "**not even projected**"
        else:
            met = "(saturation)" if t.get("reference") else _check(t["met"])
        rows.append([t["target"], t["goal"], t["value"], met])
    _table(L, ["target", "goal", "measured", "met"], rows)
    L.append("")
    eng = res.get("engine")
    if eng:
        pres = res["stages_present"]
        L.append(f"**Engine, one process** ({eng['articles']} articles: {_f(eng['articles_per_s'], 1)} articles/s, "
                 f"{_f(eng['chars_per_s'], 0)} characters/s; {eng['target_band']['articles']} articles of "
                 f"{TARGET_BAND[0]:,}-{TARGET_BAND[1]:,} characters)")
        L.append("")
        rows = []
        for st in (*STAGES, "total", "cpu"):
            a, t = eng["all"][st], eng["target_band"].get(st, {})
            name = {"cpu": "total, CPU time of the thread", "total": "total"}.get(st) or (
                st if pres.get(st) else f"{st} (component absent)")
            rows.append([name, _f(a.get("p50"), 2), _f(a.get("p95"), 2), _f(t.get("p50"), 2), _f(t.get("p95"), 2)])
        _table(L, ["stage", "p50 ms (all)", "p95 ms (all)", "p50 ms (2.5-3.5k chars)", "p95 ms (2.5-3.5k chars)"], rows)
        L.append("")
        share = eng.get("cpu_share") or 0
        L.append(f"Stage times are wall-clock (`TagResult.timings_ms`). The process got {_f(100 * share, 0)}% of a core "
                 f"while tagging" + (" (wall time ≈ CPU time: the cores were free)." if share >= 0.95 else
                                     ": the rest of the wall time was spent waiting for a core other processes held."))
        L.append("")
    ner = res.get("ner_baseline")
    if ner:
        L.append(f"**underthesea.ner baseline** ({ner['articles']} of the articles, every "
                 f"{res['config']['ner_every']}th, {ner['sentences']} sentences; {ner['method']})")
        L.append("")
        _table(L, ["", "p50 ms", "p95 ms", "total s"], [
            ["engine", _f(ner["engine_ms"]["p50"], 2), _f(ner["engine_ms"]["p95"], 2), _f(ner["engine_total_s"], 2)],
            ["underthesea.ner", _f(ner["ner_ms"]["p50"], 1), _f(ner["ner_ms"]["p95"], 1), _f(ner["ner_total_s"], 2)],
            ["ratio (ner / engine)", f"{_f(ner['speedup_p50'], 1)}x", "", f"{_f(ner['speedup_total'], 1)}x"],
            ["ratio of CPU time (ner / engine)", "", "", f"{_f(ner.get('speedup_cpu_total'), 1)}x"]])
        L.append("")
    cli = res.get("cli")
    if cli:
        L.append(f"**Batch CLI** (`python -m service.cli tag IN.jsonl -o OUT.jsonl -j N`, {cli['articles']} articles, "
                 f"wall time including start-up and model load)")
        L.append("")
        eng_aps = (eng or {}).get("articles_per_s")
        rows = []
        for k in ("j1", "j2"):
            if k in cli:
                r = cli[k]
                ratio = r["articles_per_s_wall"] / eng_aps if eng_aps else None
                rows.append([k[1:], _f(r["wall_s"], 2), _f(r["articles_per_s_wall"], 1), f"{_f(ratio, 2)}x"])
        _table(L, ["processes", "wall s", "articles/s", "vs engine in process"], rows)
        L.append("")
    http = res.get("http")
    if http and any(http.get(w, {}).get("levels") for w in ("1w", "2w")):
        L.append(f"**HTTP service** (`uvicorn service.app:app --workers N`, POST /v1/tag, {http['requests_per_level']} "
                 f"requests per level on 127.0.0.1, closed loop)")
        L.append("")
        eng_aps = (eng or {}).get("articles_per_s")
        rows = []
        for w in ("1w", "2w"):
            for c, lv in http.get(w, {}).get("levels", {}).items():
                ratio = lv["throughput_rps"] / eng_aps if eng_aps else None
                secs = lv["seconds"] or None
                rows.append([w[:-1], c, _f(lv["throughput_rps"], 1), f"{_f(ratio, 2)}x", _f(lv["p50_ms"], 1),
                             _f(lv["p99_ms"], 1), lv["errors"], _f(lv["server_cpu_s"] / secs if secs else None, 2),
                             _f(lv.get("articles_per_server_cpu_s"), 1),
                             f"{_f(100 * lv['client_cpu_s'] / secs if secs else None, 0)}% of a core"])
        _table(L, ["workers", "concurrency", "articles/s", "vs engine", "p50 ms", "p99 ms", "errors", "server CPU (cores)",
                   "articles per server CPU-s", "load generator CPU"], rows)
        L.append("")
    if http:
        rows = []
        for w in ("1w", "2w"):
            for rate, lv in http.get(w, {}).get("open", {}).items():
                secs = lv["seconds"] or None
                rows.append([w[:-1], rate, _f(lv["throughput_rps"], 1), _f(lv["p50_ms"], 1), _f(lv["p95_ms"], 1),
                             _f(lv["p99_ms"], 1), lv["errors"],
                             f"{lv['late_sends']} ({lv['held_no_free_connection']} held)",
                             " / ".join(map(str, lv.get("connections_per_worker") or [])),
                             _f(lv["server_cpu_s"] / secs if secs else None, 2),
                             f"{_f(100 * lv['client_cpu_s'] / secs if secs else None, 0)}% of a core"])
        if rows:
            L.append(f"**HTTP service, open loop** (fixed arrival rate: request i due at i / rate s, "
                     f"{http.get('open_requests_per_rate')} requests per rate, same articles; latency from the due time, "
                     f"so a late send is charged to the service figure; a send later than "
                     f"{http_load_late_ms():g} ms is late, 'held' = no free connection at the due time; "
                     + ("requests to whichever connection was free)" if res["config"].get("open_unbalanced") else
                        "connections spread evenly over the workers, request i to worker i mod N)"))
            L.append("")
            _table(L, ["workers", "offered /s", "achieved /s", "p50 ms", "p95 ms", "p99 ms", "errors", "late sends",
                       "connections per worker", "server CPU (cores)", "load generator CPU"], rows)
            L.append("")
        for w in ("1w", "2w"):
            if w in http:
                L.append(f"- {w[:-1]} worker(s): peak RSS per worker {', '.join(f'{p:.0f} MB' for p in http[w]['peak_rss_mb_per_worker'])}; "
                         f"ready {http[w]['ready_s']} s after start")
        L.append("")
    ml = res.get("model_load")
    if ml:
        m = ml["median"]
        L.append(f"**Model load** (fresh process, median of {ml['repeats']}): `Tagger.load()` {m['load_s']:.2f} s "
                 f"({m['load_cpu_s']:.2f} s of CPU), "
                 f"imports {m['import_s']:.2f} s, first article {m['first_tag_s'] * 1000:.0f} ms; "
                 f"RSS after load {m['rss_after_load_mb']:.0f} MB.")
        L.append("")
    L.append(f"Command: `{res['config']['command']}`")
    return "\n".join(L) + "\n"


# --------------------------------------------------------------------------- main

def http_load_late_ms() -> float:
    from .http_load import LATE_MS
    return LATE_MS


def _git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=None, help="articles in the sample (default 500; --quick 50)")
    p.add_argument("--quick", action="store_true", help="smoke run: 50 articles, 100 requests per level, 1 load repeat")
    p.add_argument("--seed", type=int, default=None, help="sample seed (default bench.articles.SEED)")
    p.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared data directory (default ../shared)")
    p.add_argument("--model", default=None, help="bundle directory (default: the engine's default bundle)")
    p.add_argument("--out", default=str(ROOT / "bench" / "results" / "latest.json"), help="JSON results (a .md is written beside it)")
    p.add_argument("--requests", type=int, default=None, help="HTTP requests per concurrency level (default 500; --quick 100)")
    p.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    p.add_argument("--rates-2w", type=float, nargs="*", default=[40, 60, 75],
                   help="open loop: offered articles/s to the 2-worker service (default 40 60 75)")
    p.add_argument("--rates-1w", type=float, nargs="*", default=[30, 40],
                   help="open loop: offered articles/s to the 1-worker service (default 30 40)")
    p.add_argument("--open-requests", type=int, default=None, help="open loop: requests per rate (default 360; --quick 100)")
    p.add_argument("--open-unbalanced", action="store_true",
                   help="open loop: no balancing over the workers (requests to whichever connection is free)")
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="service worker counts (default 1 2)")
    p.add_argument("--skip-closed-loop", action="store_true", help="HTTP: the open-loop phase only")
    p.add_argument("--skip-engine", action="store_true", help="no in-process engine pass (and no ratios to it)")
    p.add_argument("--skip-model-load", action="store_true")
    p.add_argument("--ner-every", type=int, default=5, help="underthesea.ner runs on every k-th article (default 5: 100 of 500)")
    p.add_argument("--load-repeats", type=int, default=None, help="fresh-process model loads (default 3; --quick 1)")
    p.add_argument("--cli-repeat", type=int, default=1, help="the CLI input is the sample repeated this many times")
    p.add_argument("--skip-http", action="store_true")
    p.add_argument("--skip-ner-baseline", action="store_true")
    p.add_argument("--skip-cli", action="store_true")
    p.add_argument("--profile", default=None, metavar="PATH",
                   help="also profile one engine pass over the sample with pyinstrument; write the text report to PATH")
    args = p.parse_args(argv)

    from .articles import SEED
    n = args.n or (50 if args.quick else 500)
    seed = SEED if args.seed is None else args.seed
    requests = args.requests or (100 if args.quick else 500)
    repeats = args.load_repeats or (1 if args.quick else 3)
    open_requests = args.open_requests or (100 if args.quick else 360)
    command = "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:])
    res: dict = {"config": {"n": n, "seed": seed, "requests_per_level": requests, "concurrency": args.concurrency,
                            "open_requests_per_rate": open_requests, "open_unbalanced": args.open_unbalanced,
                            "rates": {"1w": args.rates_1w, "2w": args.rates_2w},
                            "ner_every": args.ner_every, "command": command.strip()}}
    started = datetime.now(timezone.utc)
    res["environment"] = {"started": started.isoformat(timespec="seconds"), "cpus": os.cpu_count(),
                          "platform": platform.platform(terse=True), "python": platform.python_version(),
                          "commit": _git_commit(), "loadavg_start": loadavg(), "nice": os.nice(0)}

    log(f"loading the sample: {n} articles from {args.shared}/data/topic (seed {seed})")
    articles = load_sample(args.shared, n=n, seed=seed)
    res["sample"] = length_summary(articles)

    if not args.skip_model_load:
        log("model load: fresh processes")
        res["model_load"] = bench_model_load(args.model, repeats)
        res["model_load"]["loadavg_after"] = loadavg()

    from tagger import Tagger
    tagger = Tagger.load(args.model)
    res["environment"]["bundle"] = f"{tagger.bundle.name} {tagger.bundle.version}"
    res["environment"]["components"] = sorted(tagger.bundle.components)
    res["stages_present"] = stage_presence(tagger)

    if not args.skip_engine:
        log(f"engine: {len(articles)} articles in process")
        res["engine"], rows = bench_engine(tagger, articles)
        res["engine"]["loadavg_after"] = loadavg()
        res["engine_per_article"] = [{k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()}
                                     for r in rows]

    if args.profile:
        res["profile"] = profile_engine(tagger, articles, Path(args.profile))

    if not args.skip_ner_baseline:
        subset = articles[:: args.ner_every]
        log(f"underthesea.ner baseline: {len(subset)} articles, interleaved with the engine")
        res["ner_baseline"] = bench_ner_baseline(tagger, subset)
        res["ner_baseline"]["loadavg_after"] = loadavg()
    del tagger  # the CLI and the service run in their own processes

    with tempfile.TemporaryDirectory(prefix="politag-bench-") as tmp:
        if not args.skip_cli:
            log("batch CLI: -j 1 and -j 2")
            res["cli"] = bench_cli(articles, (1, 2), args.model, Path(tmp), args.cli_repeat)
        if not args.skip_http:
            res["http"] = bench_http(articles, tuple(args.workers), () if args.skip_closed_loop else tuple(args.concurrency),
                                     requests, args.model, Path(tmp), rates={1: tuple(args.rates_1w), 2: tuple(args.rates_2w)},
                                     open_requests=open_requests, unbalanced=args.open_unbalanced)

    res["environment"]["finished"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    res["environment"]["loadavg_end"] = loadavg()
    res["targets"] = evaluate_targets(res)
    md = render_markdown(res)
    print(md)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(md, encoding="utf-8")
    log(f"wrote {out} and {out.with_suffix('.md')}")
    return 0


def profile_engine(tagger, articles: list[dict], path: Path) -> dict:
    try:
        from pyinstrument import Profiler
    except ImportError:
        log("pyinstrument is not installed: no profile (pip install pyinstrument)")
        return {"error": "pyinstrument not installed"}
    log(f"profile: one engine pass under pyinstrument -> {path}")
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for a in articles:
        tagger.tag(a)
    profiler.stop()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")
    return {"path": str(path)}


if __name__ == "__main__":
    sys.exit(main())

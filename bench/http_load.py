"""A closed-loop HTTP load generator for loopback benchmarks, and a service launcher.

``concurrency`` threads each hold one keep-alive connection (``http.client``) and send the next
request as soon as the previous answer is read, until ``requests`` requests have been sent in
total. Threads and ``http.client`` cost less CPU per request than an asyncio client, which matters
when the generator shares two cores with the server it measures.

Only loopback addresses are accepted: this is a benchmark tool, not a load-testing tool for
other hosts.

    python -m bench.http_load --port 8000 --requests 200 --concurrency 8   # against a running service
"""
from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check_loopback(host: str) -> None:
    try:
        addr = ipaddress.ip_address(socket.gethostbyname(host))
    except (OSError, ValueError) as e:
        raise ValueError(f"cannot resolve {host!r}: {e}") from e
    if not addr.is_loopback:
        raise ValueError(f"{host} is not a loopback address; this generator only targets 127.0.0.0/8")


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100); None for no values."""
    if not values:
        return None
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


@dataclass
class LoadResult:
    concurrency: int
    requests: int
    ok: int = 0
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    client_cpu_s: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)

    def summary(self) -> dict:
        lat = self.latencies_ms
        return {
            "concurrency": self.concurrency, "requests": self.requests, "ok": self.ok, "errors": self.errors,
            "error_kinds": self.error_kinds, "seconds": round(self.seconds, 3),
            "client_cpu_s": round(self.client_cpu_s, 3),
            "throughput_rps": round(self.ok / self.seconds, 2) if self.seconds else 0.0,
            "p50_ms": _r(percentile(lat, 50)), "p90_ms": _r(percentile(lat, 90)),
            "p99_ms": _r(percentile(lat, 99)), "max_ms": _r(max(lat) if lat else None),
        }


def _r(x):
    return None if x is None else round(x, 2)


def run_load(host: str, port: int, path: str, bodies: list[bytes], requests: int, concurrency: int,
             timeout: float = 60.0) -> LoadResult:
    """Send ``requests`` POSTs (bodies cycled in order) with ``concurrency`` keep-alive connections."""
    _check_loopback(host)
    result = LoadResult(concurrency=concurrency, requests=requests)
    counter = iter(range(requests))
    lock = threading.Lock()
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    headers = {"Content-Type": "application/json", "Connection": "keep-alive"}

    def error(kind: str) -> None:
        with lock:
            result.errors += 1
            result.error_kinds[kind] = result.error_kinds.get(kind, 0) + 1

    def worker(slot: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            body = bodies[i % len(bodies)]
            t0 = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                dt = (time.perf_counter() - t0) * 1000
                if resp.status == 200:
                    latencies[slot].append(dt)
                    with lock:
                        result.ok += 1
                else:
                    error(f"http_{resp.status}")
                if resp.getheader("connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection(host, port, timeout=timeout)
            except (OSError, http.client.HTTPException) as e:
                error(type(e).__name__)
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=timeout)
        conn.close()

    threads = [threading.Thread(target=worker, args=(s,), daemon=True) for s in range(concurrency)]
    t0, cpu0 = time.perf_counter(), time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - t0
    result.client_cpu_s = time.process_time() - cpu0  # the generator's own share of the two cores
    result.latencies_ms = [x for slot in latencies for x in slot]
    return result


# --------------------------------------------------------------------------- the service under test

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def proc_cpu_s(pid: int) -> float | None:
    """User + system CPU seconds a process has used (``/proc/<pid>/stat``)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def proc_status_kb(pid: int, key: str) -> int | None:
    """A ``/proc/<pid>/status`` field in kB (VmHWM: peak resident set; VmRSS: current)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


class Service:
    """``uvicorn service.app:app --workers N`` on a free loopback port, as a context manager."""

    def __init__(self, workers: int = 1, model: str | None = None, log_path: Path | None = None,
                 ready_timeout: float = 120.0):
        self.workers = workers
        self.port = free_port()
        self.model = model
        self.log_path = log_path
        self.ready_timeout = ready_timeout
        self.proc: subprocess.Popen | None = None
        self.ready_seconds: float | None = None

    def __enter__(self) -> "Service":
        env = dict(os.environ, POLITAG_LOG_LEVEL="warning")
        if self.model:
            env["POLITAG_MODEL_PATH"] = self.model
        cmd = [sys.executable, "-m", "uvicorn", "service.app:app", "--host", "127.0.0.1", "--port", str(self.port),
               "--workers", str(self.workers), "--log-level", "warning", "--no-access-log"]
        log = open(self.log_path, "w") if self.log_path else subprocess.DEVNULL
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        try:
            self._wait_ready()
        except Exception:
            self.stop()
            raise
        self.ready_seconds = time.perf_counter() - t0
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"service exited with code {self.proc.returncode} before it was ready")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=5) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"service not ready after {self.ready_timeout:.0f}s")

    def warm_up(self, bodies: list[bytes], path: str = "/v1/tag", timeout: float = 60.0) -> int:
        """/readyz answered by one worker says nothing of the others: send rounds of requests on
        2 connections per worker until a whole round succeeds (every worker has its model and has
        run each code path once). Returns the number of requests sent."""
        deadline = time.monotonic() + timeout
        sent = 0
        while time.monotonic() < deadline:
            n = 8 * self.workers
            r = run_load("127.0.0.1", self.port, path, bodies, n, 2 * self.workers)
            sent += n
            if r.errors == 0:
                return sent
            time.sleep(0.2)
        raise TimeoutError("service still failing requests after warm-up")

    def worker_pids(self) -> list[int]:
        """The processes that serve requests: the master itself with one worker, else its children
        (less multiprocessing's resource tracker)."""
        if self.proc is None:
            return []
        if self.workers <= 1:
            return [self.proc.pid]
        return [p for p in _children(self.proc.pid) if "resource_tracker" not in _cmdline(p)]

    def peak_rss_mb(self) -> dict[int, float]:
        out = {}
        for pid in self.worker_pids():
            kb = proc_status_kb(pid, "VmHWM")
            if kb is not None:
                out[pid] = round(kb / 1024, 1)
        return out

    def cpu_s(self) -> float:
        """CPU seconds used so far by the worker processes together."""
        return sum(x for x in map(proc_cpu_s, self.worker_pids()) if x is not None)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.http_load", description=__doc__.split("\n\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--path", default="/v1/tag")
    p.add_argument("--requests", type=int, default=200)
    p.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    p.add_argument("--body", default=None, help="a JSONL file of articles (default: one short sentence)")
    args = p.parse_args(argv)
    if args.body:
        bodies = [line.strip().encode() for line in open(args.body, encoding="utf-8") if line.strip()]
    else:
        bodies = [json.dumps({"body": "Thủ tướng Phạm Minh Chính chủ trì phiên họp Chính phủ thường kỳ."},
                             ensure_ascii=False).encode()]
    for c in args.concurrency:
        print(json.dumps(run_load(args.host, args.port, args.path, bodies, args.requests, c).summary()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

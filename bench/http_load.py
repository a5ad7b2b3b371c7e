"""HTTP load generators for loopback benchmarks (closed loop and open loop), and a service launcher.

Closed loop (``run_load``): ``concurrency`` threads each hold one keep-alive connection
(``http.client``) and send the next request as soon as the previous answer is read, until
``requests`` requests have been sent in total. It measures the service at saturation: the
latency it reports is mostly time spent queueing behind the other connections' requests.

Open loop (``run_open_loop``): request ``i`` is due at ``i / rate`` seconds after the start,
whatever happened to the earlier ones (a fixed arrival rate, as a newsroom CMS publishes). A pool
of threads, each with its own keep-alive connection, takes the requests in order and sends each
at its due time; the pool is sized so that a free connection is normally waiting. Latency is
measured from the *due* time, not from the moment the request actually left, so a request the
generator sent late (no free connection, or its thread got the CPU late) is charged the delay
instead of hiding it (no coordinated omission); late sends are counted and reported. Told how many
worker processes serve the port, it spreads its connections evenly over them and sends request
``i`` to worker ``i mod workers`` (a round-robin balancer in front of them; see ``open_connections``).

Threads and ``http.client`` cost less CPU per request than an asyncio client, which matters
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

from service.settings import Settings

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


HEADERS = {"Content-Type": "application/json", "Connection": "keep-alive"}


def _post(conn: http.client.HTTPConnection, path: str, body: bytes) -> tuple[int | str, http.client.HTTPConnection]:
    """POST on a keep-alive connection, read the whole answer. Returns the status (or the name of the
    exception) and the connection to send on next: a fresh one when the server closed it or it failed."""
    try:
        conn.request("POST", path, body=body, headers=HEADERS)
        resp = conn.getresponse()
        resp.read()
        if resp.getheader("connection", "").lower() != "close":
            return resp.status, conn
        outcome: int | str = resp.status
    except (OSError, http.client.HTTPException) as e:
        outcome = type(e).__name__
    conn.close()
    return outcome, http.client.HTTPConnection(conn.host, conn.port, timeout=conn.timeout)


def _error_counter(result, lock: threading.Lock):
    """Count a failed request by kind (``http_503``, ``ConnectionResetError``) in ``result``."""
    def error(kind: str) -> None:
        with lock:
            result.errors += 1
            result.error_kinds[kind] = result.error_kinds.get(kind, 0) + 1
    return error


def run_load(host: str, port: int, path: str, bodies: list[bytes], requests: int, concurrency: int,
             timeout: float = 60.0) -> LoadResult:
    """Send ``requests`` POSTs (bodies cycled in order) with ``concurrency`` keep-alive connections."""
    _check_loopback(host)
    result = LoadResult(concurrency=concurrency, requests=requests)
    counter = iter(range(requests))
    lock = threading.Lock()
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    error = _error_counter(result, lock)

    def worker(slot: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            t0 = time.perf_counter()
            outcome, conn = _post(conn, path, bodies[i % len(bodies)])
            if outcome == 200:
                latencies[slot].append((time.perf_counter() - t0) * 1000)
                with lock:
                    result.ok += 1
            else:
                error(outcome if isinstance(outcome, str) else f"http_{outcome}")
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


# --------------------------------------------------------------------------- open loop

LATE_MS = 10.0   # a send this much after its due time counts as late (thread wake-ups take ~0.1-1 ms)


def due_times(requests: int, rate: float) -> list[float]:
    """Seconds after the start at which each request is due: a fixed arrival rate."""
    if rate <= 0:
        raise ValueError("rate must be positive")
    return [i / rate for i in range(requests)]


def pool_size(rate: float, budget_s: float = 2.0, minimum: int = 8, maximum: int = 256) -> int:
    """Connections for an open-loop run: enough for ``budget_s`` seconds of requests in flight, so a
    connection is free at each due time unless answers take longer than that."""
    return max(minimum, min(maximum, int(rate * budget_s + 0.999)))


@dataclass
class OpenLoopResult:
    rate: float
    requests: int
    connections: int
    late_ms: float = LATE_MS
    ok: int = 0
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0               # from the first due time to the last answer
    client_cpu_s: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)   # due time -> answer read (successes)
    lags_ms: list[float] = field(default_factory=list)        # due time -> request written (every request)
    held: int = 0                      # requests no connection was free for at their due time
    connections_per_worker: list[int] = field(default_factory=list)
    requests_per_worker: list[int] = field(default_factory=list)

    @property
    def late(self) -> int:
        return sum(1 for x in self.lags_ms if x > self.late_ms)

    def summary(self) -> dict:
        lat, lags = self.latencies_ms, self.lags_ms
        return {
            "offered_rps": self.rate, "requests": self.requests, "connections": self.connections,
            "ok": self.ok, "errors": self.errors, "error_kinds": self.error_kinds,
            "seconds": round(self.seconds, 3), "client_cpu_s": round(self.client_cpu_s, 3),
            "throughput_rps": round(self.ok / self.seconds, 2) if self.seconds else 0.0,
            "p50_ms": _r(percentile(lat, 50)), "p95_ms": _r(percentile(lat, 95)),
            "p99_ms": _r(percentile(lat, 99)), "max_ms": _r(max(lat) if lat else None),
            "late_sends": self.late, "late_threshold_ms": self.late_ms, "held_no_free_connection": self.held,
            "send_lag_p99_ms": _r(percentile(lags, 99)), "send_lag_max_ms": _r(max(lags) if lags else None),
            "connections_per_worker": self.connections_per_worker, "requests_per_worker": self.requests_per_worker,
        }


def open_connections(host: str, port: int, n: int, workers: int | None = None, probe: str = "/readyz",
                     timeout: float = 60.0, tries: int = 40) -> list[tuple[http.client.HTTPConnection, int]]:
    """``n`` keep-alive connections, each with the index of the worker process that holds it.

    With ``workers`` > 1 each new connection asks ``probe`` (the service's ``/readyz`` answers its
    ``worker_pid``) and is kept only while its worker holds fewer than ``n / workers``: the workers of
    ``uvicorn --workers N`` share one listening socket, and the accept race can hand one worker all of
    a burst of new connections (it did, 120 of 120, in one trial of three on the development machine),
    after which a keep-alive client feeds that worker alone. Gives up balancing after ``tries * n``
    attempts and keeps what it has. Without ``workers``, every connection is worker 0."""
    out: list[tuple[http.client.HTTPConnection, int]] = []
    if not workers or workers <= 1:
        for _ in range(n):
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
            try:
                conn.connect()  # before the start: connecting is not part of any request's latency
            except OSError:
                pass            # the first request connects again, and reports the error if it fails
            out.append((conn, 0))
        return out
    quota = -(-n // workers)
    index: dict[object, int] = {}
    held: dict[int, int] = {}
    for _ in range(tries * n):
        if len(out) >= n:
            break
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            conn.request("GET", probe)
            resp = conn.getresponse()
            pid = json.loads(resp.read() or b"{}").get("worker_pid")
        except (OSError, http.client.HTTPException, ValueError, AttributeError):
            conn.close()
            continue
        w = index.setdefault(pid, len(index))
        if held.get(w, 0) >= quota:
            conn.close()
            continue
        held[w] = held.get(w, 0) + 1
        out.append((conn, w))
    while len(out) < n:  # balancing gave up: fill the pool as the accept race goes
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        out.append((conn, 0))
    return out


def run_open_loop(host: str, port: int, path: str, bodies: list[bytes], requests: int, rate: float,
                  connections: int | None = None, timeout: float = 60.0, late_ms: float = LATE_MS,
                  start_delay: float = 0.2, workers: int | None = None) -> OpenLoopResult:
    """Send ``requests`` POSTs (bodies cycled in order), request ``i`` due ``i / rate`` s after the
    start, from ``connections`` keep-alive connections (default ``pool_size(rate)``).

    ``workers``: the service's worker processes. The connections are then spread evenly over them
    (``open_connections``) and request ``i`` goes to worker ``i mod workers``, as a round-robin
    balancer in front of them would send it; without it, requests go to whichever connection is free."""
    _check_loopback(host)
    connections = connections or pool_size(rate)
    result = OpenLoopResult(rate=rate, requests=requests, connections=connections, late_ms=late_ms)
    due = due_times(requests, rate)
    pool = open_connections(host, port, connections, workers, timeout=timeout)
    groups = sorted({w for _, w in pool})
    counters = {w: iter(range(k, requests, len(groups))) for k, w in enumerate(groups)}
    result.connections_per_worker = [sum(1 for _, w in pool if w == g) for g in groups]
    result.requests_per_worker = [len(range(k, requests, len(groups))) for k in range(len(groups))]
    lock = threading.Lock()
    lat: list[float | None] = [None] * requests
    lag: list[float] = [0.0] * requests
    ends: list[float] = [0.0] * requests
    held = [0]
    error = _error_counter(result, lock)

    def worker(conn: http.client.HTTPConnection, group: int) -> None:
        counter = counters[group]
        ready.wait()
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            t_due = t0 + due[i]
            now = time.perf_counter()
            if now > t_due + late_ms / 1000:
                with lock:
                    held[0] += 1   # every connection (of this worker) was busy at the due time
            elif now < t_due:
                time.sleep(t_due - now)
            t_sent = time.perf_counter()
            lag[i] = (t_sent - t_due) * 1000
            outcome, conn = _post(conn, path, bodies[i % len(bodies)])
            ends[i] = time.perf_counter()
            if outcome == 200:
                lat[i] = (ends[i] - t_due) * 1000
            else:
                error(outcome if isinstance(outcome, str) else f"http_{outcome}")
        conn.close()

    ready = threading.Event()
    threads = [threading.Thread(target=worker, args=(c, w), daemon=True) for c, w in pool]
    for t in threads:
        t.start()
    t0 = time.perf_counter() + start_delay   # every thread is waiting on ``ready`` well before it
    cpu0 = time.process_time()
    ready.set()
    for t in threads:
        t.join()
    result.seconds = max(ends) - t0 if requests else 0.0
    result.client_cpu_s = time.process_time() - cpu0   # the generator's own share of the two cores
    result.latencies_ms = [x for x in lat if x is not None]
    result.ok = len(result.latencies_ms)
    result.lags_ms = lag
    result.held = held[0]
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
               "--workers", str(self.workers), "--log-level", "warning", "--no-access-log",
               # as `politag serve` runs it: uvicorn's own 5 s would close pooled connections that a burst
               # has not needed for a while, and the next send on one fails with a broken pipe
               "--timeout-keep-alive", str(Settings.from_env().keep_alive_seconds)]
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
    p.add_argument("--rate", type=float, nargs="+", default=None,
                   help="open loop instead: offered rates (requests/s), --requests each")
    p.add_argument("--body", default=None, help="a JSONL file of articles (default: one short sentence)")
    args = p.parse_args(argv)
    if args.body:
        bodies = [line.strip().encode() for line in open(args.body, encoding="utf-8") if line.strip()]
    else:
        bodies = [json.dumps({"body": "Thủ tướng Phạm Minh Chính chủ trì phiên họp Chính phủ thường kỳ."},
                             ensure_ascii=False).encode()]
    if args.rate:
        for rate in args.rate:
            print(json.dumps(run_open_loop(args.host, args.port, args.path, bodies, args.requests, rate).summary()))
        return 0
    for c in args.concurrency:
        print(json.dumps(run_load(args.host, args.port, args.path, bodies, args.requests, c).summary()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

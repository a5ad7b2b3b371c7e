"""The open-loop load generator of the benchmark (``bench.http_load``): its schedule, how it counts
late sends, and one short run against a stub server on the loopback (no timing is asserted)."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.http_load import OpenLoopResult, due_times, pool_size, run_open_loop


def test_requests_are_due_at_a_fixed_rate():
    assert due_times(4, 40.0) == [0.0, 0.025, 0.05, 0.075]
    assert due_times(0, 60.0) == []
    with pytest.raises(ValueError):
        due_times(3, 0)


def test_the_pool_holds_two_seconds_of_requests_within_bounds():
    assert pool_size(60) == 120
    assert pool_size(1) == 8          # never fewer than 8 connections
    assert pool_size(1000) == 256     # nor more than 256 threads


def test_late_sends_are_counted_from_the_due_time():
    r = OpenLoopResult(rate=60, requests=4, connections=8, late_ms=10.0,
                       latencies_ms=[20.0, 30.0, 250.0, 40.0], lags_ms=[0.1, 9.9, 10.5, 120.0], seconds=0.1, ok=4)
    s = r.summary()
    assert s["late_sends"] == 2
    assert s["send_lag_max_ms"] == 120.0
    assert s["p99_ms"] == 250.0 and s["p50_ms"] == 30.0


class _Stub(BaseHTTPRequestHandler):
    """Answers 200, or 500 when the article's body says "lỗi"; ``/readyz`` names one of two pretend
    worker processes by the client's port (Linux gives connect() even ports: the next bit), a random
    accept race."""
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        payload = json.dumps({"status": "ready", "worker_pid": 1000 + self.client_address[1] // 2 % 2}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        status = 500 if body["body"] == "lỗi" else 200
        payload = json.dumps({"id": body.get("id")}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


def test_open_loop_run_against_a_stub_counts_answers_and_errors():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        bodies = [json.dumps({"id": "a", "body": "Thủ tướng Phạm Minh Chính chủ trì phiên họp Chính phủ."},
                             ensure_ascii=False).encode(),
                  json.dumps({"id": "b", "body": "lỗi"}, ensure_ascii=False).encode()]
        r = run_open_loop("127.0.0.1", server.server_address[1], "/v1/tag", bodies, requests=10, rate=200.0,
                          connections=4, start_delay=0.05)
    finally:
        server.shutdown()
        server.server_close()
    s = r.summary()
    assert (s["ok"], s["errors"], s["error_kinds"]) == (5, 5, {"http_500": 5})
    assert len(r.lags_ms) == 10 and len(r.latencies_ms) == 5
    assert all(x >= 0 for x in r.latencies_ms)


def test_with_two_workers_connections_and_requests_are_spread_evenly():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        body = json.dumps({"id": "a", "body": "Bộ Chính trị họp bàn về công tác cán bộ."}, ensure_ascii=False).encode()
        r = run_open_loop("127.0.0.1", server.server_address[1], "/v1/tag", [body], requests=11, rate=200.0,
                          connections=8, start_delay=0.05, workers=2)
    finally:
        server.shutdown()
        server.server_close()
    s = r.summary()
    assert s["connections_per_worker"] == [4, 4]
    assert s["requests_per_worker"] == [6, 5] and s["ok"] == 11 and s["errors"] == 0


def test_only_loopback_targets_are_accepted():
    with pytest.raises(ValueError):
        run_open_loop("8.8.8.8", 80, "/", [b"{}"], requests=1, rate=1.0)

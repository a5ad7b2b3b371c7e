"""Assertions and a real-service fixture shared by the contract tests."""
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_service(timeout: float = 90, workers: int = 1):
    """A real uvicorn process (service.app:app) on a free loopback port, ready; yields (base URL, process).
    With ``workers`` > 1 it is ``politag serve --workers N`` (the process is uvicorn's supervisor)."""
    port = free_port()
    env = {**os.environ, "POLITAG_LOG_LEVEL": "warning"}
    if workers > 1:
        cmd = [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers)]
    else:
        cmd = [sys.executable, "-m", "uvicorn", "service.app:app", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            try:
                with urllib.request.urlopen(base + "/readyz", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if proc.poll() is not None:
                pytest.fail(proc.stderr.read().decode())
            if time.time() > deadline:
                pytest.fail(f"the service did not become ready in {timeout:.0f} s")
            time.sleep(0.2)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def assert_offsets(result: dict) -> None:
    """Every span in a result points at exactly its text in result['text']."""
    text = result["text"]
    for e in result["entities"]:
        assert text[e["start"]:e["end"]] == e["text"], e
    for d in result["documents"]:
        assert text[d["start"]:d["end"]] == d["text"], d
        for m in d.get("mentions", []):
            assert text[m["start"]:m["end"]] == m["text"], m
    for group in ("persons", "organizations", "locations"):
        for item in result[group]:
            for m in item.get("mentions", []):
                assert text[m["start"]:m["end"]] == m["text"], (group, m)
    for p in result["persons"]:
        for pos in p["positions"]:
            assert text[pos["start"]:pos["end"]] == pos["text"], pos

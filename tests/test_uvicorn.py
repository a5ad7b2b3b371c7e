"""The service in a real uvicorn process answers the example article."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import assert_offsets

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    env = {**os.environ, "POLITAG_LOG_LEVEL": "warning"}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "service.app:app", "--host", "127.0.0.1",
                             "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as r:
                if r.status == 200:
                    break
        except Exception:
            if proc.poll() is not None:
                pytest.fail(proc.stderr.read().decode())
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("service did not become ready in 120 s")
    yield base
    proc.terminate()
    proc.wait(timeout=20)


def post(url, payload):
    req = urllib.request.Request(url, data=json.dumps(payload).encode(), headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def test_example_article_through_uvicorn(server, example_article):
    status, res = post(server + "/v1/tag?include_text=true", example_article)
    assert status == 200
    assert res["model"]["name"]
    assert_offsets(res)
    assert "ONG CHIEN DT" in res["text"]  # the text is returned as sent ...
    assert not [e for e in res["entities"] if "CHIEN" in e["text"]]  # ... but noise yields no entity


def test_errors_through_uvicorn(server):
    status, res = post(server + "/v1/tag", {"body": ""})
    assert status == 422 and res["error"]["code"] == "invalid_request"

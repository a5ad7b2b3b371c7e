"""The service in a real uvicorn process answers the example article."""
import json
import urllib.error
import urllib.request

import pytest

from helpers import assert_offsets, running_service


@pytest.fixture(scope="module")
def server():
    with running_service(timeout=120) as (base, _):
        yield base


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

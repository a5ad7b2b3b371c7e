"""Assertions shared by the contract tests."""


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

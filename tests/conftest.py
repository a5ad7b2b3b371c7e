from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def example_article() -> dict:
    """The real CMS article from Báo Đắk Nông (10/06/2024), as delivered, with boilerplate and caption noise."""
    raw = (FIXTURES / "baodaknong_2024-06-10_dan-van.txt").read_text(encoding="utf-8")
    return {"id": "baodaknong-2024-06-10", "body": raw}


@pytest.fixture(scope="session")
def tagger():
    from tagger import Tagger
    return Tagger.load()

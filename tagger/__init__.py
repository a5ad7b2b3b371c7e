"""politag engine: Vietnamese political-news tagging (text in, ``TagResult`` out)."""
from .engine import Tagger  # noqa: F401
from .types import Article, ArticleError, TagResult  # noqa: F401

__version__ = "0.1.0"

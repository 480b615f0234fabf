"""Attribution: who said what, direct, indirect and mixed. See issue 4."""
from tidings.quotes.finder import find_quotes

__all__ = ["find_quotes"]

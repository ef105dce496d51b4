"""Site search without a search engine: a sharded character-bigram index plus page text blocks.

Why this shape: readers are on old phones, so the browser downloads only the few shards holding the
query's bigrams and a few short text blocks, never an index of the whole site (see docs in
xiaobao/search/index.py). Exactness comes from verifying the query string in the block text.
"""

from xiaobao.search.index import IndexedPage, build_index, write_index
from xiaobao.search.job import PageSource, build_and_write, page_text
from xiaobao.search.text import html_to_text, normalize, query_words

__all__ = ["IndexedPage", "PageSource", "build_and_write", "build_index", "page_text", "write_index", "html_to_text", "normalize", "query_words"]

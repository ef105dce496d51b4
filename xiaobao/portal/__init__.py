"""Portal mode: one site over many members' published open data, without rebuilding their pages.

A portal project is a Xiaobao project whose mkdocs.yml lists member sites under `extra.portal`.
The build fetches each member's data/ files (fetch.py, kept in a cache between builds), checks
them against the published formats and for hostile content (checks.py), adds up the figures with
DuckDB (engine.py) and makes totals pages, listings that link to the members' own pages, a merged
open-data package and the search sources (pages.py, opendata.py). steps.py is what a build calls.
Nothing here imports MkDocs.
"""

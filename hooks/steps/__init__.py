"""The steps hooks/entry.py calls: each hands MkDocs' files and pages to the logic in xiaobao/."""

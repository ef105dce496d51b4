"""The build cache: results reused between builds when every input is the same (store.py)."""

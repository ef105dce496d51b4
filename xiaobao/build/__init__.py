"""Build plumbing: the background child, staged generated files, the link check."""

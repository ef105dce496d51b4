"""Our scripts and stylesheets and Material's, as readers download them (minified, pruned)."""

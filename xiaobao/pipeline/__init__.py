"""How one build runs, without MkDocs: settings, the build's state, the outputs table, the
background child, the atomic swap of the output folder and the link check."""

"""Measuring the importer against hand-labelled public reports (scoring only; no MkDocs, no importer rules)."""

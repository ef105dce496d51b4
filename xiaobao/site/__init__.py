"""The pages built from the catalog: totals, facets, listings, cards, charts, sanitising, templates."""

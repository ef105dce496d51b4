"""Reading and checking campaign files: front matter, schema and vocabularies, figures, dates, personal data, the catalog."""

"""Xiaobao: domain logic for the consumer-rights education site (no MkDocs imports here)."""

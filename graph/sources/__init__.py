"""Readers, one per kind of input: a reader knows its format and yields records, never triples."""

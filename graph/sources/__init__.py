"""Sources: one reader per kind of input; a reader knows its format and yields records, never triples.

Takes documents (film pages, reviews, press pages with their sidecars: documents), curated files
and dataset files (registry names the readers) and gives Records (records): entities, claims
between them, each with its provenance (source, character span or row), and what could not be
read with its place. May import the ground floor alone (graph.text, graph.errors,
graph.namespace, graph.ontology).
"""

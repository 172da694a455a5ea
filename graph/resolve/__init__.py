"""Resolve: one entity per real thing across all sources.

Takes the records of every source (graph.sources) and gives a Resolution: each record's entity
resolved to one IRI, the merges with their evidence, the near-misses kept apart and the
conflicts; then which known film each unnamed text is probably about (identify, link_reviews),
and the addresses placed in their arrondissement (geoplace). May import the ground floor
(graph.text, graph.errors, graph.namespace, graph.ontology) and graph.sources.
"""

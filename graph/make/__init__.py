"""Make: records and their resolution to RDF.

Takes a Resolution and the sources' records and gives quads, one named graph per source plus
the graphs of names, sources (PROV-O) and hypotheses (rdf), and their text in Turtle, TriG or
N-Triples with the project's prefixes (serialize). May import the ground floor, graph.sources
and graph.resolve.
"""

"""The Paris cinema knowledge graph: documents and open data become RDF, SPARQL, NetworkX and HTML."""

__version__ = "0.1.0"

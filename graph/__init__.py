"""The Paris cinema knowledge graph: documents and open data become RDF, SPARQL, NetworkX and HTML.

One folder per stage of the data flow, lowest first; a module imports from its own stage or an
earlier one only (tests/test_package_layout.py): text, errors, namespace and ontology (the ground
floor) < sources < resolve < make < check < store < network < picture < build < serve < cli.
"""

__version__ = "0.1.0"

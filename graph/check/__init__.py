"""Check: the graph against its SHACL shapes (ontology/shapes.ttl).

Takes an rdflib graph (or a store and the nodes that changed) and gives a Validation: conforms,
or which node broke which shape from which source. shacl runs pySHACL; focused checks again
only what a rebuild touched; job runs the check in a forked process beside the writing. May
import the ground floor, graph.sources, graph.resolve and graph.make.
"""

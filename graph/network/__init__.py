"""Network: the NetworkX projection of the store and the analytics on it.

Takes a store and gives graphs: entities as nodes, entity-to-entity statements as edges,
literals as attributes (projection, or store_view for the link structure alone), and what is
computed on them: paths told in words (paths, phrases), stats, centralities and communities
(analyse, collaboration, analysis_rdf), films near a place (nearby), and the files people take
elsewhere (export: RDF, GraphML, GEXF). May import graph.store and every stage before it.
"""

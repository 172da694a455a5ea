"""Picture: the HTML picture of the links and the map of where Paris was filmed.

Takes a store (or its projection) and gives self-contained HTML pages: which entities to draw
(views), where (layout), the page itself with vis-network inlined (viz), the shoots read for the
map (shoots) and the map with Leaflet inlined (shootmap), and a page a notebook shows
(notebook). May import graph.network and every stage before it.
"""

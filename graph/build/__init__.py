"""Build: the pipeline from data/ to out/, and the rebuild that patches the previous build.

Takes BuildOptions (the data folder, the datasets, out/) and gives the build folder: Turtle, TriG,
the store, the picture and the resolution report, written beside out/ and moved into place.
pipeline is the recipe; options say what a build is asked and summary what it tells; inputs
reads the sources, writing writes a build (whole, or patched by rebuild), state and cache keep
what the next build reuses, pieces and parts cut the files and graphs so that a rebuild patches
them. May import every stage before it (sources to picture).
"""

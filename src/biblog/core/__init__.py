"""What needs neither Sphinx nor docutils: records, front matter, notes, digests, files; for the build,
the command line and the tests alike."""

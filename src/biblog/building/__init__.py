"""How a build runs and stays honest: output of removed or unwritten pages, undecodable sources,
problems reported again on every build, parallel reading, garbage collection."""

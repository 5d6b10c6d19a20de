"""The biblog command line: its commands, and the project read from its sources without a build."""

"""`make bench`: every performance figure with its target, measured in one run and printed."""

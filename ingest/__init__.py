"""Bringing figures and records in: readers, mapping, checks, all-or-nothing writes."""

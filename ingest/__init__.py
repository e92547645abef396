"""Bringing figures in: readers, checks, plan, all-or-nothing write, batches and undo."""

"""Tests written to kill surviving mutants (make mutate): each says which behaviour it pins."""
from __future__ import annotations

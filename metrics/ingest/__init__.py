"""`python -m metrics.ingest`, kept for those who learnt it: the import lives in the `ingest` package."""

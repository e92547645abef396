"""Dossier records: their Parquet dataset beside the store, the demo records, the monthly KPIs (DuckDB, Spark)."""

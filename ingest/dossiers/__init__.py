"""Dossier records in: exported files (CSV, XLSX, Parquet) and a live PostgreSQL, mapped and checked."""

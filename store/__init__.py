"""Building the store: reference data, published record, demo, roll-ups, and the dossier records."""

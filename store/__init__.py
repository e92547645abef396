"""Building the store: reference data, the published record, demo data and its calibration,
the roll-up tables, and the copy-on-write swap every writer goes through."""

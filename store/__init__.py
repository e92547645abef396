"""Building the store: reference data, the published record, demo data and its calibration, roll-ups."""

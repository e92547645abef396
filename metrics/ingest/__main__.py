"""`python -m metrics.ingest ...` runs `python -m ingest ...`."""
import runpy

runpy.run_module("ingest", run_name="__main__", alter_sys=True)

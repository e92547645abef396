"""`python -m metrics.communes`, kept for those who learnt it: see `python -m store.communes`."""
import runpy

if __name__ == "__main__":
    runpy.run_module("store.communes", run_name="__main__", alter_sys=True)

"""`python -m metrics.build`, kept for those who learnt it: the store is built by `python -m store.build`."""
import runpy

if __name__ == "__main__":
    runpy.run_module("store.build", run_name="__main__", alter_sys=True)

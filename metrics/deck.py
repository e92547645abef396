"""`python -m metrics.deck`, kept for those who learnt it: the monthly deck is `python -m exports.monthly_deck`."""
import runpy

if __name__ == "__main__":
    runpy.run_module("exports.monthly_deck", run_name="__main__", alter_sys=True)

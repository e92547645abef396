"""`python -m bench`: every benchmark of the project, printed in one run."""
from __future__ import annotations

from bench.bench_store import bench_build, bench_monthly_deck, bench_page_reruns, bench_queries


def main() -> None:
    print("== store and metrics layer ==")
    path = bench_build()
    bench_queries(path)
    print("== pages ==")
    try:
        bench_page_reruns(path)
    except Exception as error:  # a page benchmark must not hide the other figures
        print(f"  page reruns not measured: {error}")
    print("== exports ==")
    bench_monthly_deck(path)
    try:
        from bench import bench_exports

        bench_exports.main()
    except Exception as error:
        print(f"  exports not measured: {error}")


if __name__ == "__main__":
    main()

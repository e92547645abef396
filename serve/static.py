"""Streamlit's static files (the app's HTML, scripts, styles, icons, fonts), mirrored once per
Streamlit version under .cache/static/, with a gzip and a brotli copy beside every file that
compresses, so nginx serves them pre-compressed (gzip_static, brotli_static) instead of
compressing on every request or leaving it to a worker.

    python -m serve.static   # make setup runs it; `serve` checks it is there
"""
from __future__ import annotations

import gzip
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "static"
COMPRESSIBLE = (".js", ".css", ".html", ".json", ".svg", ".ttf", ".otf", ".txt", ".map", ".wasm")
BROTLI_QUALITY = 9  # 11 takes ~35 s for Streamlit's 23 MB here, for 2-3% fewer bytes
DONE = ".complete"
RECIPE = 1  # raise when what the mirror holds changes, so old mirrors are made again


def streamlit_static() -> Path:
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static"


def mirror_dir() -> Path:
    import streamlit

    return CACHE / f"streamlit-{streamlit.__version__}-r{RECIPE}"


def _compress(path: Path) -> None:
    data = path.read_bytes()
    Path(f"{path}.gz").write_bytes(gzip.compress(data, 9, mtime=0))
    try:
        import brotli
    except ImportError:  # nginx then serves the .gz
        return
    Path(f"{path}.br").write_bytes(brotli.compress(data, quality=BROTLI_QUALITY))


def ensure_mirror() -> Path:
    """The mirror folder, made if missing (a few seconds), ready for nginx's `root`."""
    target = mirror_dir()
    if (target / DONE).exists():
        return target
    building = target.with_name(target.name + f".building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    shutil.copytree(streamlit_static(), building)
    for path in building.rglob("*"):
        if path.is_file() and path.suffix in COMPRESSIBLE and path.stat().st_size > 512:
            _compress(path)
    (building / DONE).touch()
    shutil.rmtree(target, ignore_errors=True)
    building.rename(target)
    for old in CACHE.glob("streamlit-*"):
        if old != target:
            shutil.rmtree(old, ignore_errors=True)
    return target


if __name__ == "__main__":
    where = ensure_mirror()
    files = sum(1 for p in where.rglob("*") if p.is_file())
    print(f"Streamlit's static files, pre-compressed for nginx: {where} ({files} files)", file=sys.stderr)

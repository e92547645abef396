"""Be Vietnam Pro, taken from the `fontpkg-be-vietnam-pro` wheel, made available to the two
places that draw text: Chromium (used by Kaleido for PNG/SVG exports) through fontconfig, and the
visitor's browser through Streamlit's static file serving (`static/fonts/`, declared in
`.streamlit/config.toml`) as WOFF2 web fonts (fontTools with Brotli: about 40% of the TTF's bytes).

`python -m charts.fonts` does both at setup; `ensure_fonts_installed()` is idempotent and costs a
few `stat` calls once done, so the export code calls it before starting the engine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

FAMILY = "Be Vietnam Pro"
# The faces the charts and the UI use: body, medium, semibold titles, bold, and their italics.
FILE_NAMES = (
    "BeVietnamPro-Regular.ttf",
    "BeVietnamPro-Italic.ttf",
    "BeVietnamPro-Medium.ttf",
    "BeVietnamPro-SemiBold.ttf",
    "BeVietnamPro-Bold.ttf",
    "BeVietnamPro-BoldItalic.ttf",
)
PROJECT_ROOT = Path(__file__).resolve().parent.parent
STATIC_FONT_DIR = PROJECT_ROOT / "static" / "fonts"
# Used only when the home directory is not writable: a project font dir plus a FONTCONFIG_FILE
# that includes the system configuration, so Chromium still finds every other font.
FALLBACK_FONT_DIR = PROJECT_ROOT / ".cache" / "fonts"

_lock = threading.Lock()
_installed_dir: Path | None = None


def package_font_files() -> list[Path]:
    """Return the paths of the TTF files inside the installed wheel (FileNotFoundError if absent)."""
    import fontpkg_be_vietnam_pro

    files = [fontpkg_be_vietnam_pro.ROOT / "files" / name for name in FILE_NAMES]
    missing = [f.name for f in files if not f.is_file()]
    if missing:
        raise FileNotFoundError(f"fontpkg-be-vietnam-pro lacks {', '.join(missing)}")
    return files


def user_font_dir() -> Path:
    """Return the fontconfig user font directory for this family (XDG data home)."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "fonts" / "be-vietnam-pro"


def _copy_if_changed(files: list[Path], target: Path) -> bool:
    """Copy files into target unless an identical-size copy is there; True if anything changed."""
    target.mkdir(parents=True, exist_ok=True)
    changed = False
    for src in files:
        dst = target / src.name
        if not dst.is_file() or dst.stat().st_size != src.stat().st_size:
            shutil.copyfile(src, dst)
            changed = True
    return changed


def _write_web_fonts(files: list[Path], target: Path) -> None:
    """A WOFF2 copy of each TTF in target (made again when the TTF is newer); TTFs left there
    by an older set-up are removed, since nothing asks for them any more."""
    from fontTools.ttLib import TTFont

    target.mkdir(parents=True, exist_ok=True)
    for src in files:
        dst = target / (src.stem + ".woff2")
        if dst.is_file() and dst.stat().st_mtime >= src.stat().st_mtime:
            continue
        font = TTFont(src)
        font.flavor = "woff2"
        partial = dst.with_suffix(".woff2.tmp")
        font.save(partial)
        partial.replace(dst)
    for old in target.glob("*.ttf"):
        old.unlink()


def _refresh_cache(directory: Path) -> None:
    """Run fc-cache on one directory; fontconfig rescans stale dirs anyway, so a miss is harmless."""
    if shutil.which("fc-cache"):
        subprocess.run(["fc-cache", "-f", str(directory)], check=False, capture_output=True)


def _use_fallback_config(files: list[Path]) -> Path:
    """Install into the project font dir and point FONTCONFIG_FILE at a config that adds it."""
    changed = _copy_if_changed(files, FALLBACK_FONT_DIR)
    conf = FALLBACK_FONT_DIR.parent / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        "  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n"
        f"  <dir>{FALLBACK_FONT_DIR}</dir>\n"
        f"  <cachedir>{FALLBACK_FONT_DIR.parent / 'fontconfig'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    os.environ["FONTCONFIG_FILE"] = str(conf)
    if changed:
        _refresh_cache(FALLBACK_FONT_DIR)
    return FALLBACK_FONT_DIR


def ensure_fonts_installed(static_dir: Path | None = STATIC_FONT_DIR) -> Path:
    """Make Be Vietnam Pro visible to fontconfig (and copy it to `static_dir` for the browser).

    Returns the directory fontconfig reads the fonts from. Safe to call from several threads and
    many times: after the first call in a process it returns at once.
    """
    global _installed_dir
    with _lock:
        if _installed_dir is not None:
            return _installed_dir
        files = package_font_files()
        try:
            directory = user_font_dir()
            if _copy_if_changed(files, directory):
                _refresh_cache(directory)
        except OSError:
            directory = _use_fallback_config(files)
        if static_dir is not None:
            try:
                _write_web_fonts(files, static_dir)
            except OSError:
                pass  # A read-only checkout still renders; the browser falls back to sans-serif.
        _installed_dir = directory
        return directory


def is_visible_to_fontconfig() -> bool:
    """Return True if `fc-list` lists the family (what Chromium will see)."""
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False)
    return FAMILY in out.stdout


if __name__ == "__main__":
    where = ensure_fonts_installed()
    seen = "yes" if is_visible_to_fontconfig() else "NO"
    print(f"{FAMILY}: fontconfig dir {where} (fc-list sees it: {seen}); static {STATIC_FONT_DIR}")

"""Rendering Plotly figures to images with one Kaleido engine (a headless Chromium) kept warm for
the life of the process: the first image pays 2-4 s to start it, later ones 0.2-0.5 s; and
whether images can be made on this machine at all, with the reason when not."""
from __future__ import annotations

import atexit
import functools
import threading
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from l10n import t

RENDER_TIMEOUT_S = 60.0
# Maps draw on a geo subplot, for which plotly.js fetches a world base map even with every layer
# hidden; a stub of it ships in static/geo/ (charts.maps), so an export never goes to the network.
BASEMAP_URI = (Path(__file__).resolve().parent.parent / "static" / "geo").as_uri() + "/"


class ExportUnavailable(RuntimeError):
    """Raised when no image can be rendered; the message is the reason to show the user."""


class _Engine:
    """One Kaleido sync server per process, started lazily; renders are serialised by a lock
    because Kaleido's server pairs requests and replies through shared queues."""

    lock = threading.Lock()
    started = False
    failure: str | None = None

    @classmethod
    def render(cls, fig: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
        with cls.lock:
            if cls.failure:
                raise ExportUnavailable(cls.failure)
            kaleido = cls._start()
            result: dict[str, Any] = {}

            def work() -> None:
                try:
                    # kaleido directly, not pio.to_image: that passes `kopts`, which a running
                    # server ignores with a warning on every image.
                    result["bytes"] = kaleido.calc_fig_sync(
                        fig.to_dict(), opts={"format": fmt, "width": width, "height": height, "scale": scale},
                        topojson=pio.defaults.topojson or BASEMAP_URI,
                    )
                except Exception as exc:  # noqa: BLE001 - reported to the caller below
                    result["error"] = exc

            # A daemon thread with a timeout: if Chromium dies, Kaleido's queue would block forever.
            worker = threading.Thread(target=work, name="kaleido-render", daemon=True)
            worker.start()
            worker.join(RENDER_TIMEOUT_S)
            if worker.is_alive():
                cls.failure = f"no answer after {RENDER_TIMEOUT_S:.0f} s"
                raise ExportUnavailable(cls.failure)
            if "error" in result:
                raise result["error"]
            return result["bytes"]

    @classmethod
    def _start(cls):
        """Start the engine once; return the kaleido module."""
        import kaleido

        if cls.started:
            return kaleido

        from charts.fonts import ensure_fonts_installed

        try:
            ensure_fonts_installed()
        except (OSError, ImportError):
            pass  # Noto Sans / DejaVu Sans still carry every Vietnamese letter.
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        cls.started = True
        return kaleido


@functools.cache
def _installed_chromium() -> str | None:
    from choreographer.browsers.chromium import Chromium

    return Chromium.find_browser(skip_local=False)


def _chromium_path() -> str | None:
    """Looked up once per process: every chart's export row asks, on every rerun (a walk of
    $PATH, 1-2 ms each)."""
    return _installed_chromium()


def export_available(lang: str = "vi") -> tuple[bool, str]:
    """Return (True, "") if PNG/SVG export can work here, else (False, reason in `lang`).

    Cheap (no browser is started): checks kaleido, a Chromium, and an earlier engine failure.
    """
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False, t("image_no_kaleido", lang)
    if _Engine.failure:
        return False, t("image_engine_failed", lang, error=_Engine.failure)
    try:
        found = _chromium_path()
    except Exception:  # noqa: BLE001 - any failure to look means we cannot render
        found = None
    if not found:
        return False, t("image_no_chromium", lang)
    return True, ""


def render(fig: go.Figure, fmt: str, width: int, height: int, scale: float = 1.0) -> bytes:
    """Render a figure as it is (png, svg, pdf, jpeg, webp) with the warm engine."""
    ok, reason = export_available()
    if not ok:
        raise ExportUnavailable(reason)
    return _Engine.render(fig, fmt, width, height, scale)

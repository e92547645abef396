"""Opening a page of the dashboard in AppTest as a shared link does, and reading what it drew."""
from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

ROOT = Path(__file__).resolve().parent.parent


def open_page(url_path: str, params: dict[str, str] | None = None, lang: str = "vi",
              boundary: str | None = None, timeout: float = 120) -> AppTest:
    """A new browser tab opened on /url_path?lang=&map=&params, after its first run.

    AppTest has no public way to start on a page other than the default one, and a first run on
    the default page would leave its selections in the session (so the link's own would be
    ignored, as they are when a user moves between pages). So the first run asks for the page's
    script hash, which st.Page derives from its url_path, as a browser request does."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    at.query_params["lang"] = lang
    if boundary:
        at.query_params["map"] = boundary
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at._page_hash = calc_hash(url_path)
    return at.run()


def opener(url_path: str):
    """open_page(lang="vi", **params) for one page, asserting the page ran without an exception."""
    def open_clean(lang: str = "vi", **params: str) -> AppTest:
        at = open_page(url_path, params, lang)
        assert_clean(at)
        return at
    return open_clean


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def decoded(value):
    """A Plotly array as a list: figures travel to the browser with numbers base64-packed."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = [int(n) for n in str(value.get("shape", len(array))).split(",")]
        return array.reshape(shape).tolist()
    return value


def chart_titles(at: AppTest) -> list[str]:
    """The charts' titles in page order: the screen draws them as HTML above each chart
    (ui.page_common.screen_figure), so they wrap on a phone."""
    import html
    import re

    found = [re.search(r"class='cchc-chart-title'[^>]*>(.*?)</p>", m.value, re.S) for m in at.markdown]
    return [html.unescape(m.group(1)) for m in found if m]

"""The nginx configuration for N workers, written from serve/nginx.conf.template into a run
folder, and the security headers and proxy settings it includes. Placeholders are {{name}}:
nginx's own $variables and braces pass through untouched."""
from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)

PROXY_CONF = """\
proxy_set_header Host $http_host;
proxy_set_header X-Real-IP $remote_addr;
proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
proxy_set_header X-Forwarded-Proto $scheme;
proxy_connect_timeout 2s;
proxy_next_upstream error timeout http_502 http_503;
proxy_next_upstream_tries 3;
"""


@dataclass(frozen=True)
class Upstream:
    port: int
    down: bool = False  # the supervisor found it dead or unhealthy


def nginx_binary() -> str:
    found = shutil.which("nginx") or (NGINX if Path(NGINX).exists() else None)
    if not found:
        raise FileNotFoundError("nginx is not installed: `make setup` installs it (Debian package nginx)")
    return found


def render(template: str, values: dict[str, str]) -> str:
    """Fill every {{name}}; KeyError names a placeholder without a value."""
    missing = sorted(set(PLACEHOLDER.findall(template)) - values.keys())
    if missing:
        raise KeyError(f"no value for {', '.join(missing)} in {TEMPLATE.name}")
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)


def content_security_policy(index_html: Path) -> str:
    """What the app may load: its own scripts (and the inline script of Streamlit's index.html, by
    hash), styles (Streamlit's components set inline styles), images and fonts from itself or
    data:/blob: URLs, its own websocket; no plugins, no framing by other sites."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in INLINE_SCRIPT.findall(index_html.read_text(encoding="utf-8")))
    return ("default-src 'self'; "
            f"script-src 'self' {hashes} 'wasm-unsafe-eval'; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; "
            "connect-src 'self' ws: wss:; worker-src 'self' blob:; frame-src 'self' blob:; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")


def headers_conf(index_html: Path) -> str:
    headers = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "SAMEORIGIN",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Content-Security-Policy": content_security_policy(index_html),
    }
    return "".join(f'add_header {name} "{value}" always;\n' for name, value in headers.items())


def write_config(run_dir: Path, listen: str, upstreams: list[Upstream], static_root: Path, app_static: Path,
                 max_upload_mb: int = 10) -> Path:
    """run_dir/nginx.conf (with headers.conf and proxy.conf beside it); returns its path."""
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    (run_dir / "headers.conf").write_text(headers_conf(static_root / "index.html"), encoding="utf-8")
    (run_dir / "proxy.conf").write_text(PROXY_CONF, encoding="utf-8")
    servers = "\n".join(f"        server 127.0.0.1:{u.port} max_fails=1 fail_timeout=5s{' down' if u.down else ''};"
                        for u in upstreams)
    brotli = BROTLI_MODULE.exists()
    text = render(TEMPLATE.read_text(encoding="utf-8"), {
        "run_dir": run_dir, "listen": listen, "servers": servers, "static_root": static_root,
        "app_static": app_static, "max_upload_mb": max_upload_mb,
        "load_modules": f"load_module {BROTLI_MODULE};" if brotli else "# no brotli_static module: .gz only",
        "brotli": "brotli_static on;" if brotli else "",
        # Started as root, nginx runs its workers as an unprivileged user, who must be able to
        # read the checkout (static files) and the run folder.
        "user": "user www-data;" if os.geteuid() == 0 and _has_user("www-data") else "",
    })
    path = run_dir / "nginx.conf"
    path.write_text(text, encoding="utf-8")
    return path


def _has_user(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def check_config(path: Path) -> None:
    """`nginx -t` on the file; RuntimeError with nginx's words if it is refused."""
    done = subprocess.run([nginx_binary(), "-t", "-q", "-p", str(path.parent), "-c", str(path)],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"nginx refused {path}:\n{done.stderr.strip()}")

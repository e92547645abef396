"""Browser tests: the real server in headless Chromium (Debian's /usr/bin/chromium)."""

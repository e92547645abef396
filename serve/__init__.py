"""Serving the dashboard on every core: N Streamlit workers (each `python -m ui.serve`, opening
the store read-only) behind nginx, started and watched by one supervisor (`python -m serve`,
`make serve`). `make run` stays the single-process start.

- static.py     Streamlit's static files mirrored, with .gz and .br beside each, for nginx
- nginx.py      the nginx configuration, written from nginx.conf.template into the run folder
- workers.py    one worker process: start, health, stop
- supervisor.py starts the workers and nginx, checks health, restarts a dead worker
- launch.py     the whole set-up as a child process (tests, bench), its state and routes
"""

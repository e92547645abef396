"""The load test of issue 13: simulated people who speak Streamlit's websocket protocol, no browser.

- protocol.py   one session: BackMsg/ForwardMsg over /_stcore/stream, runs timed to their end
- links.py      the meeting's link and every page with the filter it changes
- locustfile.py Locust users (MeetingUser, OpeningUser); `locust -f bench/load/locustfile.py`
- run.py        one scenario with Locust as a library, the server's CPU and memory, JSON out
- processes.py  CPU and memory of a process tree from /proc
bench/bench_load.py starts the servers, runs the scenarios and prints the figures.
"""

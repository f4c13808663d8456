"""`make bench` (`python -m bench`): the production set-up (gunicorn, production settings,
collectstatic output) on loopback with a fresh SQLite database, measured in one run so machine
noise cancels out in the ratios.

runner.py starts and stops the server and holds what the measurements share; each other module
is one measurement with a `measure` and a `report`: throughput.py (wrk), page_weight.py (first
visit bytes, the service worker's precache), triage_pass.py (the clicks and bytes of a first
pass through the symptom check, with and without JavaScript) and lighthouse.py."""

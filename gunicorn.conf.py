"""gunicorn settings for production (`make serve-prod`, `make bench`, docs/deployment.md).

Every value can be overridden from the environment, so one file serves a laptop and a fleet.
Measured choices are in docs/performance.md."""

import os
import re

from gunicorn.glogging import Logger


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use (containers, taskset)
    except AttributeError:
        return os.cpu_count() or 1


wsgi_app = "analcare.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}").split(",")

# Threads let one worker keep connections alive and overlap database waits; a worker per CPU
# keeps the GIL from serialising the work. WEB_CONCURRENCY is the usual platform override.
# gthread, except that gunicorn's own refusals (a request it cannot parse) carry the site's
# security headers (core/gunicorn_worker.py).
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "core.gunicorn_worker.SecureHeadersWorker")
workers = int(os.environ.get("WEB_CONCURRENCY", str(cpu_count() + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Load the app once before forking: workers start (and are recycled) fast and share memory.
# New code therefore needs a restart, not a HUP (docs/deployment.md, "Release steps").
preload_app = True

# A request that takes longer than this has gone wrong; the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Longer than a load balancer's idle timeout would let the balancer reuse a closed connection;
# shorter wastes handshakes. 5 s suits most proxies (their default is usually 60 s upstream).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then, so a slow leak can never take a server down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10

# Access log: method, path without the query string, status, seconds taken. No client address,
# no query string, no referrer, no user agent: nothing that identifies a visitor; and no body
# size, which for the symptom check's answers could tell what was answered (issue 19).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
access_log_format = "%(m)s %(U)s %(s)s %(L)s"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

CLIENT_ADDRESS = re.compile(r"^Invalid request from ip=\S*?: ")


class AnonymousLogger(Logger):
    """gunicorn logs a request it cannot parse (a scanner's, a broken client's) as "Invalid
    request from ip=<address>: <error>"; the error is kept, the address never written."""

    def warning(self, msg, *args, **kwargs):
        super().warning(CLIENT_ADDRESS.sub("Invalid request: ", str(msg)), *args, **kwargs)


logger_class = AnonymousLogger

# The proxy in front sets X-Forwarded-Proto; Django trusts it (SECURE_PROXY_SSL_HEADER). Only
# accept forwarded headers from these addresses (gunicorn also reads FORWARDED_ALLOW_IPS).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No control socket: several servers on one machine (tests, the bench) would share its path.
control_socket_disable = True
# Heartbeat files in memory, not on a disk that may be slow or read-only.
if os.path.isdir("/dev/shm"):  # noqa: S108 (gunicorn opens its files there with mkstemp)
    worker_tmp_dir = "/dev/shm"  # noqa: S108

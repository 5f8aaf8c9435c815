"""gunicorn for the portal, behind nginx: `.venv/bin/gunicorn -c deploy/gunicorn.conf.py ptds.wsgi`, as
deploy/ptds.service runs it.

Every value can be changed from the environment, like the portal's settings.
"""

import os

# nginx is the only client: the port is never open to the network.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two processes for two cores; reports and other heavy work go to the job workers (deploy/ptds-worker@.service).
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# No request does heavy work any more, so 2 minutes is ample and still ends a stuck worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# Each process is replaced after about a thousand requests, so that memory a request grew is given back; nothing
# runs in the background of a web process to be cut off.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100

# One line per request on standard output, which systemd's journal keeps (journalctl -u ptds).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The client's address as nginx saw it (X-Real-IP), then the usual fields.
access_log_format = '%({x-real-ip}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

# Only nginx on this machine may say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# systemctl reload ptds restarts the workers (SIGHUP): no control socket left in the service user's home.
control_socket_disable = True

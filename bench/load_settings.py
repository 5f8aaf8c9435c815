"""The portal's settings for the load test: production's, on plain HTTP at 127.0.0.1 (bench/load.py uses it).

Whatever ptds.settings turns on for HTTPS (a redirect, cookies sent only over HTTPS) would stop locust's users,
who speak plain HTTP on the loopback, from logging in: those are turned off here, nothing else changes.
"""

import os

from ptds.settings import *  # noqa: F403

STATIC_ROOT = os.environ["PTDS_LOAD_STATIC_ROOT"]  # a temporary folder of collected static files
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

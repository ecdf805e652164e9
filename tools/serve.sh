#!/bin/sh
# The production server, as deployed: `make serve` runs this, and so do the benchmarks (tools/loopback.py),
# so what they measure is what is served. Collects static files for WhiteNoise, migrates, saves the
# search index once so that no worker builds its own, then replaces itself with the app server (its pid
# is the server's, so stopping this process stops the server).
#
# Needs SECRET_KEY and ALLOWED_HOSTS; see "Deploying" in the README for the other variables. Takes
# python and the app server from PATH (the Makefile puts .venv/bin first). HOST, PORT and
# WEB_CONCURRENCY say where to listen and how many workers to start; APP_SERVER=gunicorn starts
# gunicorn instead, and APP_SERVER=granian-wsgi granian's WSGI interface without the buffering front,
# only to compare (make bench-http ARGS="--server gunicorn" or "--server granian-wsgi").
set -eu
cd "$(dirname "$0")/.."
export DJANGO_ENV=production

python manage.py collectstatic --noinput --verbosity 0
python manage.py migrate --noinput
python manage.py buildsearchindex

host=${HOST:-0.0.0.0}
port=${PORT:-8000}
workers=${WEB_CONCURRENCY:-$(nproc)}
if [ "${APP_SERVER:-granian}" = gunicorn ]; then
  exec gunicorn explainer.wsgi -b "$host:$port" -w "$workers"
fi
if [ "${APP_SERVER:-granian}" = granian-wsgi ]; then  # the WSGI app straight under granian: slow clients hold its threads
  exec granian --interface wsgi explainer.wsgi:application --host "$host" --port "$port" --workers "$workers"
fi
# granian measured several times faster than gunicorn here (see make bench-http), with one worker per
# core. It runs explainer/asgi.py's application under granian's own interface (RSGI; it also speaks
# ASGI): the event loop reads each request whole, with a size cap and a deadline, before one of the
# worker's two threads runs Django, so slow clients hold no thread (RSGI measured faster than ASGI
# here), on uvloop (measured 15% faster than asyncio's own loop); granian drops a client that has not
# sent its headers within 5 seconds.
exec granian --interface rsgi --loop uvloop explainer.asgi:application \
  --host "$host" --port "$port" --workers "$workers" --http1-header-read-timeout 5000 \
  --respawn-failed-workers

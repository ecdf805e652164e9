#!/bin/sh
# Print the path of a Python 3.12 or newer (Django 6.1 needs it), or nothing and exit 1. Looks at
# $PYTHON, then python3.14..python3.12 and python3 on the PATH, then pyenv's installed versions (its
# shims refuse to run a version that is not selected, so the interpreters are called directly).
# Used by the Makefile for both .venv (make run, make test) and .venv-prod (make serve).
ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }
for c in "${PYTHON:-}" python3.14 python3.13 python3.12 python3; do
  if [ -n "$c" ] && command -v "$c" >/dev/null 2>&1 && ok "$c"; then command -v "$c"; exit 0; fi
done
if command -v pyenv >/dev/null 2>&1; then
  for c in $(ls -d "$(pyenv root)"/versions/3.* 2>/dev/null | sort -rV); do
    if ok "$c/bin/python3"; then echo "$c/bin/python3"; exit 0; fi
  done
fi
exit 1

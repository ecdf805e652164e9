import os

from django.core.wsgi import get_wsgi_application

from .pagecache import PageCache

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "explainer.settings")
application = get_wsgi_application()
if os.environ.get("DJANGO_ENV") == "production" and os.environ.get("PAGE_CACHE", "1") == "1":
    # Pages marked public are answered again from memory without running Django (see pagecache.py).
    application = PageCache(application)

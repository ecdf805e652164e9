import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from .pagecache import PageCache

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "explainer.settings")
application = get_wsgi_application()
if settings.PAGE_CACHE:
    # Pages marked public are answered again from memory without running Django (see pagecache.py).
    application = PageCache(application)

"""Settings for the explainer.

Development needs no environment variables. Production is switched on with DJANGO_ENV=production
and then requires SECRET_KEY and ALLOWED_HOSTS; `manage.py check --deploy` passes with them.
"""

import ipaddress
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
CONTENT_DIR = BASE_DIR / "content"
# Written by `manage.py buildsearchindex` (make serve runs it); each worker loads it instead of building
# the index itself, which would take pypinyin's dictionaries. Not served: it is outside STATIC_ROOT.
SEARCH_INDEX_FILE = Path(os.environ.get("SEARCH_INDEX_FILE", BASE_DIR / "var" / "search-index.pickle"))

PRODUCTION = os.environ.get("DJANGO_ENV", "development") == "production"


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


if PRODUCTION:
    try:
        SECRET_KEY = os.environ["SECRET_KEY"]
    except KeyError:
        raise ImproperlyConfigured("Set SECRET_KEY when DJANGO_ENV=production.") from None
    ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated) when DJANGO_ENV=production.")
    DEBUG = False
else:
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
    DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "axes",
    "explainer.apps.ExplainerConfig",
    "explainer.feedback",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "explainer.middleware.permissions_policy",
    "django.middleware.http.ConditionalGetMiddleware",  # ETag and 304 Not Modified for every page
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as axes asks: turns a lock-out into its 429 response
]

if PRODUCTION:  # in development, runserver and the test server serve static files themselves
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "explainer.urls"
WSGI_APPLICATION = "explainer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "explainer.context_processors.site",
            ],
        },
    },
]

# SQLite by default; PostgreSQL (or any database dj-database-url reads) when DATABASE_URL is set.
DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=600)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and a writer work at once; IMMEDIATE avoids "database is locked" on upgrade.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,  # seconds a writer waits for another to finish
    }
    # Tests use a file, not the shared in-memory database, so that threads in the concurrency tests
    # write through their own connections as app servers do.
    # One file per test run (by process id), so that two runs at once do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"explainer-test-{os.getpid()}.sqlite3")}

# In production, wsgi.py puts an in-memory page cache in front of Django (PAGE_CACHE=0 turns it off).
PAGE_CACHE = PRODUCTION and os.environ.get("PAGE_CACHE", "1") == "1"

# A shared cache when CACHE_URL names one (redis://…); otherwise each process keeps its own.
# "pages" holds rendered pages (cache_page); rate limits are counted in the database, not in a cache.
# Without a shared cache and with the page cache on, pages would only be kept twice in each worker, so
# "pages" is off.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    _redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    CACHES = {"default": _redis, "pages": {**_redis, "KEY_PREFIX": "pages"}}
elif CACHE_URL:
    raise ImproperlyConfigured("CACHE_URL must be a redis:// (or rediss://, unix://) URL.")
else:
    _local = "django.core.cache.backends.locmem.LocMemCache"
    _dummy = "django.core.cache.backends.dummy.DummyCache"
    CACHES = {
        "default": {"BACKEND": _local, "LOCATION": "default"},
        "pages": {"BACKEND": _dummy if PAGE_CACHE else _local, "LOCATION": "pages"},
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Where the admin answers, e.g. ADMIN_PATH=editors-3f9c/ so that scanners of /admin/ find nothing
# (the throttle below still applies). Slashes at either end are optional.
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip().strip("/") + "/"
if ADMIN_PATH == "/" or not ADMIN_PATH.replace("-", "").replace("_", "").replace("/", "").isalnum():
    raise ImproperlyConfigured("ADMIN_PATH must be a URL path such as admin/ (letters, digits, -, _ and /).")

# Admin sign-in throttle (django-axes, counted in the database so that every worker sees every failure):
# the 5th wrong password from one address, or for one account, locks that address and that account out
# for 15 minutes, before any password is hashed. `manage.py axes_reset` lifts a lock-out at once.
AUTHENTICATION_BACKENDS = ["explainer.staff.LoginThrottle", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]  # each on its own: per address and per account
AXES_CLIENT_IP_CALLABLE = "explainer.staff.client_ip"  # the rate limits' client address, proxy rules included
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production serves collected files with hashed names (cached forever), gzip/brotli copies, and
    # stylesheets without their comments (explainer/staticmin.py).
    "staticfiles": {
        "BACKEND": "explainer.staticmin.StaticStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Only editors have sessions (readers' quiz rounds and votes are in signed cookies of their own), so they
# live in the database: logging out deletes the row, and the cookie holds nothing but a random key.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 12  # an editor's working day
CSRF_FAILURE_VIEW = "explainer.views.pages.csrf_failure"

SITE_NAME = "Social Credit, Explained"

# Readers' ratings and error reports (explainer/feedback): (requests, per seconds) for each client,
# counted in the database so that they hold across workers and servers (explainer/feedback/ratelimit.py).
RATE_LIMITS = {"rate": (30, 600), "report": (5, 3600)}
# Behind a proxy, REMOTE_ADDR is the proxy's. TRUSTED_PROXIES names the proxies (addresses or CIDR
# networks, comma-separated) whose X-Forwarded-For is believed: only when the request comes from one of
# them, and then the right-most address in the header that is not itself a trusted proxy is the client.
TRUSTED_PROXIES = _env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/24)."
        ) from None
if "TRUST_X_FORWARDED_FOR" in os.environ:
    raise ImproperlyConfigured(
        "TRUST_X_FORWARDED_FOR is no longer read (it believed the header from anyone): set TRUSTED_PROXIES "
        "to the addresses of the proxies in front of the app instead, and unset TRUST_X_FORWARDED_FOR."
    )
REPORT_FORM_MIN_SECONDS = 3  # a report sent sooner after the form appeared is most likely a robot
# A report form is refused after two hours (it is then shown again with a fresh stamp) and once sent.
REPORT_FORM_MAX_AGE = 60 * 60 * 2

# Content-Security-Policy: only our own script files and stylesheet, no inline code at all (the
# ClaimReview JSON-LD is a data block, which CSP does not treat as script). No nonce either, so pages
# are identical for every reader and a cache can keep them. htmx is configured not to inject styles.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# SecurityMiddleware already sends nosniff and COOP "same-origin" by default; say so explicitly.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if PRODUCTION:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS")

# Hostile requests (a bad Host, a body too large, too many fields, any other 4xx) are logged as one WARNING
# line without a traceback, so that a flood of them cannot fill the logs; server errors keep theirs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_on_one_line": {"()": "explainer.logfilters.ClientErrorsOnOneLine"}},
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["client_errors_on_one_line"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}

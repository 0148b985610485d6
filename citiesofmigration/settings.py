"""Settings for Cities of Migration: one module, configured from the environment.

Every variable is documented in README.md ("Configuration"). Defaults suit a developer's machine;
production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and DJANGO_HTTPS.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
# Local state: the embedded database, the generated secret key, uploads, collected static files.
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name) or default)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number.") from error


DEBUG = env_bool("DJANGO_DEBUG")


def _secret_key() -> str:
    if key := os.environ.get("DJANGO_SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    if DEBUG:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
        return key_file.read_text().strip()
    raise ImproperlyConfigured(
        "No secret key: set DJANGO_SECRET_KEY (in production), or run `make run`, which keeps a "
        f"generated key in {key_file}."
    )


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# The public address, e.g. https://citiesofmigration.org: canonical links, sitemaps and e-mails use it.
# Unset, they use the address of the request.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, so translated fields show in it
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "django_prose_editor",
    "taggit",
    "reversion",  # revisions of public content (core.revisions)
    "procrastinate.contrib.django",  # background jobs on our own PostgreSQL (core/jobs.py, README "Background jobs")
    # The project's apps, lowest layer first (README "Layout"): each imports only those above it here.
    "core",
    "places",
    "goodideas",
    "elibrary",
    "webinars",
    "conversations",
    "community",
    "portal",
    "allauth",
    "allauth.account",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.httpcache.PublicPages",  # Cache-Control and ETag; 304 before the view (sees every cookie set inside)
    "core.middleware.permissions_policy",
    "csp.middleware.CSPMiddleware",
    "core.middleware.admin_csp",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.FriendlyRefusals",  # 405 and 414 pages; before the CSRF check
    "core.middleware.mail_links",  # e-mail links lead to the request's host (or DJANGO_SITE_URL)
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "citiesofmigration.urls"
WSGI_APPLICATION = "citiesofmigration.wsgi.application"

CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.template.context_processors.i18n",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "core.context_processors.site",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": CONTEXT_PROCESSORS,
        },
    },
    {
        # The frame of every page and the hot public pages (core/templating.py): templates/jinja2/.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "core.templating.environment", "context_processors": CONTEXT_PROCESSORS},
    },
]
# Form fields and widgets rendered by Jinja2 from Django's own copies of its form templates; the admin's
# widgets by Django's engine (core.templating.FormRenderer).
FORM_RENDERER = "core.templating.FormRenderer"

# Database: DATABASE_URL, or the embedded PostgreSQL under var/pgdata (see embedded_db/base.py).
if database_url := os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(database_url, conn_max_age=600, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "citiesofmigration.embedded_db",
            "NAME": "postgres",
            "USER": "postgres",
            "PGDATA": VAR_DIR / "pgdata",
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
        }
    }
# A PostgreSQL streaming replica for the reads of public pages (core/dbrouter.py; README "Database replica,
# backups and workers"). A visitor who wrote (any POST…) reads the primary for the next STICKY seconds.
DATABASE_REPLICA_STICKY_SECONDS = env_int("DATABASE_REPLICA_STICKY_SECONDS", 10)
DATABASE_REPLICA_CHECK_SECONDS = env_int("DATABASE_REPLICA_CHECK_SECONDS", 5)
DATABASE_REPLICA_MAX_LAG_SECONDS = env_int("DATABASE_REPLICA_MAX_LAG_SECONDS", 30)
if replica_url := os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(replica_url, conn_max_age=600, conn_health_checks=True)
    DATABASES["replica"]["OPTIONS"] = {"connect_timeout": 2, **DATABASES["replica"].get("OPTIONS", {})}
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests read what they wrote
    DATABASE_ROUTERS = ["core.dbrouter.ReplicaRouter"]
    MIDDLEWARE.insert(0, "core.dbrouter.ReplicaReads")  # first: every later middleware's reads follow its choice
# Queries go to PostgreSQL with their parameters apart (server-side binding), and each connection prepares a
# query it has run PREPARE_THRESHOLD times: PostgreSQL then parses it once per connection, not on every
# page. DATABASE_PREPARE_THRESHOLD=0 turns preparing off (needed behind a pooler in transaction mode that
# cannot keep prepared statements, such as PgBouncer before 1.21).
PREPARE_THRESHOLD = env_int("DATABASE_PREPARE_THRESHOLD", 2)
for database in DATABASES.values():
    database.setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=PREPARE_THRESHOLD if PREPARE_THRESHOLD > 0 else None
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs (procrastinate): every app's tasks.py is found by itself; the periodic ones are all in
# portal/tasks.py. The worker's own process: `python manage.py procrastinate worker` (README "Background jobs").
PROCRASTINATE_AUTODISCOVER_MODULE_NAME = "tasks"
# A worker is "seen" by /healthz when its heartbeat (written every few seconds) is younger than this.
JOBS_WORKER_SEEN_SECONDS = 60


def redis_cache(url: str) -> dict:
    """Redis as a cache the portal can do without (core/cache.py): short timeouts, no retry."""
    return {
        "BACKEND": "core.cache.FailSoftRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "com",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5, "retry_on_timeout": False},
    }


# Cache: Redis where REDIS_URL is set, else memory local to each process.
if redis_url := os.environ.get("REDIS_URL"):
    CACHES = {"default": redis_cache(redis_url)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Pieces of pages ({% fragment %}): in each process's memory, with no network round trip per piece (a
# list shows 30 of them). Their keys carry the content version, so every process shows a change at once.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 20000},
}

# HTTP caching (core/httpcache.py): anonymous GETs of these pages are public, with an ETag from the
# content version; a matching If-None-Match answers 304 before the view runs. The admin, the accounts
# pages, members' requests and responses that set a cookie are "private, no-store".
PUBLIC_CACHE_CONTROL = os.environ.get("DJANGO_PUBLIC_CACHE_CONTROL", "public, max-age=60, s-maxage=600")
# Caches in front (Varnish, a CDN) that get a PURGE request when public content changes (core/cachepurge.py),
# e.g. http://varnish:6081/ (comma-separated). A cache that is not listed keeps pages for s-maxage.
CACHE_PURGE_URLS = env_list("CACHE_PURGE_URLS")
CACHE_PURGE_TIMEOUT = 1.0  # seconds per cache; a publication never waits longer, nor fails
PUBLIC_ETAG_WINDOW = 600  # seconds: what changes by the clock (scheduled publication) shows within this
PRIVATE_SECTIONS = {"admin", "accounts"}
# Pieces of pages kept in the cache ({% fragment %}, core/templatetags/fragments.py), keyed by the content version.
FRAGMENT_CACHE_SECONDS = 600
# The total, facet counts and page ids of a list for one set of choices (core.lists.filtersets.counted), kept for
# every page and order of those choices, keyed by the content version: this bounds how late a scheduled
# publication shows in a list's counts. The library keeps its own longer (elibrary/filters.py).
LIST_COUNTS_CACHE_SECONDS = 120
# The community's threads and posts move the content version too (public_content), so its pages and site
# search are public for anonymous visitors like the rest; a signed-in member's pages never are.
PUBLIC_PAGES = {
    "home",
    "about",
    "privacy",
    "search",
    "community:*",
    "goodideas:*",
    "elibrary:*",
    "webinars:*",
    "conversations:*",
}
PUBLIC_PAGES_EXCEPT = {
    "goodideas:submit",
    "goodideas:submit-thanks",
    "goodideas:preview-goodidea",
    "elibrary:preview-resource",
    "elibrary:download",
    "webinars:register",
    "webinars:cancel",
    "webinars:preview-webinar",
    "webinars:preview-event",
    "conversations:preview-issue",
    "conversations:preview-item",
    "conversations:preview-newsitem",
    "conversations:newsletter",
    "conversations:newsletter-sent",
    "conversations:newsletter-confirm",
    "conversations:newsletter-unsubscribe",
    "community:profile",
    "community:export",
    "community:delete-account",
    "community:follow",
    "community:post-edit",
    "community:post-delete",
    "community:post-report",
    "community:idea-ask",
    "community:webinar-ask",
    "community:item-ask",
    "community:unsubscribe",
}

# Accounts (django-allauth, sign-in by e-mail) with django-axes first, locking out repeated failures.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "community:index"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"  # reversed in the page language
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "community.forms.SignupExtraForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming the address in the browser that signed up signs the member in and takes them back to
# the page they signed up from (the `next` of the sign-up, kept by allauth in the session).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True  # one address per member: "change" rather than "add and remove"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Cities of Migration] "
ACCOUNT_ADAPTER = "community.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "community.adapter.user_display"
# Merged with allauth's defaults. Failed sign-ins are left to axes (below), which locks out first.
ACCOUNT_RATE_LIMITS = {"signup": "5/h/ip", "login_failed": "20/m/ip,20/15m/key"}
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "community.adapter.axes_username"
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_ip"  # the same address as our own rate limits

# Community: a new member's first posts wait for an editor (0 turns this off); posts per member and period.
COMMUNITY_PREMODERATE_FIRST_POSTS = env_int("COMMUNITY_PREMODERATE_FIRST_POSTS", 1)
COMMUNITY_POST_RATE = (5, 10 * 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English first (the default and the fallback for content), French, German.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_AUTO_POPULATE = False

# Static files: hashed, compressed, served by WhiteNoise with long cache headers.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or VAR_DIR / "media")
# Serve uploads (MEDIA_ROOT or the bucket) from Django; turn off where a web server serves /media/.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", default=True)


def media_storage() -> dict:
    """Where uploads go: MEDIA_ROOT, or an S3-compatible bucket (README "Beyond one machine").

    MEDIA_STORAGE_URL=s3://BUCKET?endpoint_url=http://minio:9000&region_name=eu-west-1, or the usual
    AWS_STORAGE_BUCKET_NAME (with AWS_S3_ENDPOINT_URL and AWS_S3_REGION_NAME where needed). The
    credentials are boto3's own: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's role.
    The files stay private in the bucket; the portal serves them at MEDIA_URL (core.uploads.serve), so
    the checks on protected files and the headers of uploaded files apply as with local files.
    """
    url = os.environ.get("MEDIA_STORAGE_URL", "").strip()
    options = {
        "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip(),
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
    }
    if url:
        parts = urlsplit(url)
        if parts.scheme != "s3" or not parts.netloc:
            raise ImproperlyConfigured("MEDIA_STORAGE_URL must look like s3://BUCKET?endpoint_url=…&region_name=…")
        query = dict(parse_qsl(parts.query))
        if unknown := set(query) - {"endpoint_url", "region_name"}:
            raise ImproperlyConfigured(f"MEDIA_STORAGE_URL: unknown option(s) {', '.join(sorted(unknown))}.")
        options.update(bucket_name=parts.netloc, **query)
    if not options["bucket_name"]:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    # Never overwrite (RandomName gives new names anyway); no public ACL: the bucket stays private.
    return {"BACKEND": "core.objectstorage.MediaStorage", "OPTIONS": {**options, "file_overwrite": False}}


STORAGES = {
    "default": media_storage(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail: SMTP where EMAIL_HOST is set; otherwise printed (debug) or written under var/mail.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
    EMAIL_TIMEOUT = 20
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cities of Migration <noreply@citiesofmigration.org>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", address) for address in env_list("DJANGO_ADMINS")]
# Where editors are told about new submissions and questions.
EDITORS_EMAIL = env_list("EDITORS_EMAIL", "editors@citiesofmigration.org")
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "citiesofmigration@maytree.com")

# Security. DJANGO_HTTPS=true in production: HTTPS only, secure cookies, HSTS.
HTTPS = env_bool("DJANGO_HTTPS")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
# Behind a proxy: how many proxies of ours each append an X-Forwarded-For entry (a load balancer and
# nginx: 2). The visitor's address is that many entries from the right (core.ratelimit).
TRUSTED_PROXY_HOPS = env_int("DJANGO_TRUSTED_PROXY_HOPS", 1)
if TRUSTED_PROXY_HOPS < 1:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXY_HOPS must be 1 or more.")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # Recordings play in a frame only after the visitor asks for them (click-to-load).
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# The admin's translation tabs (modeltranslation reads JQUERY_UI_URL) need jQuery UI: ours, not a CDN (CSP).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"  # 1.13.2, MIT licence beside it

# Editors: the "Editors" group may manage everything in these apps, but not users.
EDITOR_APP_LABELS = ["places", "goodideas", "elibrary", "webinars", "conversations", "community", "procrastinate"]
# And single models of other apps ("app_label.model"): the synonyms of search, the link check's results.
EDITOR_MODELS = ["core.synonymgroup", "core.externallink"]

# E-Library: the largest file editors may upload, in megabytes.
ELIBRARY_MAX_UPLOAD_MB = env_int("ELIBRARY_MAX_UPLOAD_MB", 50)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

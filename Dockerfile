# Neglect Strategy Portal: one image for the web server, the Celery worker and Celery beat.
#
#   docker build -t neglect-portal .
#   docker run ... neglect-portal web      # migrate, then gunicorn (the default)
#   docker run ... neglect-portal worker   # Celery worker
#   docker run ... neglect-portal beat     # Celery beat (database scheduler)
#
# The compiled CSS/JS under static/dist is committed, so no Node.js or npm is needed here.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Libraries WeasyPrint needs to render report PDFs, and a font to render them with; the
# PostgreSQL client (pg_dump, pg_restore, the same major version as the database) for backups.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libfontconfig1 \
        fonts-dejavu-core \
        postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

# An unprivileged user: the web server and, above all, Celery must not run as root.
RUN groupadd --system portal \
    && useradd --system --gid portal --home-dir /app --no-create-home --shell /usr/sbin/nologin portal

WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

# The code belongs to root and is read-only to the portal user.
COPY . .

# Collect the static files into the image (STATIC_ROOT is $VAR_DIR/staticfiles), where
# WhiteNoise serves them. The production settings are used, with throwaway build-only
# values, so that the hashed names and staticfiles.json manifest that production's
# CompressedManifestStaticFilesStorage needs are generated; the plain settings
# (neglect_portal.settings) serve the same directory, since the unhashed files are kept too.
# None of these values is kept in the image.
RUN DJANGO_SETTINGS_MODULE=neglect_portal.settings.production \
    SECRET_KEY=build-only-collectstatic-key-not-used-at-run-time-0123456789 \
    DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 \
    ALLOWED_HOSTS=build \
    VAR_DIR=/app/var \
    python manage.py collectstatic --noinput \
    && rm -f /tmp/collectstatic.sqlite3 \
    && chmod 0755 docker/entrypoint.sh \
    && mkdir -p /data/media \
    && chown -R portal:portal /app/var /data

# VAR_DIR holds the collected static files baked into the image; MEDIA_ROOT (uploads and
# issued report PDFs) lives under /data, which docker-compose mounts as a shared volume.
ENV DJANGO_SETTINGS_MODULE=neglect_portal.settings.production \
    VAR_DIR=/app/var \
    MEDIA_ROOT=/data/media

USER portal

EXPOSE 8000

ENTRYPOINT ["/app/docker/entrypoint.sh"]
# "web" runs gunicorn with gunicorn.conf.py (GUNICORN_WORKERS, GUNICORN_TIMEOUT, ... from the environment).
CMD ["web"]

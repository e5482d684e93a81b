#!/usr/bin/env bash
# Entry point of the portal image.
#
#   web      apply database migrations, then serve the site with gunicorn on port 8000
#            (workers, timeouts and logs set by gunicorn.conf.py from the environment)
#   worker   run a Celery worker (sends e-mail, renders report PDFs, ...)
#   beat     run Celery beat with the schedule kept in the database (django-celery-beat)
#   other    run the given command as is, e.g. "python manage.py createsuperuser"
#
# Extra arguments after web/worker/beat are passed on to gunicorn/celery.
set -euo pipefail

cd /app

# Worker and beat start alongside web; wait (up to about two minutes) until web has
# applied the migrations, so beat does not query tables that do not exist yet.
wait_for_migrations() {
    local attempt
    for attempt in $(seq 1 60); do
        if python manage.py migrate --check >/dev/null 2>&1; then
            return 0
        fi
        echo "entrypoint: waiting for the database migrations (attempt ${attempt})..." >&2
        sleep 2
    done
    echo "entrypoint: migrations still not applied; starting anyway." >&2
}

command="${1:-web}"
[ "$#" -gt 0 ] && shift

case "$command" in
    web)
        python manage.py migrate --noinput
        exec gunicorn --config /app/gunicorn.conf.py neglect_portal.wsgi:application "$@"
        ;;
    worker)
        wait_for_migrations
        exec celery -A neglect_portal worker -l info --concurrency "${CELERY_CONCURRENCY:-2}" "$@"
        ;;
    beat)
        wait_for_migrations
        exec celery -A neglect_portal beat -l info \
            --scheduler django_celery_beat.schedulers:DatabaseScheduler "$@"
        ;;
    *)
        exec "$command" "$@"
        ;;
esac

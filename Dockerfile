# The archive's image: the web server by default; the same image runs the Celery workers
# (compose.yaml). Build with `docker build -t prediction-archive .`.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app

# Dependencies first, so that a change to the code alone reuses this layer.
COPY pyproject.toml README.md ./
RUN pip install .

COPY . .
# The static files are part of the image; the key is a placeholder that only this step sees.
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_DEBUG=0 python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --system --uid 10001 --home-dir /app archive \
    && mkdir -p /app/var && chown archive /app/var

USER archive
ENV GUNICORN_BIND=0.0.0.0:8000
EXPOSE 8000
CMD ["gunicorn", "--config", "config/gunicorn.py", "config.wsgi"]

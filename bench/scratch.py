"""Django on a scratch database for the in-process benchmarks: a fresh SQLite database and data
folder in a temporary directory (unless DATABASE_URL is set), receipts rendered but not sent."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def start_django(name: str) -> Path:
    """Configure and set up Django; returns the scratch folder. Call before importing models."""
    workdir = Path(tempfile.mkdtemp(prefix=f"opendebate-bench-{name}-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ.setdefault("OPENDEBATE_DATA_DIR", str(workdir / "var"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opendebate.settings")
    os.environ.setdefault("EMAIL_DELIVERY", "memory")
    import django

    django.setup()
    return workdir

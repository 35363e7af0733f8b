"""Superset's chart-data cache, keyed by the serving copy it was computed from.

A cached chart result must never outlive the publication it came from: the pipeline renames a new
serving copy over the old one (dagster_project/defs/serving/serving_copy.py), and the next chart
request must show the new numbers. Every key is therefore prefixed with the identity of the copy
(device, inode, size, mtime: serving_connections.publication_identity), so a publication makes every
older entry unreachable at once, without the pipeline having to know where Superset keeps its cache.

The identity is taken when a request looks a key up, and a miss stores its result under that same
identity: a query that started before a publication and finishes after it is stored under the old
identity, which no later request asks for. (Its query may already have read the new copy; then it is
merely not reused.) Old entries are pruned by the file cache's threshold.

On disk (FileSystemCache), so gunicorn's workers share it; in Redis (MISSIEMONITOR_REDIS_URL) when
several Superset instances serve the dashboards, so they share it too. Instances share an entry when
they read the same file (one read-only mount): a copy per server has an identity of its own, and its
entries are then merely not shared, never stale.
"""

import threading

from flask_caching.backends.filesystemcache import FileSystemCache
from flask_caching.backends.rediscache import RedisCache
from serving_connections import publication_identity

from dagster_project.settings import paths


class _KeyedByServingCopy:
    """The key prefix, for any flask-caching backend; FileSystemCache's own bookkeeping (its entry
    count, `mgmt_element`) passes through unprefixed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._serving = paths().serving
        self._looked_up = threading.local()  # per request thread: key -> identity at the lookup

    def _generation(self) -> str:
        try:
            return "-".join(str(part) for part in publication_identity(self._serving))
        except FileNotFoundError:
            return "geen-serving-copy"

    def _key(self, key: str, remembered: bool = False) -> str:
        seen = getattr(self._looked_up, "keys", None)
        generation = seen.pop(key, None) if (remembered and seen) else None
        return f"{generation or self._generation()}:{key}"

    def get(self, key):
        if key == getattr(self, "_fs_count_file", None):  # the file cache's own entry count
            return super().get(key)
        generation = self._generation()
        if not hasattr(self._looked_up, "keys"):
            self._looked_up.keys = {}
        self._looked_up.keys[key] = generation
        return super().get(f"{generation}:{key}")

    def set(self, key, value, timeout=None, **kwargs):
        if kwargs.get("mgmt_element"):
            return super().set(key, value, timeout, **kwargs)
        return super().set(self._key(key, remembered=True), value, timeout, **kwargs)

    def delete(self, key, **kwargs):
        if kwargs.get("mgmt_element"):
            return super().delete(key, **kwargs)
        return super().delete(self._key(key), **kwargs)

    def has(self, key):
        return super().has(self._key(key))


class ServingCopyCache(_KeyedByServingCopy, FileSystemCache):
    """On disk: one server, gunicorn's workers share it (the default)."""


class ServingCopyRedisCache(_KeyedByServingCopy, RedisCache):
    """In Redis: several Superset instances share it (docs/productie.md, "Meer dan één server")."""

"""Per-request DataLoaders, one module per platform: ``<Thing>By<Key>Loader`` classes.

Every upstream read goes through a loader, so the same read in one request runs once; the data
facades (``mailgql.data``) build them per request and decide how they are asked.
"""

__all__: list[str] = []

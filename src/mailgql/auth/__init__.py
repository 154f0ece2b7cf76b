"""Who may use the gateway, as what, against which platforms, and how often.

- :mod:`.keys`: API keys (``mailgql keys new``), kept in the settings only as SHA-256 digests;
- :mod:`.roles`: ``reader``, ``operator``, ``admin``, and the one table of which role each
  mutation needs;
- :mod:`.principal`: who a request or WebSocket was admitted as;
- :mod:`.gate`: authentication and rate limits at the door of ``/graphql``;
- :mod:`.authorization`: the schema extension that refuses a mutation beyond the role;
- :mod:`.tenants`: the tenants file, one set of platforms per customer;
- :mod:`.rate`: token buckets, in memory or in Redis.

Nothing is imported here: the schema imports :mod:`.authorization` alone.
"""

__all__: list[str] = []

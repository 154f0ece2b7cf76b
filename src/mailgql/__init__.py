"""mailgql: one GraphQL graph over the Oempro, v2 REST and Maxmailer email-marketing APIs.

Importing the package builds nothing and opens no socket: the app is built by
:func:`mailgql.app.create_app` and the command line lives in :mod:`mailgql.cli`.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"

"""Allow ``python -m mailgql``."""

from mailgql.cli import main

raise SystemExit(main())

"""The legacy platforms mailgql speaks to: one plain enum shared by every layer."""

import enum

__all__ = ["Platform"]


class Platform(enum.Enum):
    """A legacy email-marketing platform behind the gateway."""

    OEMPRO = "oempro"
    V2REST = "v2rest"
    MAXMAILER = "maxmailer"

    @property
    def label(self) -> str:
        """The platform's name as people write it."""
        return _LABELS[self]


_LABELS = {Platform.OEMPRO: "Oempro", Platform.V2REST: "v2 REST", Platform.MAXMAILER: "Maxmailer"}

"""Per-request loaders of what Oempro's administrator manages, and of a client login's own view.

- the plans: one ``UserGroups.Get`` (unpaged) for the listing; a plan by id is
  ``loaders.oempro.UserGroupByIdLoader`` (one ``UserGroup.Get`` per distinct plan, however many
  users share it), which ``Account.quota`` and ``Account.plan`` both read;
- the themes: one ``Themes.Get`` (unpaged); a theme by id, one ``Theme.Get`` each;
- a user's payment periods: one ``User.PaymentPeriods`` per user;
- a client login's assigned lists and campaigns: one ``Client.Lists.Get`` and one
  ``Client.Campaigns.Get`` per request; one of them by id, ``Client.List.Get`` or
  ``Client.Campaign.Get`` each.

The administrator's keys hold no scope: these reads run in the admin's own session (a client's
in the client's), never in a user's switched one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from mailgql.loaders._base import LoaderGroup, PerKeyLoader, missing_as_none
from mailgql.loaders.oempro_keys import items_of
from mailgql.upstreams.oempro import Campaign, MailingList, OemproClient, UserGroup
from mailgql.upstreams.oempro.admin_records import PaymentPeriod, Theme
from mailgql.upstreams.oempro.records import Page

__all__ = [
    "AdminLoaders",
    "ClientCampaignByIdLoader",
    "ClientCampaignsLoader",
    "ClientListByIdLoader",
    "ClientListsLoader",
    "PaymentPeriodsByUserLoader",
    "ThemeByIdLoader",
    "ThemesLoader",
    "UserGroupsLoader",
]

WHOLE = "all"
"""The one key of a listing read whole."""

T = TypeVar("T")


def _whole(read: Callable[[], Awaitable[Page[T]]]) -> Callable[[str], Awaitable[tuple[T, ...]]]:
    """The whole unpaged listing (key :data:`WHOLE`), one call each."""
    return items_of(lambda _: read())


class UserGroupsLoader(PerKeyLoader[str, tuple[UserGroup, ...]]):
    """Every plan: one ``UserGroups.Get`` per request (key :data:`WHOLE`)."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(_whole(client.get_user_groups))


class ThemesLoader(PerKeyLoader[str, tuple[Theme, ...]]):
    """Every interface theme: one ``Themes.Get`` per request (key :data:`WHOLE`)."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(_whole(client.get_themes))


class ThemeByIdLoader(PerKeyLoader[int, Theme | None]):
    """One theme by id: ``Theme.Get`` each; None when unknown."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(missing_as_none(client.get_theme))


class PaymentPeriodsByUserLoader(PerKeyLoader[int, tuple[PaymentPeriod, ...]]):
    """A user's billing periods, every status: one ``User.PaymentPeriods`` per user."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(items_of(client.get_payment_periods))


class ClientListsLoader(PerKeyLoader[str, tuple[MailingList, ...]]):
    """A client login's assigned lists: one ``Client.Lists.Get`` per request."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(_whole(client.get_client_lists))


class ClientCampaignsLoader(PerKeyLoader[str, tuple[Campaign, ...]]):
    """A client login's assigned campaigns: one ``Client.Campaigns.Get`` per request."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(_whole(client.get_client_campaigns))


class ClientListByIdLoader(PerKeyLoader[int, MailingList | None]):
    """One list assigned to a client login: ``Client.List.Get`` each; None when not assigned."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(missing_as_none(client.get_client_list))


class ClientCampaignByIdLoader(PerKeyLoader[int, Campaign | None]):
    """One campaign assigned to a client login: ``Client.Campaign.Get`` each; None when not
    assigned."""

    def __init__(self, client: OemproClient) -> None:
        super().__init__(missing_as_none(client.get_client_campaign))


@dataclass(frozen=True, slots=True)
class AdminLoaders(LoaderGroup):
    """The administrator's (and a client login's) loaders of one request, built beside the
    facade's other loaders."""

    user_group_list: UserGroupsLoader
    themes: ThemesLoader
    theme_by_id: ThemeByIdLoader
    payment_periods: PaymentPeriodsByUserLoader
    client_lists: ClientListsLoader
    client_campaigns: ClientCampaignsLoader
    client_list_by_id: ClientListByIdLoader
    client_campaign_by_id: ClientCampaignByIdLoader

    @classmethod
    def build(cls, client: OemproClient) -> AdminLoaders:
        """Fresh loaders over ``client``."""
        return cls(
            user_group_list=UserGroupsLoader(client),
            themes=ThemesLoader(client),
            theme_by_id=ThemeByIdLoader(client),
            payment_periods=PaymentPeriodsByUserLoader(client),
            client_lists=ClientListsLoader(client),
            client_campaigns=ClientCampaignsLoader(client),
            client_list_by_id=ClientListByIdLoader(client),
            client_campaign_by_id=ClientCampaignByIdLoader(client),
        )

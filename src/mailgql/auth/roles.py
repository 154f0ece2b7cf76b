"""Roles, and the one table of the role each mutation needs.

A ``reader`` runs queries and subscriptions; an ``operator`` also changes lists, segments,
newsletters, campaigns and subscriptions; an ``admin`` may do everything, account management
included. A mutation the table does not name needs ``admin``: a new one stays closed until it
is placed here (a test checks that every Mutation field of the schema is).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType

__all__ = ["MUTATION_ROLES", "Role", "required_role"]


class Role(enum.Enum):
    """What an API key may do; each role may do what the ones below it may."""

    READER = "reader"
    OPERATOR = "operator"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        """0 for ``reader``, 1 for ``operator``, 2 for ``admin``."""
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        """Whether this role may do what ``needed`` may."""
        return self.rank >= needed.rank

    @classmethod
    def parse(cls, text: str) -> Role:
        """The role named ``text`` (``reader``, ``operator`` or ``admin``); ValueError if none."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            names = ", ".join(r.value for r in cls)
            raise ValueError(f"unknown role {text!r}; expected one of {names}") from None


MUTATION_ROLES: Mapping[str, Role] = MappingProxyType(
    {
        # lists, subscriptions and subscribers
        "createList": Role.OPERATOR,
        "updateList": Role.OPERATOR,
        "deleteList": Role.OPERATOR,
        "subscribe": Role.OPERATOR,
        "unsubscribe": Role.OPERATOR,
        "updateSubscriber": Role.OPERATOR,
        # campaigns
        "createCampaign": Role.OPERATOR,
        "scheduleCampaign": Role.OPERATOR,
        "cancelCampaign": Role.OPERATOR,
        "deleteCampaign": Role.OPERATOR,
        "updateCampaign": Role.OPERATOR,
        # a list's custom fields, auto responders, hooks and subscribers (Oempro)
        "createCustomField": Role.OPERATOR,
        "updateCustomField": Role.OPERATOR,
        "deleteCustomField": Role.OPERATOR,
        "copyCustomFields": Role.OPERATOR,
        "createAutoResponder": Role.OPERATOR,
        "updateAutoResponder": Role.OPERATOR,
        "deleteAutoResponder": Role.OPERATOR,
        "copyAutoResponders": Role.OPERATOR,
        "addListHook": Role.OPERATOR,
        "deleteListHook": Role.OPERATOR,
        "testListHookUrl": Role.OPERATOR,
        "deleteSubscriber": Role.OPERATOR,
        "unsubscribeSubscriber": Role.OPERATOR,
        "answerOptIn": Role.OPERATOR,
        "importSubscribers": Role.OPERATOR,
        "updateSegment": Role.OPERATOR,
        "copySegments": Role.OPERATOR,
        # campaign tags
        "createCampaignTag": Role.OPERATOR,
        "renameCampaignTag": Role.OPERATOR,
        "deleteCampaignTag": Role.OPERATOR,
        "tagCampaigns": Role.OPERATOR,
        "untagCampaigns": Role.OPERATOR,
        # email records
        "createEmail": Role.OPERATOR,
        "updateEmail": Role.OPERATOR,
        "deleteEmail": Role.OPERATOR,
        "duplicateEmail": Role.OPERATOR,
        "sendTestEmail": Role.OPERATOR,
        # design templates
        "createEmailTemplate": Role.OPERATOR,
        "updateEmailTemplate": Role.OPERATOR,
        "deleteEmailTemplate": Role.OPERATOR,
        # media library and attachments
        "uploadMedia": Role.OPERATOR,
        "deleteMedia": Role.OPERATOR,
        "deleteAttachment": Role.OPERATOR,
        # segments
        "createSegment": Role.OPERATOR,
        "deleteSegment": Role.OPERATOR,
        # what a v2 sub-account inherits
        "inheritLists": Role.OPERATOR,
        "removeInheritedList": Role.OPERATOR,
        "inheritSegments": Role.OPERATOR,
        "removeInheritedSegment": Role.OPERATOR,
        "inheritNewsletter": Role.OPERATOR,
        "removeInheritedNewsletter": Role.OPERATOR,
        # accounts
        "createSubAccount": Role.ADMIN,
        "setAccountStatus": Role.ADMIN,
        "deleteAccount": Role.ADMIN,
        "changeAccountPassword": Role.ADMIN,
        "addSendCredit": Role.ADMIN,
        # Oempro's administrator area
        "createUserGroup": Role.ADMIN,
        "updateUserGroup": Role.ADMIN,
        "duplicateUserGroup": Role.ADMIN,
        "deleteUserGroup": Role.ADMIN,
        "updateOemproUser": Role.ADMIN,
        "updatePaymentPeriod": Role.ADMIN,
        "remindOemproPassword": Role.ADMIN,
        "resetOemproPassword": Role.ADMIN,
        "createClient": Role.ADMIN,
        "updateClient": Role.ADMIN,
        "assignClientLists": Role.ADMIN,
        "assignClientCampaigns": Role.ADMIN,
        "updateOemproAdministrator": Role.ADMIN,
        "createTheme": Role.ADMIN,
        "updateTheme": Role.ADMIN,
        "deleteTheme": Role.ADMIN,
        "updateOemproSettings": Role.ADMIN,
        "testOemproEmailSending": Role.ADMIN,
    }
)
"""Each Mutation field (by its GraphQL name) and the least role that may run it."""


def required_role(fields: Iterable[str]) -> Role:
    """The least role that may run every one of the mutation root ``fields`` (``__typename``
    needs none beyond ``reader``; a field the table does not name needs ``admin``)."""
    needed = Role.READER
    for name in fields:
        role = Role.READER if name == "__typename" else MUTATION_ROLES.get(name, Role.ADMIN)
        if role.rank > needed.rank:
            needed = role
    return needed

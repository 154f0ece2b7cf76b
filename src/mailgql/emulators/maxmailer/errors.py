"""Maxmailer's error numbers and the messages the legacy server prints for them."""

from __future__ import annotations

__all__ = ["MESSAGES", "VARIANTS", "MaxmailerError", "fail", "fail_variant"]

# Spelling and punctuation are the vendor's ("Unknow user ID.", "charactes"): clients match on
# errno, but people compare messages with the vendor's pages, so they are kept verbatim.
MESSAGES: dict[int, str] = {
    # admin API: login and routing (our reading)
    1001: "Invalid login ID.",
    1002: "Function not recognized.",
    # CreateUser
    2001: "You don't have permissions to create users.",
    2002: "Username contain invalid charactes.",
    2003: "Password contain invalid charactes.",
    2004: "max_sends must be a number.",
    2005: "max_message_size must be a number.",
    2006: "max_list must be a number.",
    2007: "Invalid email address.",
    2008: "This username is in use.",
    2009: "Your license does not allow you to assign unlimited subscribers.",
    2010: "Can not allocate more subscribers than your license allow.",
    2011: "You can not asign more subscribers than license allows you to.",
    2012: "Your license does not allow you to assign {x} subscribers.",
    2013: "You do not have enough lists to assign.",
    2014: "Can not allocate more than {x} lists.",
    2015: "Can not allocate more than {x} lists.",
    2016: "You do not have enough sends to assign.",
    2017: "Can not allocate more than {x} sends",
    2019: "Your account will not allows you to assign unlimited subscribers.",
    2020: "Your license does not allow you to assign {x} subscribers.",
    2021: "Your license does not allow you to assign {x} subscribers.",
    2022: "Your account allows you to assign no more than {x} subscribers.",
    2023: "The system can not allocate {x} subscribers. Please contact the administrator.",
    2024: "Messages can not allocate more than {x} kB",
    2025: "Your are not allowed to create more users.",
    # AddCredit (ours)
    3001: "You are not allowed to add credit.",
    3002: "Unknow user ID.",
    3003: "Credit can only be added to one time send accounts.",
    3004: "Credits must be a positive number.",
    # GetUser, and ListCamps with an id
    4001: "You are not allowed to get user information",
    4002: "Unknow user ID.",
    # SuspendUser / UnsuspendUser
    5001: "You don't have permissions to get user data.",
    5002: "Unknow user ID.",
    6001: "You don't have permissions to get user data.",
    6002: "Unknow user ID.",
    # ChangePassword
    7001: "You don't have permissions to change users password.",
    7002: "Unknow user ID.",
    7004: "Password is too short.",
    7005: "Password is too long.",
    7006: "Password contain invalid chars.",
    # DeleteUser
    8001: "You don't have permissions to delete users",
    8002: "Unknow user ID.",
    # ListUsers
    9001: "You are not allowed to get users information",
    # subscription API
    1101: "Invalid list or api key",
    1102: "Action not recognized",
    1103: "Invalid emails address",
    1104: "Subscribers quota exceeded",
    1105: "Email already exist in this list",
    1106: "Unsubscription date is in the past",
    1107: "Email not in list",
    1108: (
        "The email address entered is blacklisted. It must be subscribed by an double opt-in form"
    ),
    # GetCamp
    1201: "Wrong message ID",
}

VARIANTS: dict[int, str] = {
    # The seed gives 2016 twice: "not enough sends" (asked unlimited) and this one (asked more).
    2016: "Can not allocate more than {x} sends",
}
"""Second messages the vendor prints under an errno it already uses."""


class MaxmailerError(Exception):
    """An answer in Maxmailer's error envelope: ``{"error": true, "errno", "message"}``."""

    def __init__(self, errno: int, message: str) -> None:
        super().__init__(f"{errno} {message}")
        self.errno = errno
        self.message = message

    def body(self) -> dict[str, object]:
        """The JSON body the legacy server prints for this error."""
        return {"error": True, "errno": self.errno, "message": self.message}


def fail(errno: int, x: object = None) -> MaxmailerError:
    """The error for ``errno``, with the vendor's ``X`` placeholder filled in when it has one."""
    return _error(errno, MESSAGES[errno], x)


def fail_variant(errno: int, x: object = None) -> MaxmailerError:
    """The error for ``errno`` with the vendor's second message for it (see ``VARIANTS``)."""
    return _error(errno, VARIANTS[errno], x)


def _error(errno: int, template: str, x: object) -> MaxmailerError:
    return MaxmailerError(errno, template.format(x=x) if "{x}" in template else template)

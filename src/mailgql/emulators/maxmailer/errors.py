"""Maxmailer's error numbers and the messages the legacy server prints for them."""

from __future__ import annotations

__all__ = ["MESSAGES", "MaxmailerError", "fail"]

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
    2012: "Your license does not allow you to assign {x} subscribers.",
    2014: "Can not allocate more than {x} lists.",
    2016: "Can not allocate more than {x} sends",
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
    template = MESSAGES[errno]
    return MaxmailerError(errno, template.format(x=x) if "{x}" in template else template)

"""Oempro's XML answers read into the shape its JSON answers have (contract §3.2).

``api.php`` prints a PHP array as XML: a ``<response>`` root, one element per key, scalars as
CDATA text, ``true`` as ``1`` and ``false``/``null`` as an empty element, numerically indexed
arrays as ``<node_0>``, ``<node_1>``... children. Reading it back gives strings, dicts and lists,
so the JSON decoding (which coerces strings anyway) handles both formats. An empty element may
have been ``false``, ``null``, ``""`` or an empty array: it reads as ``""``, which every
decoder treats as "nothing".

Parsed with defusedxml: no DTDs, no entity expansion, no external references.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

__all__ = ["XmlValue", "parse_response"]

XmlValue = str | list["XmlValue"] | dict[str, "XmlValue"]
"""What an element reads as: text, a list (``node_N`` children) or a dict (named children)."""

_NODE = re.compile(r"node_(\d+)\Z")


def parse_response(body: bytes) -> dict[str, XmlValue]:
    """The ``<response>`` document as a dict; ValueError for anything else."""
    try:
        root = fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException) as exc:
        raise ValueError(f"not well-formed XML ({type(exc).__name__})") from None
    if root.tag != "response":
        raise ValueError(f"the XML root is <{root.tag}>, not <response>")
    value = _value(root)
    # An empty <response/> still is a response: one without any key.
    return value if isinstance(value, dict) else {}


def _value(element: Element) -> XmlValue:
    children = list(element)
    if not children:
        return element.text or ""
    indexed = [_NODE.match(child.tag) for child in children]
    if all(indexed):
        pairs = sorted(
            ((int(m.group(1)), child) for m, child in zip(indexed, children, strict=True) if m),
            key=lambda pair: pair[0],
        )
        return [_value(child) for _, child in pairs]
    return {child.tag: _value(child) for child in children}

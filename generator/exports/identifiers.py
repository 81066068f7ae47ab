"""Identifiers and addresses of exported records: stable across re-publishing.

Every CASE identifier is a lower-case UUID version 5 (RFC 9562: SHA-1 name-based) of a
*name* under the centre's *namespace*:

- the namespace is the ``exports.namespace`` option (any UUID the centre picks once and
  keeps); without it, ``uuid5(NAMESPACE_URL, site_url)``; without either,
  :data:`DEFAULT_NAMESPACE`, which every such project shares;
- the name is built from stable ids only: ``handbook:<kind>:<document>:<path>``, such as
  ``handbook:item:catalogue:r-503-0865/ac/1.2`` (see :meth:`Identifiers.item`).

So re-publishing the same content, on any machine, never changes an identifier, and two
centres with different namespaces never share one. ``uri`` values are absolute, made from
``site_url``; a build without ``site_url`` uses :data:`PLACEHOLDER_BASE` (the reserved
``.invalid`` domain, RFC 2606) and says so.

```python
ids = Identifiers.for_site(namespace=None, site_url="https://handbook.example.ac.uk/")
ids.item("catalogue", "r-503-0865", "ac", "1.2")   # '…' a lower-case UUID, the same every time
```
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

#: Used when neither a namespace nor ``site_url`` is set: ``uuid5(NAMESPACE_URL, PLACEHOLDER_BASE)``.
PLACEHOLDER_BASE = "https://handbook.invalid/"
DEFAULT_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, PLACEHOLDER_BASE)


class NamespaceError(ValueError):
    """The configured namespace is not a UUID."""


def parse_namespace(text: str) -> uuid.UUID:
    """The namespace option as a UUID; raises :class:`NamespaceError` with a message for the editor."""
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise NamespaceError(
            f"exports.namespace: expected a UUID such as '6f1c2a52-0d7e-4d8a-9a43-2f0b1c5d7e90', got {text!r}"
        ) from None


def site_base(site_url: str | None) -> str:
    """The absolute base of every ``uri``: ``site_url`` with one trailing slash, or the placeholder."""
    if not site_url:
        return PLACEHOLDER_BASE
    return site_url.rstrip("/") + "/"


@dataclass(frozen=True)
class Identifiers:
    """Makes the identifiers and absolute addresses of one site's exports."""

    namespace: uuid.UUID
    base: str

    @classmethod
    def for_site(cls, *, namespace: str | None, site_url: str | None) -> Identifiers:
        """The identifiers of a site: the given namespace, else one derived from ``site_url``."""
        if namespace:
            space = parse_namespace(namespace)
        elif site_url:
            space = uuid.uuid5(uuid.NAMESPACE_URL, site_base(site_url))
        else:
            space = DEFAULT_NAMESPACE
        return cls(space, site_base(site_url))

    @property
    def placeholder(self) -> bool:
        """Whether addresses use the placeholder base because the site has no ``site_url``."""
        return self.base == PLACEHOLDER_BASE

    def name(self, *parts: str) -> str:
        """The UUID v5 of ``handbook:<parts joined by ':'>``, lower case."""
        return str(uuid.uuid5(self.namespace, "handbook:" + ":".join(parts)))

    def document(self, document: str) -> str:
        """A CFDocument: ``handbook:document:<document>``."""
        return self.name("document", document)

    def item(self, document: str, unit_slug: str, *path: str) -> str:
        """A CFItem of ``document``: ``handbook:item:<document>:<unit>[/<kind>/<number>...]``.

        Items are named within their document because a CASE item belongs to one document:
        the same criterion in the catalogue and in a qualification package has two identifiers.
        """
        return self.name("item", document, "/".join((unit_slug, *path)))

    def item_type(self, type_code: str) -> str:
        """A CFItemType, shared by every package of the site: ``handbook:item-type:<code>``."""
        return self.name("item-type", type_code)

    def association(self, document: str, kind: str, origin: str, destination: str) -> str:
        """A CFAssociation, named by its document, type and the identifiers of its two ends."""
        return self.name("association", document, kind, origin, destination)

    def external(self, kind: str, key: str) -> str:
        """A node outside the package (a NOS unit), named by kind and key."""
        return self.name(kind, key)

    def url(self, path: str) -> str:
        """The absolute address of ``path`` (relative to the site root)."""
        return self.base + path.lstrip("/")

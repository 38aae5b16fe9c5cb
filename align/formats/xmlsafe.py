"""Safe XML parsing: no external entities, no DTD loading, no network, no entity
expansion bombs. Every XML reader in the toolkit goes through here."""

from __future__ import annotations

from typing import Any


def safe_parser(**kwargs: Any) -> Any:
    """An ``lxml.etree.XMLParser`` with entity resolution and network access off."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, **kwargs,
    )


def safe_iterparse_kwargs() -> dict[str, Any]:
    """Keyword arguments that make ``lxml.etree.iterparse`` safe."""
    return dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def reject_doctype_entities(head: bytes) -> str | None:
    """Return a reason if the start of an XML file declares entities (XML bomb or XXE)."""
    low = head.lower()
    if b"<!entity" in low:
        return "the file declares XML entities (<!ENTITY>), which are refused for safety"
    return None

"""vnge-kg: the knowledge graph of Vietnam's gender-equality communication plans."""

__version__ = "0.1.0"

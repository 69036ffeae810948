"""The bundled sample dataset: the five source documents as data."""

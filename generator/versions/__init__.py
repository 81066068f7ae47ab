"""Unit versions: comparing two versions of a unit, and a unit's history of versions."""

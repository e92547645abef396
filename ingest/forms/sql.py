"""The statements the form reader runs on the store. Values are always bound."""
from __future__ import annotations

# Communes and agencies by the unit they belong to: a form's rows are matched among them.
UNITS_OF = """
SELECT entity_id, entity_kind, name_vi, unit_type, parent_id, valid_from, valid_to
FROM entities
WHERE entity_kind IN ('commune', 'agency') AND parent_id = $parent
ORDER BY entity_kind, name_vi
"""

# A commune named alone at the top of its own report ("UBND XÃ LŨNG CÚ").
COMMUNES_NAMED = """
SELECT entity_id, name_vi, parent_id FROM entities
WHERE entity_kind = 'commune' AND list_contains($names, lower(name_vi))
"""

REGION_OF = "SELECT region_id FROM entities WHERE entity_id = $entity"

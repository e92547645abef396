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

# Within an import's write transaction (phase 2): the agencies a form names for the first time,
# and the arithmetic it got wrong.
INSERT_AGENCY = """
INSERT INTO entities (entity_id, entity_kind, name_vi, name_en, full_name_vi, unit_type, region_id,
                      parent_id, note)
VALUES ($entity_id, 'agency', $name_vi, $name_en, $full_name_vi, $unit_type, $region_id, $parent_id, $note)
"""
INSERT_FLAG = """
INSERT INTO quality_flags (flag_id, entity_id, metric_id, period, kind, stated_value, computed_value,
                           source_id, message_vi, message_en)
VALUES ($flag_id, $entity_id, $metric_id, $period, 'form_arithmetic', $stated, $computed, $source_id,
        $message_vi, $message_en)
"""

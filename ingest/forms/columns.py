"""Which measure each column of a form holds, by its header words, and so which kind of form it is.

Every kind whose subject the header names is tried; the one that finds the most measures wins
(a dossier form and an online-service form both speak of dossiers received online, but only the
latter counts procedures). A measure found in two columns is a problem naming both.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ingest.forms.header import Column, Table
from ingest.forms.kinds import Kind, kinds


@dataclass
class Mapping:
    kind: Kind
    columns: dict[str, Column]                                  # measure id -> its column
    unused: list[Column] = field(default_factory=list)          # headed columns no measure claims
    duplicates: list[tuple[str, Column, Column]] = field(default_factory=list)

    def col(self, measure_id: str) -> int | None:
        column = self.columns.get(measure_id)
        return column.col if column else None

    def has(self, *measure_ids: str) -> bool:
        return all(m in self.columns for m in measure_ids)


def map_columns(table: Table, kind: Kind) -> Mapping:
    """Each value column to the first of the kind's measures its header path matches."""
    mapping = Mapping(kind, {})
    for column in table.value_columns():
        measure = next((m for m in kind.measures if m.matches(column.path)), None)
        if measure is None:
            mapping.unused.append(column)
        elif measure.id in mapping.columns:
            mapping.duplicates.append((measure.id, mapping.columns[measure.id], column))
        else:
            mapping.columns[measure.id] = column
    return mapping


def best_mapping(table: Table) -> Mapping | None:
    """The mapping of the kind that finds most measures among those the header names; None if no
    kind's subject is named or none finds a measure."""
    text = table.header_text()
    found = [map_columns(table, k) for k in kinds() if k.is_candidate(text)]
    found = [m for m in found if m.columns]
    return max(found, key=lambda m: len(m.columns)) if found else None

// Merge actors. $rows: [{id, name, label, country, aliases, role}], one row per id (Neo4jStore
// merges the duplicates of a batch first); label is validated against graphbuilder.model.LABELS
// before it gets here and also becomes the node's second label (:Actor:Country, ...).
// Same rules as the embedded store: name, label, country and role keep the first non-null
// value they were given; aliases become the sorted union of old and new.
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
  ON CREATE SET a.name = row.name, a.label = row.label, a.country = row.country,
                a.role = row.role
  ON MATCH SET a.name = coalesce(a.name, row.name),
               a.label = coalesce(a.label, row.label),
               a.country = coalesce(a.country, row.country),
               a.role = coalesce(a.role, row.role)
WITH a, row
SET a:$(a.label),
    a.aliases = COLLECT {
      UNWIND coalesce(a.aliases, []) + row.aliases AS alias
      RETURN DISTINCT alias ORDER BY alias
    }

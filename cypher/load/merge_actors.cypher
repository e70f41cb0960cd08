// Merge actors. $rows: [{id, name, label, country, aliases, role}], one row per id (Neo4jStore
// merges the duplicates of a batch first); label is validated against graphbuilder.model.LABELS
// before it gets here and becomes the node's second label (:Actor:Country, ...) on creation.
// Same rules as the embedded store: name, label, country and role keep the first non-null
// value they were given; aliases become the sorted union of old and new.
// (The dynamic label is set in ON CREATE: a SET after the MERGE would make the planner add an
// Eager barrier, since a dynamic label could be :Actor, which the MERGE reads.)
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
  ON CREATE SET a:$(row.label), a.name = row.name, a.label = row.label,
                a.country = row.country, a.role = row.role
  ON MATCH SET a.name = coalesce(a.name, row.name),
               a.label = coalesce(a.label, row.label),
               a.country = coalesce(a.country, row.country),
               a.role = coalesce(a.role, row.role)
WITH a, row
SET a.aliases = COLLECT {
  UNWIND coalesce(a.aliases, []) + row.aliases AS alias
  RETURN DISTINCT alias ORDER BY alias
}

// bench/load.py baseline: plain CREATE of actor nodes (no MERGE, no alias union, to compare
// the cost of the idempotent load with; each actor once, by the first batch that has it).
// $rows: actor rows as for merge_actors.cypher.
UNWIND $rows AS row
CREATE (a:Actor {id: row.id, name: row.name, label: row.label, country: row.country,
                 aliases: row.aliases, role: row.role})
SET a:$(row.label)

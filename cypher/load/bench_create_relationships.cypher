// bench/load.py baseline: plain CREATE of relationships of ONE type between existing actors
// (no MERGE, no hash check). Template: {TYPE} is replaced by a validated type, exactly like
// merge_relations.cypher, so both sides of the comparison group rows by type.
// $rows: rows as for merge_relations.cypher (event) or merge_links.cypher (no props).
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
CREATE (s)-[r:{TYPE}]->(t)
SET r = coalesce(row.props, {}), r.id = row.id

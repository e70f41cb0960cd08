// bench/load.py baseline: plain CREATE of relationships between existing actors.
// $rows: rows as for merge_relations.cypher / merge_links.cypher (props may be absent).
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
CREATE (s)-[r:$(row.type)]->(t)
SET r = coalesce(row.props, {id: row.id})

// bench/load.py baseline: plain CREATE of structural relationships of ONE type (the
// counterpart of merge_links.cypher). $rows: [{id, source, target}].
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
CREATE (s)-[:{TYPE} {id: row.id}]->(t)

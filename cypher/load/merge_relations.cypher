// Merge event relationships. $rows: [{id, type, source, target, props}], one row per relation
// id; type is validated (UPPER_SNAKE, ontology vocabulary) before it gets here and is used as a
// dynamic relationship type (Neo4j >= 5.26), so the statement stays one cached, parameterised
// plan for every type. props = Relation.to_dict() minus source/target/type (null values are
// simply not stored). Keyed by id: loading the same relation again changes nothing.
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:$(row.type) {id: row.id}]->(t)
SET r = row.props

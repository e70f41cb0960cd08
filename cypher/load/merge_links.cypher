// Merge structural relationships of ONE type (LEADER_OF, PART_OF, AFFILIATED_WITH or
// MEMBER_OF). Template: {TYPE} is replaced by the validated type (see merge_relations.cypher).
// $rows: [{id, source, target}]. Links belong to no document and are never deleted by a
// document update.
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[:{TYPE} {id: row.id}]->(t)

// Merge structural relationships (LEADER_OF, PART_OF, AFFILIATED_WITH, MEMBER_OF).
// $rows: [{id, type, source, target}]; type is validated against
// graphbuilder.model.STRUCTURAL_TYPES. They belong to no document and are never deleted by a
// document update.
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[:$(row.type) {id: row.id}]->(t)

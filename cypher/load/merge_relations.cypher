// Merge event relationships of ONE type. Template: {TYPE} is replaced by a validated
// UPPER_SNAKE relationship type (graphbuilder.cypher.for_type); Neo4jStore groups the rows of a
// batch by type and runs this once per type, in the same transaction. Used for documents
// that replace an earlier version (relationships of a new document are created outright by
// create_relations.cypher, and merged here only when that met one that already existed).
// $rows: [{id, source, target, props}], one row per relation id; props = Relation.to_dict()
// minus source/target/type/id (a null value removes the property).
// Keyed by id: loading the same relation again changes nothing. With a static type, the MERGE
// is planned as a seek in the rel_<type>_id uniqueness index (constant cost however many
// relationships the two actors already share); a dynamic type $(row.type) would expand every
// relationship between them instead. Properties are set one by one, not `SET r = row.props`: a
// map write could touch `id`, which the MERGE reads, and the planner would then add an Eager
// barrier that materialises the whole batch.
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:{TYPE} {id: row.id}]->(t)
SET r.doc = row.props.doc, r.date = row.props.date, r.sentence = row.props.sentence,
    r.start = row.props.start, r.end = row.props.end, r.cameo = row.props.cameo,
    r.plover = row.props.plover, r.quad_class = row.props.quad_class,
    r.goldstein = row.props.goldstein,
    r.negated = row.props.negated, r.modality = row.props.modality,
    r.predicate = row.props.predicate, r.rule = row.props.rule,
    r.confidence = row.props.confidence, r.attribution = row.props.attribution

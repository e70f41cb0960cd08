// Merge event relationships. $rows: [{id, type, source, target, props}], one row per relation
// id; type is validated (UPPER_SNAKE) before it gets here and is used as a dynamic relationship
// type (Neo4j >= 5.26), so this is one cached, parameterised plan for every type.
// props = Relation.to_dict() minus source/target/type/id; a null value removes the property.
// Keyed by id: loading the same relation again changes nothing. Properties are set one by
// one (not `SET r = row.props`): a map write could touch `id`, which the MERGE reads, and the
// planner would then insert an Eager barrier that materialises the whole batch.
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:$(row.type) {id: row.id}]->(t)
SET r.doc = row.props.doc, r.date = row.props.date, r.sentence = row.props.sentence,
    r.start = row.props.start, r.end = row.props.end, r.cameo = row.props.cameo,
    r.plover = row.props.plover, r.quad_class = row.props.quad_class,
    r.negated = row.props.negated, r.modality = row.props.modality,
    r.predicate = row.props.predicate, r.rule = row.props.rule,
    r.confidence = row.props.confidence, r.attribution = row.props.attribution

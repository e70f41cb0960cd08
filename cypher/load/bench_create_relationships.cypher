// bench/load.py baseline: plain CREATE of event relationships of ONE type between existing
// actors (no MERGE, no hash check). Template: {TYPE} is replaced by a validated type, exactly
// like merge_relations.cypher, and the properties are written the same way (one by one: a map
// write `SET r = row.props` would put two Eager barriers into this plan, handicapping the
// baseline). $rows: rows as for merge_relations.cypher.
UNWIND $rows AS row
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
CREATE (s)-[r:{TYPE} {id: row.id}]->(t)
SET r.doc = row.props.doc, r.date = row.props.date, r.sentence = row.props.sentence,
    r.start = row.props.start, r.end = row.props.end, r.cameo = row.props.cameo,
    r.plover = row.props.plover, r.quad_class = row.props.quad_class,
    r.goldstein = row.props.goldstein,
    r.negated = row.props.negated, r.modality = row.props.modality,
    r.predicate = row.props.predicate, r.rule = row.props.rule,
    r.confidence = row.props.confidence, r.attribution = row.props.attribution

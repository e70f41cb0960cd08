// Create the event relationships of ONE type of documents the database has no marker of yet
// (lock_documents.cypher returned no hash): a document's relationships are committed in the
// same transaction as its marker, and the marker's lock is held from the start of this one, so
// none of them can exist and the MERGE's look-up is skipped. Should one exist all the same
// (markers deleted by hand), the relationship id's uniqueness constraint fails the transaction
// and Neo4jStore.load runs the batch again with merge_relations.cypher.
// Template and $rows as merge_relations.cypher; properties are written one by one there too
// (`SET r = row.props` would add two Eager barriers to this plan). bench/load.py's raw CREATE
// baseline uses this statement as well.
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

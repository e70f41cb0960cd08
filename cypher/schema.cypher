// graphbuilder schema for Neo4j 5.26+ (Community or Enterprise). Idempotent: every command is
// IF NOT EXISTS, so Neo4jStore.ensure_schema() runs this file on every start.
//
// Data model (shared with the embedded NetworkX store, see graphbuilder/store/__init__.py):
//   (:Actor:<Country|Person|Organization|Group|Location> {id, name, label, country, aliases, role})
//   (:Actor)-[:<EVENT TYPE> {id, doc, date, sentence, start, end, cameo, plover, quad_class,
//             negated, modality, predicate, rule, confidence, attribution}]->(:Actor)
//   (:Actor)-[:LEADER_OF|PART_OF|AFFILIATED_WITH|MEMBER_OF {id}]->(:Actor)
//   (:Document {id, hash, date, source})      bookkeeping, no relationships

// Actors and documents are keyed by id (the uniqueness constraints also give the index that
// every MERGE / MATCH {id: ...} uses).
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;

// Name look-ups in the example queries ($a may be an id or a name).
CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name);
CREATE INDEX actor_country IF NOT EXISTS FOR (a:Actor) ON (a.country);

// Relationship schema is per type in Neo4j 5 and schema commands cannot take a type as a
// parameter, so the lines below are templates (comments for cypher-shell):
// graphbuilder.cypher.schema_statements() runs `//@each-type` lines once per relationship type
// of the closed vocabulary (ontology event types + structural types) and `//@each-event-type`
// lines once per event type, with {TYPE} replaced by the validated UPPER_SNAKE type and {type}
// by its lower-case form. Neo4jStore adds the schema of a new type before its first load.
//
// Relation / link id: relationship property uniqueness constraint (Neo4j >= 5.7, Community
// too). Its index is what makes `MERGE (s)-[r:TYPE {id: ...}]->(t)` a constant-cost seek.
//@each-type CREATE CONSTRAINT rel_{type}_id IF NOT EXISTS FOR ()-[r:{TYPE}]-() REQUIRE r.id IS UNIQUE;
// Provenance: replacing a changed document deletes its old relationships by doc.
//@each-event-type CREATE INDEX rel_{type}_doc IF NOT EXISTS FOR ()-[r:{TYPE}]-() ON (r.doc);
// Time-range filters ("since", timelines) on a given type, e.g. sanctions_since.cypher.
//@each-event-type CREATE INDEX rel_{type}_date IF NOT EXISTS FOR ()-[r:{TYPE}]-() ON (r.date);
// Event typing filters on a given type. (A filter across all types, `()-[r]->() WHERE
// r.quad_class IN [3, 4]`, cannot use per-type indexes; these help typed queries only.)
//@each-event-type CREATE INDEX rel_{type}_quad_class IF NOT EXISTS FOR ()-[r:{TYPE}]-() ON (r.quad_class);
//@each-event-type CREATE INDEX rel_{type}_cameo IF NOT EXISTS FOR ()-[r:{TYPE}]-() ON (r.cameo);
//@each-event-type CREATE INDEX rel_{type}_plover IF NOT EXISTS FOR ()-[r:{TYPE}]-() ON (r.plover);

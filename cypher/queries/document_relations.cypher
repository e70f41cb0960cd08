// Provenance: everything extracted from one document (its event relationships with evidence
// spans and extraction rule), in text order, plus the document's bookkeeping node.
// @param doc: str -- document id
OPTIONAL MATCH (d:Document {id: $doc})
OPTIONAL MATCH (s:Actor)-[r]->(t:Actor)
WHERE r.doc = $doc
RETURN d.hash AS hash, d.date AS doc_date, r.start AS start, r.end AS end,
       s.name AS source, type(r) AS type, t.name AS target, r.cameo AS cameo,
       r.quad_class AS quad_class, r.negated AS negated, r.modality AS modality,
       r.predicate AS predicate, r.rule AS rule, r.confidence AS confidence,
       r.sentence AS sentence
ORDER BY start, end, type

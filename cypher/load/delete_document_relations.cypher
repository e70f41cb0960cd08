// Delete the event relationships of ONE type extracted from earlier versions of changed
// documents (before their new relationships are merged, in the same transaction) and return
// the ids of the actors they touched: candidates for prune_actors.cypher.
// Template: {TYPE} is replaced by a validated type (Neo4jStore runs it for every event type in
// the database), so the match is a seek in the rel_<type>_doc index, not a scan of every
// relationship. $docs: list of document ids.
MATCH (s:Actor)-[r:{TYPE}]->(t:Actor)
WHERE r.doc IN $docs
DELETE r
RETURN collect(DISTINCT s.id) + collect(DISTINCT t.id) AS ends

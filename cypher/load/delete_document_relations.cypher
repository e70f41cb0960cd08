// Delete the event relationships extracted from earlier versions of changed documents (before
// their new relationships are merged, in the same transaction) and return the ids of the actors
// they touched: candidates for prune_actors.cypher. $docs: list of document ids.
MATCH (s:Actor)-[r]->(t:Actor)
WHERE r.doc IN $docs
DELETE r
RETURN collect(DISTINCT s.id) + collect(DISTINCT t.id) AS ends

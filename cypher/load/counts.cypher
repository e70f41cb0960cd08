// (actor nodes, relationships): both answered from the count store.
MATCH (a:Actor)
WITH count(a) AS actors
MATCH ()-[r]->()
RETURN actors, count(r) AS relationships

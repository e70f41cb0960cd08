// Every actor, for Neo4jStore.read_graph().
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name, a.label AS label, a.country AS country,
       a.aliases AS aliases, a.role AS role

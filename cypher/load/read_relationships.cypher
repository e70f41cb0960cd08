// Every relationship between actors (events and structural), for Neo4jStore.read_graph().
MATCH (s:Actor)-[r]->(t:Actor)
RETURN s.id AS source, t.id AS target, type(r) AS type, properties(r) AS props

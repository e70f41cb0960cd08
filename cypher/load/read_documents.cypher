// Document bookkeeping, for Neo4jStore.read_graph() (graph attribute "documents").
MATCH (d:Document)
RETURN d.id AS id, d.hash AS hash, d.date AS date, d.source AS source, d.entities AS entities
ORDER BY id

// Connectivity, credentials and database check used by Neo4jStore.from_env().
RETURN 1 AS ok

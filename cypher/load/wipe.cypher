// Delete every node and relationship of the database (schema stays), in chunks so that large
// databases do not need one huge transaction. Auto-commit only (IN TRANSACTIONS).
// Used by bench/load.py, which asks before wiping a non-empty database.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS

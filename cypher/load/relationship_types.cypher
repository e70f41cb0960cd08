// Relationship types present in the database (their per-type schema is ensured on start).
CALL db.relationshipTypes() YIELD relationshipType
RETURN relationshipType

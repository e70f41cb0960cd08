// Names of the existing indexes (a constraint's backing index carries the constraint's name),
// so that ensure_schema() only sends the schema commands that still have work to do.
SHOW INDEXES YIELD name
RETURN name

// Hash recorded for each document id that is fully loaded (documents not yet loaded: no row).
// $ids: list of document ids.
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.hash AS hash

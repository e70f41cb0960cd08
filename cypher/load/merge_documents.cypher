// Mark documents as loaded. Runs after the document's actors and relationships, in the same
// transaction: a document is either loaded with its hash and all its relationships, or not at
// all. entities = sorted ids of the document's entities (keeps actors mentioned without any
// relation, exactly like the embedded store's documents table).
// $rows: [{id, hash, date, source, entities}].
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.hash = row.hash, d.date = row.date, d.source = row.source, d.entities = row.entities

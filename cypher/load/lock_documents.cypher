// First statement of every load transaction: the hash recorded for each document of the batch
// (null: not loaded yet), taking each document's lock. MERGE creates the marker of a document
// not loaded yet (its hash is set by merge_documents.cypher at the end of the same
// transaction) and holds the marker's uniqueness lock until commit, so a concurrent load of the
// same document waits here, then finds it loaded and skips it. $ids: document ids, sorted (the
// lock order, see graphbuilder/store/neo4j_batches.py).
UNWIND $ids AS id
MERGE (d:Document {id: id})
RETURN d.id AS id, d.hash AS hash

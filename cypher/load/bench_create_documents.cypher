// bench/load.py baseline: plain CREATE of the document bookkeeping nodes.
// $rows: rows as for merge_documents.cypher.
UNWIND $rows AS row
CREATE (:Document {id: row.id, hash: row.hash, date: row.date, source: row.source,
                   entities: row.entities})

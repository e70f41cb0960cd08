// After a document replacement: delete the candidate actors that have no relationship left and
// that no loaded document lists among its entities (the graph then holds the same actors as a
// fresh load of the current documents). $ids: candidate actor ids.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
WHERE NOT EXISTS { (a)--() }
  AND NOT EXISTS { MATCH (d:Document) WHERE id IN d.entities }
DELETE a

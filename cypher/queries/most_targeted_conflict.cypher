// Actors most often targeted by conflict events: quad class 3 (verbal conflict: criticism,
// threats, accusations...) and 4 (material conflict: sanctions, coercion, force...).
// Negated reports are left out. Optional $since keeps events on or after a date.
// @param limit: int = 10 -- maximum rows
// @param since: str = null -- ISO date YYYY-MM-DD; null (default) for all dates
MATCH (s:Actor)-[r]->(t:Actor)
WHERE r.quad_class IN [3, 4] AND NOT coalesce(r.negated, false)
  AND ($since IS NULL OR r.date >= $since)
WITH t, r, s
ORDER BY s.name
RETURN t.id AS id, t.name AS name, t.label AS label, count(r) AS conflict_events,
       sum(CASE r.quad_class WHEN 4 THEN 1 ELSE 0 END) AS material,
       sum(CASE r.quad_class WHEN 3 THEN 1 ELSE 0 END) AS verbal,
       collect(DISTINCT s.name) AS by, collect(DISTINCT type(r)) AS types
ORDER BY conflict_events DESC, material DESC, name
LIMIT $limit

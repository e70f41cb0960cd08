// The most cooperative and the most hostile pairs of actors, by quad class. For each unordered
// pair (both directions count), cooperation = reports of quad class 1 (verbal cooperation) and
// 2 (material cooperation), conflict = 3 (verbal conflict) and 4 (material conflict);
// score = cooperation - conflict. The $limit pairs with the highest positive score are
// "cooperative", the $limit with the lowest negative score "hostile". Negated reports are left
// out.
// @param limit: int = 10 -- pairs of each kind
// @param since: str = null -- ISO date YYYY-MM-DD; null (default) for all dates
MATCH (x:Actor)-[r]->(y:Actor)
WHERE r.quad_class IN [1, 2, 3, 4] AND NOT coalesce(r.negated, false) AND x <> y
  AND ($since IS NULL OR r.date >= $since)
WITH CASE WHEN x.id < y.id THEN x ELSE y END AS a,
     CASE WHEN x.id < y.id THEN y ELSE x END AS b, r
WITH a, b, count(r) AS reports,
     sum(CASE WHEN r.quad_class IN [1, 2] THEN 1 ELSE 0 END) AS cooperation,
     sum(CASE WHEN r.quad_class IN [3, 4] THEN 1 ELSE 0 END) AS conflict,
     collect(DISTINCT type(r)) AS types
WITH collect({a: a, b: b, reports: reports, cooperation: cooperation, conflict: conflict,
              score: cooperation - conflict, types: types}) AS pairs
UNWIND ['cooperative', 'hostile'] AS kind
CALL (kind, pairs) {
  UNWIND pairs AS p
  WITH p, CASE kind WHEN 'cooperative' THEN p.score ELSE -p.score END AS strength
  WHERE strength > 0
  RETURN p, strength
  ORDER BY strength DESC, p.reports DESC, p.a.name, p.b.name
  LIMIT $limit
}
RETURN kind, p.a.id AS a_id, p.a.name AS a, p.b.id AS b_id, p.b.name AS b,
       p.cooperation AS cooperation, p.conflict AS conflict, p.score AS score,
       p.reports AS reports, COLLECT { UNWIND p.types AS t RETURN t ORDER BY t } AS types
ORDER BY kind, strength DESC, reports DESC, a, b

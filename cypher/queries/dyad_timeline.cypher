// A dyad's timeline: per period, how two actors (with their members, e.g. a country and its
// leaders, ministries, companies) treat each other: reports in each direction, cooperation
// (quad class 1-2) against conflict (3-4), net = cooperation - conflict, and the types seen.
// Negated reports are left out; undated reports are grouped under period null.
// @param a: str -- id ("USA") or name / alias ("United States")
// @param b: str -- id ("CHN") or name / alias ("China")
// @param period: str = "month" -- "day", "month" or "year"
CALL () {
  MATCH (x:Actor)
  WHERE x.id = $a OR toLower(x.name) = toLower($a)
     OR any(alias IN x.aliases WHERE toLower(alias) = toLower($a))
  RETURN x AS ca
  ORDER BY x.id = $a DESC, x:Country DESC, toLower(x.name) = toLower($a) DESC, x.id
  LIMIT 1
}
CALL () {
  MATCH (y:Actor)
  WHERE y.id = $b OR toLower(y.name) = toLower($b)
     OR any(alias IN y.aliases WHERE toLower(alias) = toLower($b))
  RETURN y AS cb
  ORDER BY y.id = $b DESC, y:Country DESC, toLower(y.name) = toLower($b) DESC, y.id
  LIMIT 1
}
CALL (ca) {
  MATCH (m:Actor) WHERE m = ca OR m.country = ca.id
  RETURN collect(m) AS side_a
}
CALL (cb) {
  MATCH (m:Actor) WHERE m = cb OR m.country = cb.id
  RETURN collect(m) AS side_b
}
UNWIND side_a AS x
MATCH (x)-[r]-(y:Actor)
WHERE r.doc IS NOT NULL AND y IN side_b AND NOT coalesce(r.negated, false)
WITH DISTINCT ca, cb, r, startNode(r) IN side_a AS a_to_b
WITH ca, cb, r, a_to_b,
     left(r.date, CASE $period WHEN 'day' THEN 10 WHEN 'year' THEN 4 ELSE 7 END) AS period
WITH period, ca, cb,
     sum(CASE WHEN a_to_b THEN 1 ELSE 0 END) AS a_to_b,
     sum(CASE WHEN a_to_b THEN 0 ELSE 1 END) AS b_to_a,
     sum(CASE WHEN r.quad_class IN [1, 2] THEN 1 ELSE 0 END) AS cooperation,
     sum(CASE WHEN r.quad_class IN [3, 4] THEN 1 ELSE 0 END) AS conflict,
     collect(DISTINCT type(r)) AS types
RETURN period, ca.name AS a, cb.name AS b, a_to_b, b_to_a, cooperation, conflict,
       cooperation - conflict AS net,
       COLLECT { UNWIND types AS t RETURN t ORDER BY t } AS types
ORDER BY period

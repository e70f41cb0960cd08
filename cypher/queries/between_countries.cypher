// Everything between two countries, over time: every event relationship, in either direction,
// between the two countries or actors belonging to them (leaders, ministries, companies...:
// actors whose `country` is the country's id), oldest first (undated ones last).
// Works for any two actors: an actor without members just stands for itself.
// @param a: str -- first country: id ("USA") or name / alias ("United States")
// @param b: str -- second country: id ("CHN") or name / alias ("China")
// @param limit: int = 500 -- maximum rows
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
WHERE r.doc IS NOT NULL AND y IN side_b
WITH DISTINCT r
RETURN r.date AS date, startNode(r).name AS source, type(r) AS type,
       endNode(r).name AS target, r.quad_class AS quad_class, r.negated AS negated,
       r.modality AS modality, r.sentence AS sentence, r.doc AS doc,
       startNode(r).id AS source_id, endNode(r).id AS target_id
ORDER BY date, doc, r.start, type
LIMIT $limit

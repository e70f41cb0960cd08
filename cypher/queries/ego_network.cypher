// A country's ego network at 2 hops: every actor within two relationships of the country
// (either direction; event relationships and structural links), one row per actor with its
// distance, the number of relationships that connect it (to the country for hop 1, to the
// hop-1 actors for hop 2), their types, and through whom it is reached (hop 2).
// @param country: str -- id ("PRK") or name / alias ("North Korea")
// @param limit: int = 200 -- maximum rows
CALL () {
  MATCH (x:Actor)
  WHERE x.id = $country OR toLower(x.name) = toLower($country)
     OR any(alias IN x.aliases WHERE toLower(alias) = toLower($country))
  RETURN x AS c
  ORDER BY x.id = $country DESC, x:Country DESC, toLower(x.name) = toLower($country) DESC, x.id
  LIMIT 1
}
CALL (c) {
  MATCH (c)-[r]-(n:Actor)
  WHERE n <> c
  WITH n, count(r) AS weight, collect(DISTINCT type(r)) AS types
  RETURN collect({actor: n, weight: weight, types: types, via: [], hops: 1}) AS hop1
}
CALL (c, hop1) {
  WITH c, [h IN hop1 | h.actor] AS ring
  UNWIND ring AS v
  MATCH (v)-[r]-(n:Actor)
  WHERE n <> c AND NOT n IN ring
  WITH n, count(r) AS weight, collect(DISTINCT type(r)) AS types,
       collect(DISTINCT v.name) AS via
  RETURN collect({actor: n, weight: weight, types: types, via: via, hops: 2}) AS hop2
}
UNWIND hop1 + hop2 AS row
RETURN c.name AS center, row.hops AS hops, row.actor.id AS id, row.actor.name AS name,
       row.actor.label AS label, row.weight AS relationships, row.types AS types,
       row.via AS via
ORDER BY hops, relationships DESC, name
LIMIT $limit

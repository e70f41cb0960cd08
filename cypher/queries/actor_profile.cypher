// An actor's profile: what it does and what is done to it, one row per direction and
// relationship type (structural links included), with the counterparts and date range.
// @param actor: str -- id, name or alias ("China", "CHN", "Beijing")
CALL () {
  MATCH (x:Actor)
  WHERE x.id = $actor OR toLower(x.name) = toLower($actor)
     OR any(alias IN x.aliases WHERE toLower(alias) = toLower($actor))
  RETURN x AS a
  ORDER BY x.id = $actor DESC, x:Country DESC, toLower(x.name) = toLower($actor) DESC, x.id
  LIMIT 1
}
MATCH (a)-[r]-(other:Actor)
WITH a, r, other, CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction
ORDER BY other.name
RETURN a.id AS id, a.name AS name, direction, type(r) AS type, count(r) AS reports,
       collect(DISTINCT other.name) AS counterparts, min(r.date) AS first_date,
       max(r.date) AS last_date
ORDER BY direction DESC, reports DESC, type

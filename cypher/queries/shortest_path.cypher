// Shortest path between two actors, over any relationship in either direction (event
// relationships and structural links such as LEADER_OF), at most 6 hops. Returns the actors
// and relationship types along the path, and the path itself (drawn by Neo4j Browser).
// @param source: str -- id, name or alias of one end ("Kim Jong Un")
// @param target: str -- id, name or alias of the other end ("United States")
CALL () {
  MATCH (x:Actor)
  WHERE x.id = $source OR toLower(x.name) = toLower($source)
     OR any(alias IN x.aliases WHERE toLower(alias) = toLower($source))
  RETURN x AS a
  ORDER BY x.id = $source DESC, toLower(x.name) = toLower($source) DESC, x.id
  LIMIT 1
}
CALL () {
  MATCH (y:Actor)
  WHERE y.id = $target OR toLower(y.name) = toLower($target)
     OR any(alias IN y.aliases WHERE toLower(alias) = toLower($target))
  RETURN y AS b
  ORDER BY y.id = $target DESC, toLower(y.name) = toLower($target) DESC, y.id
  LIMIT 1
}
WITH a, b WHERE a <> b
MATCH p = shortestPath((a)-[*..6]-(b))
RETURN length(p) AS hops, [n IN nodes(p) | n.name] AS actors,
       [r IN relationships(p) | type(r)] AS types,
       [r IN relationships(p) | startNode(r).name + ' -' + type(r) + '-> ' + endNode(r).name]
         AS steps,
       p AS path

// A leader's statements: what a person (a government leader, role GOV) says and does: the
// event relationships the person is the source of, plus those reported as the person's words
// (attribution = the person's id), oldest first. Without $person: every person with role GOV.
// @param person: str = null -- id, name or alias ("Xi Jinping", "PER:XI_JINPING"); null = all GOV leaders
// @param limit: int = 200 -- maximum rows
CALL () {
  MATCH (p:Person)
  WHERE CASE WHEN $person IS NULL THEN p.role = 'GOV'
             ELSE p.id = $person OR toLower(p.name) = toLower($person)
                  OR any(alias IN p.aliases WHERE toLower(alias) = toLower($person)) END
  RETURN p
}
CALL (p) {
  MATCH (p)-[r]->(t:Actor)
  WHERE r.doc IS NOT NULL
  RETURN r, 'source' AS as
  UNION
  MATCH ()-[r]->()
  WHERE r.attribution = p.id
  RETURN r, 'attribution' AS as
}
WITH p, r, collect(as) AS roles
RETURN p.id AS speaker_id, p.name AS speaker, p.role AS speaker_role, r.date AS date,
       startNode(r).name AS source, type(r) AS type, endNode(r).name AS target,
       r.modality AS modality, r.negated AS negated, r.sentence AS sentence, r.doc AS doc,
       roles AS via
ORDER BY date, doc, r.start, type
LIMIT $limit

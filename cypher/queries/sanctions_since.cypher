// Who sanctions whom since a date.
// One row per (sanctioning actor, target): number of reports, first and last date, the
// modalities seen (asserted, future, ...), the documents and one example sentence.
// Negated reports ("did not sanction") and undated reports are left out.
// @param since: str = "0001-01-01" -- ISO date YYYY-MM-DD (inclusive)
// @param limit: int = 50 -- maximum rows
MATCH (s:Actor)-[r:SANCTIONS]->(t:Actor)
WHERE r.date >= $since AND NOT coalesce(r.negated, false)
WITH s, t, r
ORDER BY r.date, r.doc, r.start
RETURN s.id AS source_id, s.name AS source, t.id AS target_id, t.name AS target,
       count(r) AS reports, min(r.date) AS first_date, max(r.date) AS last_date,
       collect(DISTINCT r.modality) AS modalities, collect(DISTINCT r.doc) AS documents,
       head(collect(r.sentence)) AS example
ORDER BY reports DESC, last_date DESC, source, target
LIMIT $limit

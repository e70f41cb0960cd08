// Wait (up to 300 s) until every index is online after schema commands.
CALL db.awaitIndexes(300)

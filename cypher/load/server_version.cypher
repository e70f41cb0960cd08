// Server name, version and edition ("Neo4j Kernel 5.26.0 community"), for reports.
CALL dbms.components() YIELD name, versions, edition
RETURN name + ' ' + versions[0] + ' ' + edition AS version

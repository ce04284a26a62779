-- Each node writes its row here when asked whether it is ready (/readyz):
-- a node that cannot write (a full or read-only disk, a database that
-- refuses writes) is then not ready, and says why.
CREATE TABLE node_heartbeats (
	node TEXT PRIMARY KEY,
	at   BIGINT NOT NULL
);

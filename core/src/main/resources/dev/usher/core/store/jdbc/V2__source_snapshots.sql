-- Usher state store, schema version 2: what change detection last saw of each user source,
-- so the first detection after a restart compares with the last one instead of seeing
-- everyone as a joiner. Runs unchanged on H2 2.x and PostgreSQL 15+ (TEXT is a CLOB on H2).

-- One row per tenant and source: the active people (Usher's JSON, by user id) and the
-- change feed position.
CREATE TABLE IF NOT EXISTS usher_source_snapshot (
  tenant_id    VARCHAR(200) NOT NULL,
  source_name  VARCHAR(400) NOT NULL,
  taken_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  change_token VARCHAR(4000),
  active_users TEXT         NOT NULL,
  updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, source_name)
);

-- Whose subscriptions a key reaches: several keys may share one owner (an organisation's keys, say).
-- NULL means the key's own id, so rows written with the V1 columns only keep working.
ALTER TABLE api_key ADD COLUMN owner text
    CHECK (owner IS NULL OR owner ~ '^[A-Za-z0-9._@:+-]{1,200}$');

-- Requests per minute this key may make; NULL means the configured default.
ALTER TABLE api_key ADD COLUMN requests_per_minute integer
    CHECK (requests_per_minute IS NULL OR requests_per_minute BETWEEN 1 AND 100000);

-- The key list pages newest first.
CREATE INDEX api_key_newest ON api_key (created_at DESC, id DESC);

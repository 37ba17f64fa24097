-- Adaptive polling: the interval the scheduler settled on for each feed (between the floor and the quiet ceiling),
-- distinct from the interval an admin asked for, which stays the baseline.
ALTER TABLE feed ADD COLUMN effective_interval_seconds integer CHECK (effective_interval_seconds >= 60);

-- Why a feed stopped being polled (a 410 Gone, or an admin), so the registry can say so.
ALTER TABLE feed ADD COLUMN disabled_reason text;

-- Where the last error happened (fetch, parse or publish), next to its kind and message.
ALTER TABLE feed ADD COLUMN last_error_stage text;

-- The feed's format as last parsed (rss-2.0, atom-1.0, ...), for the registry view.
ALTER TABLE feed ADD COLUMN format text;

-- The feed registry: what to poll, how politely, and how each feed is doing.
CREATE TABLE feed (
    id                    uuid        PRIMARY KEY,
    url                   text        NOT NULL UNIQUE,
    title                 text,
    site_url              text,
    enabled               boolean     NOT NULL DEFAULT true,
    poll_interval_seconds integer     NOT NULL DEFAULT 300 CHECK (poll_interval_seconds >= 60),
    -- conditional GET validators from the last 200 answer
    etag                  text,
    last_modified         text,
    -- scheduling: due feeds are claimed with a lease (FOR UPDATE SKIP LOCKED) so instances never poll one twice
    next_poll_at          timestamptz NOT NULL DEFAULT now(),
    lease_owner           text,
    lease_until           timestamptz,
    -- health
    last_polled_at        timestamptz,
    last_success_at       timestamptz,
    last_error_at         timestamptz,
    last_error_kind       text,
    last_error_message    text,
    last_http_status      integer,
    consecutive_failures  integer     NOT NULL DEFAULT 0,
    items_seen            bigint      NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX feed_due ON feed (next_poll_at) WHERE enabled;

-- Every article id ever published, so a story is published once whichever feed carries it and however often.
-- Written only after Kafka acknowledged the article.
CREATE TABLE seen_item (
    article_id    text        PRIMARY KEY,
    feed_id       uuid        NOT NULL,
    guid          text,
    first_seen_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX seen_item_feed ON seen_item (feed_id);

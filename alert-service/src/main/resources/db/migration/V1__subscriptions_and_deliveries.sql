-- Who is told: an owner (an API key's subject) and, for e-mail, the confirmation state of the address.
CREATE TABLE subscriber (
    id           uuid        PRIMARY KEY,
    owner        text        NOT NULL,
    email        text,
    confirmed_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (owner, email)
);

-- What they are told about, and how.
CREATE TABLE subscription (
    id              uuid        PRIMARY KEY,
    subscriber_id   uuid        NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    name            text        NOT NULL,
    topics          text[]      NOT NULL CHECK (cardinality(topics) > 0),
    keywords        text[]      NOT NULL DEFAULT '{}',
    min_score       double precision NOT NULL DEFAULT 0.5 CHECK (min_score BETWEEN 0 AND 1),
    languages       text[]      NOT NULL DEFAULT '{}',
    sources         text[]      NOT NULL DEFAULT '{}',
    channel_type    text        NOT NULL CHECK (channel_type IN ('webhook', 'email')),
    channel_target  text        NOT NULL,
    mode            text        NOT NULL DEFAULT 'immediate' CHECK (mode IN ('immediate', 'digest')),
    paused          boolean     NOT NULL DEFAULT false,
    disabled_reason text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Matching looks subscriptions up by topic.
CREATE INDEX subscription_topics ON subscription USING gin (topics);

-- The source of truth for "was this person told about this story": one row per (subscription, article).
CREATE TABLE delivery (
    id              uuid        PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    article_id      text        NOT NULL,
    state           text        NOT NULL DEFAULT 'pending'
                                CHECK (state IN ('pending', 'delivered', 'failed', 'skipped')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_status     integer,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    UNIQUE (subscription_id, article_id)
);

-- Workers claim due deliveries with FOR UPDATE SKIP LOCKED.
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE state = 'pending';

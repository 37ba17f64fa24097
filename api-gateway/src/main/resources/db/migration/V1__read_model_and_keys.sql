-- The article read model, projected from news.classified.v1 (upsert by article id).
CREATE TABLE article (
    id                 text        PRIMARY KEY,
    feed_id            text        NOT NULL,
    source             text,
    url                text,
    title              text        NOT NULL,
    summary            text        NOT NULL,
    content            text        NOT NULL,
    language           text        NOT NULL,
    published_at       timestamptz NOT NULL,
    collected_at       timestamptz NOT NULL,
    classified_at      timestamptz NOT NULL,
    classifier_version text        NOT NULL,
    flagged            boolean     NOT NULL,
    -- the classification as published (topics, scores, evidence)
    classification     jsonb       NOT NULL
);

CREATE INDEX article_newest ON article (published_at DESC, id DESC);
CREATE INDEX article_flagged_newest ON article (published_at DESC, id DESC) WHERE flagged;

-- One row per (article, topic) for filtering and daily statistics.
CREATE TABLE article_topic (
    article_id text             NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    topic      text             NOT NULL,
    score      double precision NOT NULL,
    flagged    boolean          NOT NULL,
    PRIMARY KEY (article_id, topic)
);

CREATE INDEX article_topic_flagged ON article_topic (topic) WHERE flagged;

-- API keys: only a hash is stored; the key itself is shown once, at creation.
CREATE TABLE api_key (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    role       text        NOT NULL CHECK (role IN ('admin', 'subscriber', 'reader')),
    key_hash   text        NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

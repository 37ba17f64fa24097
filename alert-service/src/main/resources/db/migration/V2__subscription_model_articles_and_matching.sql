-- V2: what the subscription API, matching and the delivery side need beyond V1.
-- V1 shipped with no code writing to its tables, so the NOT NULL columns added here find no old rows;
-- the UPDATEs below still carry any over.

-- ---------------------------------------------------------------------------------------------------
-- subscriber: one per owner without an address (webhook subscriptions) and one per (owner, address)
-- for e-mail; the double opt-in state belongs to the address, so confirming once covers every
-- subscription of that owner to that address.
-- ---------------------------------------------------------------------------------------------------
ALTER TABLE subscriber
    ALTER COLUMN id SET DEFAULT gen_random_uuid(),
    -- Random value (base64url, 32 bytes) the confirmation link is signed over. A new one is set whenever
    -- a confirmation becomes due (new address, re-subscription after an unsubscribe), which voids older
    -- links. NULL for subscribers without an e-mail address.
    ADD COLUMN confirmation_nonce   text,
    -- When the confirmation mail for the current nonce was sent. For an e-mail subscriber with
    -- confirmed_at NULL, confirmation_sent_at NULL means "a confirmation mail is due": the mail side
    -- sends it and sets this column (a durable outbox, nothing is lost on a crash).
    ADD COLUMN confirmation_sent_at timestamptz,
    -- The address asked for no more mail from this owner (one-click unsubscribe of the whole address).
    -- Matching creates no deliveries for it; creating a new e-mail subscription for the address clears
    -- it together with confirmed_at, so the address has to confirm again.
    ADD COLUMN unsubscribed_at      timestamptz,
    -- Lets subscription carry the owner with a foreign key that keeps the two equal.
    ADD CONSTRAINT subscriber_id_owner UNIQUE (id, owner),
    ADD CONSTRAINT subscriber_email_state CHECK (
        email IS NOT NULL OR (confirmed_at IS NULL AND confirmation_nonce IS NULL AND unsubscribed_at IS NULL));

-- At most one address-less subscriber per owner (UNIQUE (owner, email) treats NULLs as distinct).
CREATE UNIQUE INDEX subscriber_owner_without_email ON subscriber (owner) WHERE email IS NULL;

-- ---------------------------------------------------------------------------------------------------
-- subscription
-- ---------------------------------------------------------------------------------------------------
ALTER TABLE subscription
    ALTER COLUMN id SET DEFAULT gen_random_uuid(),
    -- The owner (an API key's subject, as the gateway passes it in X-Newswatch-Owner); equal to the
    -- subscriber's owner by the foreign key below, kept here so that ownership checks and lists need no join.
    ADD COLUMN owner                    text,
    -- How keywords combine: 'any' = at least one keyword occurs, 'all' = every keyword occurs.
    -- Ignored when keywords is empty (no keyword condition).
    ADD COLUMN keywords_mode            text NOT NULL DEFAULT 'any' CHECK (keywords_mode IN ('all', 'any')),
    -- Digest settings, all NULL for mode 'immediate'. 'hourly' sends at the start of every hour of the
    -- time zone (digest_hour NULL), 'daily' once a day at digest_hour:00 of the time zone.
    ADD COLUMN digest_frequency         text CHECK (digest_frequency IN ('hourly', 'daily')),
    ADD COLUMN digest_hour              smallint CHECK (digest_hour BETWEEN 0 AND 23),
    -- IANA time zone id, e.g. 'Europe/Paris'.
    ADD COLUMN digest_time_zone         text,
    -- Webhook signing secret ('whsec_' + base64 of 32 random bytes), AES-256-GCM encrypted by the
    -- service: 'v1:<key id>:<base64(12-byte nonce || ciphertext || tag)>', the subscription id and column
    -- name as associated data. Read it through SubscriptionSecrets, never directly. NULL for e-mail.
    ADD COLUMN webhook_secret           text,
    -- The secret before the last rotation, encrypted the same way; it keeps signing (a second signature
    -- in webhook-signature) until webhook_previous_secret_expires_at, so receivers can switch over.
    ADD COLUMN webhook_previous_secret  text,
    ADD COLUMN webhook_previous_secret_expires_at timestamptz,
    -- 'active': matched and delivered. 'paused': by its owner; not matched, resumable.
    -- 'disabled': by the system with disabled_reason (e.g. the delivery worker after 5 days of failures,
    -- or 'unsubscribed'); not matched; resuming it clears the reason and the failure clock.
    ADD COLUMN status                   text NOT NULL DEFAULT 'active'
                                        CHECK (status IN ('active', 'paused', 'disabled')),
    ADD COLUMN status_changed_at        timestamptz NOT NULL DEFAULT now(),
    -- Set by the delivery worker at the first failed attempt after a success, cleared on success;
    -- a subscription failing since more than 5 days is disabled.
    ADD COLUMN failing_since            timestamptz;

UPDATE subscription s SET owner = sb.owner FROM subscriber sb WHERE sb.id = s.subscriber_id;
UPDATE subscription SET status = CASE WHEN disabled_reason IS NOT NULL THEN 'disabled'
                                      WHEN paused THEN 'paused' ELSE 'active' END;

ALTER TABLE subscription
    ALTER COLUMN owner SET NOT NULL,
    -- Replaced by status.
    DROP COLUMN paused,
    ADD CONSTRAINT subscription_owner_is_subscribers FOREIGN KEY (subscriber_id, owner)
        REFERENCES subscriber (id, owner) ON DELETE CASCADE,
    ADD CONSTRAINT subscription_disabled_has_reason CHECK ((status = 'disabled') = (disabled_reason IS NOT NULL)),
    ADD CONSTRAINT subscription_digest_settings CHECK (
        (mode = 'immediate' AND digest_frequency IS NULL AND digest_hour IS NULL AND digest_time_zone IS NULL)
        OR (mode = 'digest' AND digest_time_zone IS NOT NULL
            AND ((digest_frequency = 'daily' AND digest_hour IS NOT NULL)
                 OR (digest_frequency = 'hourly' AND digest_hour IS NULL)))),
    -- Digests are e-mails; a webhook gets each story as it is matched.
    ADD CONSTRAINT subscription_digest_is_email CHECK (mode = 'immediate' OR channel_type = 'email'),
    ADD CONSTRAINT subscription_webhook_has_secret CHECK ((channel_type = 'webhook') = (webhook_secret IS NOT NULL)),
    ADD CONSTRAINT subscription_previous_secret_expires CHECK (
        (webhook_previous_secret IS NULL) = (webhook_previous_secret_expires_at IS NULL));

-- Lists: newest first, cursor on (created_at, id), per owner or over all.
CREATE INDEX subscription_owner_created ON subscription (owner, created_at DESC, id DESC);
CREATE INDEX subscription_created ON subscription (created_at DESC, id DESC);
CREATE INDEX subscription_subscriber ON subscription (subscriber_id);

-- ---------------------------------------------------------------------------------------------------
-- article: recent classified articles, so the delivery side renders webhooks and mails and the preview
-- answers "what would have matched" without asking another service. Written by matching, idempotent on
-- id; rows older than newswatch.alert.article-retention are deleted unless a pending delivery still
-- needs them.
-- ---------------------------------------------------------------------------------------------------
CREATE TABLE article (
    id                 text        PRIMARY KEY,
    -- The whole ArticleClassified event in its EventJson form (EventJson.read(bytes, ArticleClassified.class)).
    event              jsonb       NOT NULL,
    flagged            boolean     NOT NULL,
    -- Ids of the flagged topics, for the preview's topic filter.
    flagged_topics     text[]      NOT NULL DEFAULT '{}',
    classifier_version text        NOT NULL,
    published_at       timestamptz NOT NULL,
    classified_at      timestamptz NOT NULL,
    -- When this service first stored the article.
    stored_at          timestamptz NOT NULL DEFAULT now()
);

-- The preview's "flagged in the last N days" and the retention clean-up.
CREATE INDEX article_classified_at ON article (classified_at);

-- ---------------------------------------------------------------------------------------------------
-- delivery: one row per (subscription, article), created by matching in the transaction that stores the
-- article, before the Kafka offset is committed.
-- ---------------------------------------------------------------------------------------------------
ALTER TABLE delivery
    ALTER COLUMN id SET DEFAULT gen_random_uuid(),
    -- The subscription's channel_type at match time ('webhook' or 'email'), so workers claim by channel.
    ADD COLUMN channel   text CHECK (channel IN ('webhook', 'email')),
    -- NULL: an immediate delivery, due at next_attempt_at (= the match time at first).
    -- Not NULL: the delivery belongs to the digest sent at this instant, the end of the subscription's
    -- hourly or daily bucket in its time zone, computed at match time; next_attempt_at starts equal to
    -- it and moves with retries while digest_at stays. The digest sender claims due pending rows with
    -- digest_at NOT NULL and sends one mail per (subscription_id, digest_at).
    ADD COLUMN digest_at timestamptz;

UPDATE delivery d SET channel = s.channel_type FROM subscription s WHERE s.id = d.subscription_id;

ALTER TABLE delivery ALTER COLUMN channel SET NOT NULL;

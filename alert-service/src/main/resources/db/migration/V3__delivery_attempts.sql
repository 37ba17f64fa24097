-- V3: what the delivery side records. Every attempt of every delivery, for the delivery log; and where a
-- delivery's current retry schedule starts, so that a redelivery gets a full schedule again while attempt
-- numbers keep counting.

CREATE TABLE delivery_attempt (
    delivery_id uuid        NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
    -- 1 for the first attempt over the delivery's whole life (delivery.attempts after the claim).
    attempt     integer     NOT NULL CHECK (attempt > 0),
    started_at  timestamptz NOT NULL,
    -- NULL while the attempt runs, and for good when the worker stopped during it (its claim ran out and
    -- another attempt followed).
    finished_at timestamptz,
    -- The receiver's HTTP status; NULL for connection errors and e-mail.
    status_code integer,
    -- What went wrong, NULL on success. Never a secret.
    error       text,
    duration_ms integer     CHECK (duration_ms >= 0),
    PRIMARY KEY (delivery_id, attempt)
);

-- Attempts made before the current retry schedule started: the schedule position is attempts - retry_base.
-- A redelivery sets it to attempts.
ALTER TABLE delivery ADD COLUMN retry_base integer NOT NULL DEFAULT 0 CHECK (retry_base >= 0);

-- The delivery log: a subscription's deliveries, newest first, cursor on (created_at, id).
CREATE INDEX delivery_subscription_created ON delivery (subscription_id, created_at DESC, id DESC);

-- The confirmation mail outbox (confirmed_at NULL, confirmation_sent_at NULL) retries on the delivery
-- schedule, so an address the SMTP server refuses does not hold up the others.
ALTER TABLE subscriber
    ADD COLUMN confirmation_attempts integer NOT NULL DEFAULT 0 CHECK (confirmation_attempts >= 0),
    ADD COLUMN confirmation_next_at  timestamptz,
    ADD COLUMN confirmation_error    text;

-- Workers take due immediate deliveries in due order straight from this index (digest deliveries wait for
-- their digest and are read by subscription).
CREATE INDEX delivery_due_immediate ON delivery (next_attempt_at) WHERE state = 'pending' AND digest_at IS NULL;

-- V4: the owner notice outbox. When the delivery side disables a subscription (its endpoint answered 410, or
-- failed every attempt for days), the transaction that disables it also writes a row here; the mail side sends
-- it later and retries on the delivery schedule, so an SMTP outage or a crash delays the notice, never loses it.

CREATE TABLE owner_notice (
    id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Deleting the subscription drops its notices: there is nothing left to tell its owner about.
    subscription_id   uuid        NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    owner             text        NOT NULL,
    -- The subscription's name and why it was disabled, as they were then (resuming clears the reason).
    subscription_name text        NOT NULL,
    reason            text        NOT NULL,
    created_at        timestamptz NOT NULL,
    -- 'pending': to be mailed at next_attempt_at. 'sent': mailed at sent_at. 'not_mailable': the owner had no
    -- confirmed address when it was due. 'failed': every attempt of the schedule failed (last_error says why).
    state             text        NOT NULL DEFAULT 'pending'
                                  CHECK (state IN ('pending', 'sent', 'not_mailable', 'failed')),
    attempts          integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at   timestamptz NOT NULL,
    last_error        text,
    sent_at           timestamptz,
    CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);

-- The sender takes due notices in due order.
CREATE INDEX owner_notice_due ON owner_notice (next_attempt_at) WHERE state = 'pending';
CREATE INDEX owner_notice_subscription ON owner_notice (subscription_id);

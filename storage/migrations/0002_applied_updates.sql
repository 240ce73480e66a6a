-- The Telegram updates already applied, per bot. Telegram re-sends a webhook call that failed,
-- and sometimes one that had in fact been applied; the bot inserts an update's id in the same
-- transaction as the profile change it caused, so a re-sent update is recognised and never
-- applied twice. Rows older than a day are pruned (Telegram keeps an update 24 hours at most).
CREATE TABLE applied_updates (
    bot_id     bigint NOT NULL,
    update_id  bigint NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bot_id, update_id)
);

-- Pruning deletes the oldest rows without reading the others.
CREATE INDEX applied_updates_applied_at ON applied_updates (applied_at);

COMMENT ON TABLE applied_updates IS 'customer-profile-bot: Telegram updates applied (idempotency)';

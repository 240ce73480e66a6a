-- One row per owner. `record` is the profile as the bot keeps it (everything but the answers);
-- the columns beside it repeat what admins and the bot query, typed, so that SQL and BI tools
-- can use them directly: answers by question key in `answers`, the keys in the order the owner
-- answered them in `answered` (jsonb keeps no order), times as timestamptz.
CREATE TABLE profiles (
    user_id      bigint PRIMARY KEY,
    language     text NOT NULL,
    state        text NOT NULL,
    started_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    completed_at timestamptz,
    segment      text,
    source       text,
    reminder_at  timestamptz,
    answers      jsonb NOT NULL DEFAULT '{}'::jsonb,
    answered     text[] NOT NULL DEFAULT '{}',
    record       jsonb NOT NULL
);

-- Start-up re-arms every planned reminder: only the rows that have one are indexed.
CREATE INDEX profiles_reminder_at ON profiles (reminder_at) WHERE reminder_at IS NOT NULL;
-- Exports filtered by the day owners started.
CREATE INDEX profiles_started_at ON profiles (started_at);

COMMENT ON TABLE profiles IS 'customer-profile-bot: one row per shop owner (Telegram user id)';
COMMENT ON COLUMN profiles.answers IS 'answers by question key; "" means skipped';
COMMENT ON COLUMN profiles.answered IS 'the answered question keys, in the order answered';
COMMENT ON COLUMN profiles.record IS 'the rest of the profile as the bot stores it';

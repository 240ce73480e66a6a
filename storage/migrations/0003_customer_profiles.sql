-- One row per owner, one per customer profile, one per earlier version of a profile: what the
-- bot reads and writes, so that what an admin or a BI tool reads (or changes) with SQL is what
-- the bot shows. Replaces `profiles` (one row per owner, everything but the open profile's
-- answers inside its `record` jsonb, which was all the bot read).
--
-- Every old row is moved. A row this migration cannot read (a damaged `record`) does not stop
-- it for everyone: it stays in `profiles_unmigrated` (the old table, renamed), which the bot
-- reports as unreadable exactly as it did the old row, and lets its owner erase.

-- Old records hold times written by the bot in UTC; one without a zone is UTC too.
SET LOCAL TimeZone = 'UTC';
-- The moves below by ranges of user ids are planned for each range (a generic plan would scan
-- every old row for each).
SET LOCAL plan_cache_mode = force_custom_plan;

ALTER TABLE profiles RENAME TO profiles_unmigrated;
DROP INDEX profiles_reminder_at;
DROP INDEX profiles_started_at;

-- True for answers as the bot keeps them: an object of question key -> text ("" = skipped).
CREATE FUNCTION is_answers(value jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT jsonb_typeof(value) = 'object'
              AND NOT EXISTS (SELECT FROM jsonb_each(value) AS answer
                               WHERE jsonb_typeof(answer.value) <> 'string') $$;

CREATE TABLE owners (
    user_id         bigint PRIMARY KEY,
    language        text NOT NULL,
    language_chosen boolean NOT NULL DEFAULT false,
    paused          boolean NOT NULL DEFAULT false,
    blocked         boolean NOT NULL DEFAULT false,
    source          text,
    reminder_at     timestamptz,
    reminders_off   boolean NOT NULL DEFAULT false,
    renaming        integer,
    removed_at      timestamptz,
    open_profile_id integer NOT NULL
);

CREATE TABLE customer_profiles (
    user_id      bigint NOT NULL REFERENCES owners ON DELETE CASCADE,
    profile_id   integer NOT NULL CHECK (profile_id > 0),
    name         text,
    status       text NOT NULL GENERATED ALWAYS AS (
                     CASE WHEN completed_at IS NULL THEN 'in_progress' ELSE 'completed' END
                 ) STORED,
    state        text NOT NULL,
    answers      jsonb NOT NULL DEFAULT '{}' CHECK (is_answers(answers)),
    answered     text[] NOT NULL DEFAULT '{}',
    started_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    completed_at timestamptz,
    version      integer NOT NULL DEFAULT 1,
    version_at   timestamptz,
    draft        boolean NOT NULL DEFAULT true,
    segment      text,
    tip_index    integer NOT NULL DEFAULT 0,
    editing      boolean NOT NULL DEFAULT false,
    instance     text NOT NULL,
    sells_to     text,
    stage        text,
    channels     text[] NOT NULL DEFAULT '{}',
    advantage    text,
    kpis         jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(kpis) = 'array'),
    measurements jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(measurements) = 'array'),
    kpi_check_at timestamptz,
    PRIMARY KEY (user_id, profile_id)
);

-- The open profile is one of the owner's (checked at commit: a unit of work writes the owner,
-- then its profiles).
ALTER TABLE owners ADD CONSTRAINT owners_open_profile
    FOREIGN KEY (user_id, open_profile_id) REFERENCES customer_profiles
    DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE profile_versions (
    user_id    bigint NOT NULL,
    profile_id integer NOT NULL,
    version    integer NOT NULL,
    saved_at   timestamptz NOT NULL,
    answers    jsonb NOT NULL CHECK (is_answers(answers)),
    answered   text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (user_id, profile_id, version),
    FOREIGN KEY (user_id, profile_id) REFERENCES customer_profiles ON DELETE CASCADE
);

-- The reminder job claims due reminders; start-up counts the planned ones.
CREATE INDEX owners_reminder_at ON owners (reminder_at) WHERE reminder_at IS NOT NULL;
-- /stats and exports by language.
CREATE INDEX owners_language ON owners (language);
-- Exports filtered by the day a profile was started.
CREATE INDEX customer_profiles_started_at ON customer_profiles (started_at);
-- Admins' "whose plan is due for its KPI check".
CREATE INDEX customer_profiles_kpi_check_at ON customer_profiles (kpi_check_at)
    WHERE kpi_check_at IS NOT NULL;

COMMENT ON TABLE owners IS 'customer-profile-bot: one row per shop owner (Telegram user id)';
COMMENT ON COLUMN owners.language IS 'the language the bot speaks to the owner (en, pl, fa, …)';
COMMENT ON COLUMN owners.language_chosen IS 'true once picked with /language (wins over Telegram''s)';
COMMENT ON COLUMN owners.paused IS 'true after /cancel: typed text is not an answer until /start';
COMMENT ON COLUMN owners.blocked IS 'true while the owner has blocked the bot';
COMMENT ON COLUMN owners.source IS 'campaign tag of the t.me/<bot>?start=<source> link they came by';
COMMENT ON COLUMN owners.reminder_at IS 'when the next reminder is due; NULL when none is planned';
COMMENT ON COLUMN owners.reminders_off IS 'true after /stop_reminders';
COMMENT ON COLUMN owners.renaming IS 'the profile whose new name the owner''s next message is';
COMMENT ON COLUMN owners.removed_at IS 'when the owner last deleted one of their profiles';
COMMENT ON COLUMN owners.open_profile_id IS 'the customer profile the owner has open';

COMMENT ON TABLE customer_profiles IS 'customer-profile-bot: one row per customer profile (up to 10 per owner)';
COMMENT ON COLUMN customer_profiles.profile_id IS 'the profile''s number among its owner''s, from 1';
COMMENT ON COLUMN customer_profiles.name IS 'the name the owner gave it; NULL: named by its persona answer';
COMMENT ON COLUMN customer_profiles.status IS 'completed or in_progress (from completed_at; read-only)';
COMMENT ON COLUMN customer_profiles.state IS 'the conversation step the profile is on';
COMMENT ON COLUMN customer_profiles.answers IS 'answers by question key; "" means skipped';
COMMENT ON COLUMN customer_profiles.answered IS 'the answered keys in the order answered (jsonb keeps no order); keys missing here come after';
COMMENT ON COLUMN customer_profiles.completed_at IS 'when the last question was first answered; NULL while in progress';
COMMENT ON COLUMN customer_profiles.version IS 'the number of this version of the answers; earlier ones are in profile_versions';
COMMENT ON COLUMN customer_profiles.version_at IS 'when this version was approved on the review';
COMMENT ON COLUMN customer_profiles.draft IS 'true while answers may change without making a new version';
COMMENT ON COLUMN customer_profiles.segment IS 'the customers'' segment for the tips (experienced, beginner, mixed)';
COMMENT ON COLUMN customer_profiles.tip_index IS 'the tip being shown';
COMMENT ON COLUMN customer_profiles.editing IS 'true while one answer is being changed from the review';
COMMENT ON COLUMN customer_profiles.instance IS 'random tag of this profile''s life: binds its buttons to it';
COMMENT ON COLUMN customer_profiles.sells_to IS 'consumers, businesses or both (tapped at question 1)';
COMMENT ON COLUMN customer_profiles.stage IS 'the buying stage tapped at question 4';
COMMENT ON COLUMN customer_profiles.channels IS 'the channels tapped at question 5, in order';
COMMENT ON COLUMN customer_profiles.advantage IS 'what only this shop offers';
COMMENT ON COLUMN customer_profiles.kpis IS 'the plan''s metrics: [{metric, today, target, unit}]';
COMMENT ON COLUMN customer_profiles.measurements IS 'values measured at the checks, oldest first: [{metric, value, unit, at}]';
COMMENT ON COLUMN customer_profiles.kpi_check_at IS 'when the plan''s KPIs are next due to be checked';

COMMENT ON TABLE profile_versions IS 'customer-profile-bot: earlier versions of a customer profile''s answers';
COMMENT ON COLUMN profile_versions.saved_at IS 'when this version was saved (approved)';
COMMENT ON COLUMN profile_versions.answers IS 'that version''s answers by question key; "" means skipped';
COMMENT ON COLUMN profile_versions.answered IS 'its keys in order (jsonb keeps none); keys missing here come after';

COMMENT ON TABLE profiles_unmigrated IS 'customer-profile-bot: rows of the old profiles table that 0003 could not read; reported as unreadable, erased by /delete';

-- Each old row as the profiles it holds: the open one (the record's own fields, and the answers
-- from the columns, in their order), then the others (jsonb kept no order of their answers).
CREATE TEMPORARY VIEW moving AS
SELECT old.user_id, true AS open, old.record || jsonb_build_object('answers', old.answers)
           AS fields, old.answered
  FROM profiles_unmigrated AS old
UNION ALL
SELECT old.user_id, false, other.value, ARRAY(SELECT jsonb_object_keys(other.value->'answers'))
  FROM profiles_unmigrated AS old,
       jsonb_array_elements(coalesce(old.record->'others', '[]')) AS other;

-- Moves the old rows with user ids first..last; raises on any it cannot read.
CREATE FUNCTION pg_temp.move_profiles(first bigint, last bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO owners (user_id, language, language_chosen, paused, blocked, source,
                        reminder_at, reminders_off, renaming, removed_at, open_profile_id)
    SELECT user_id, fields->>'language',
           coalesce((fields->>'language_chosen')::boolean, false),
           coalesce((fields->>'paused')::boolean, false),
           coalesce((fields->>'blocked')::boolean, false),
           fields->>'source', (fields->>'reminder_at')::timestamptz,
           coalesce((fields->>'reminders_off')::boolean, false),
           (fields->>'renaming')::integer, (fields->>'removed_at')::timestamptz,
           coalesce((fields->>'profile_id')::integer, 1)
      FROM moving WHERE open AND user_id BETWEEN first AND last;

    INSERT INTO customer_profiles (
        user_id, profile_id, name, state, answers, answered, started_at, updated_at,
        completed_at, version, version_at, draft, segment, tip_index, editing, instance,
        sells_to, stage, channels, advantage, kpis, measurements, kpi_check_at)
    SELECT user_id, coalesce((fields->>'profile_id')::integer, 1), fields->>'name',
           fields->>'state', coalesce(fields->'answers', '{}'),
           -- Every answer kept: keys the order misses come after it.
           answered || ARRAY(SELECT jsonb_object_keys(coalesce(fields->'answers', '{}'))
                             EXCEPT SELECT unnest(answered)),
           (fields->>'started_at')::timestamptz, (fields->>'updated_at')::timestamptz,
           (fields->>'completed_at')::timestamptz,
           coalesce((fields->>'version')::integer, 1), (fields->>'version_at')::timestamptz,
           coalesce((fields->>'draft')::boolean, fields->>'completed_at' IS NULL),
           fields->>'segment', coalesce((fields->>'tip_index')::integer, 0),
           coalesce((fields->>'editing')::boolean, false),
           coalesce(fields->>'instance', fields->>'started_at'),
           fields->>'sells_to', fields->>'stage',
           ARRAY(SELECT jsonb_array_elements_text(coalesce(fields->'channels', '[]'))),
           fields->>'advantage', coalesce(fields->'kpis', '[]'),
           coalesce(fields->'measurements', '[]'), (fields->>'kpi_check_at')::timestamptz
      FROM moving WHERE user_id BETWEEN first AND last;

    INSERT INTO profile_versions (user_id, profile_id, version, saved_at, answers, answered)
    SELECT user_id, coalesce((fields->>'profile_id')::integer, 1),
           (earlier.value->>'version')::integer, (earlier.value->>'saved_at')::timestamptz,
           earlier.value->'answers', ARRAY(SELECT jsonb_object_keys(earlier.value->'answers'))
      FROM moving, jsonb_array_elements(coalesce(fields->'history', '[]')) AS earlier
     WHERE user_id BETWEEN first AND last;

    -- The open profile must be one of the owner's: checked here, not at commit.
    SET CONSTRAINTS owners_open_profile IMMEDIATE;
    SET CONSTRAINTS owners_open_profile DEFERRED;
    DELETE FROM profiles_unmigrated WHERE user_id BETWEEN first AND last;
END
$$;

DO $$
DECLARE
    chunk record;
    damaged bigint;
BEGIN
    BEGIN  -- all at once, the usual case
        PERFORM pg_temp.move_profiles(-9223372036854775808, 9223372036854775807);
    EXCEPTION WHEN OTHERS THEN
        -- Some row is damaged: by a thousand rows, and one by one within those that fail.
        FOR chunk IN SELECT min(user_id) AS first, max(user_id) AS last
                       FROM (SELECT user_id, (row_number() OVER (ORDER BY user_id) - 1) / 1000
                                             AS number FROM profiles_unmigrated) AS numbered
                      GROUP BY number ORDER BY 1 LOOP
            BEGIN
                PERFORM pg_temp.move_profiles(chunk.first, chunk.last);
            EXCEPTION WHEN OTHERS THEN
                FOR damaged IN SELECT user_id FROM profiles_unmigrated
                                WHERE user_id BETWEEN chunk.first AND chunk.last
                                ORDER BY user_id LOOP
                    BEGIN
                        PERFORM pg_temp.move_profiles(damaged, damaged);
                    EXCEPTION WHEN OTHERS THEN
                        RAISE WARNING 'the old profiles row of user % cannot be read (%); kept in profiles_unmigrated',
                            damaged, SQLSTATE;
                    END;
                END LOOP;
            END;
        END LOOP;
    END;
END
$$;

DROP FUNCTION pg_temp.move_profiles(bigint, bigint);
DROP VIEW moving;

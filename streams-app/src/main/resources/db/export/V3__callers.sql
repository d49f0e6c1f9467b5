-- The caller and reason figures (docs/metrics.md, "Callers and repeat contact"), as replay's
-- caller_metrics.csv and reason_metrics.csv have them: a count of people from 1 to kic.privacy.min-cell − 1,
-- and every cell that would give one away, is NULL and named in suppressed_cells. Which cells are hidden
-- is chosen over the whole table, so each table is written whole in one transaction: rows of two
-- readings side by side could let a hidden cell be worked out.
CREATE TABLE caller_metrics (
    channel                      text        NOT NULL,
    queue                        text        NOT NULL,
    granularity                  text        NOT NULL,
    interval_start               timestamptz NOT NULL,
    callers                      bigint,
    reached                      bigint,
    reached_first_attempt        bigint,
    reached_within_1_working_day bigint,
    still_open                   bigint,
    never_reached                bigint,
    attempts                     bigint,
    attempts_1                   bigint,
    attempts_2                   bigint,
    attempts_3                   bigint,
    attempts_4                   bigint,
    attempts_5_9                 bigint,
    attempts_10_plus             bigint,
    repeat_after_answer          bigint,
    unidentified_contacts        bigint      NOT NULL,
    spans_key_months             boolean     NOT NULL,
    final                        boolean     NOT NULL,
    repeat_window_truncated      boolean     NOT NULL,
    suppressed_cells             text        NOT NULL,
    updated_at                   timestamptz NOT NULL,
    PRIMARY KEY (channel, queue, granularity, interval_start)
);
CREATE INDEX caller_metrics_by_time ON caller_metrics (granularity, interval_start);

CREATE TABLE reason_metrics (
    channel                  text           NOT NULL,
    queue                    text           NOT NULL,
    granularity              text           NOT NULL,
    interval_start           timestamptz    NOT NULL,
    reason                   text           NOT NULL,
    contacts                 bigint,
    answered                 bigint,
    answered_share           numeric(9, 6),
    repeat_after_answer      bigint,
    repeat_after_answer_rate numeric(9, 6),
    aht_seconds              numeric(15, 3),
    suppressed_cells         text           NOT NULL,
    updated_at               timestamptz    NOT NULL,
    PRIMARY KEY (channel, queue, granularity, interval_start, reason)
);
CREATE INDEX reason_metrics_by_time ON reason_metrics (granularity, interval_start);

-- For report writers: the same rows under Dutch names.
CREATE VIEW bellercijfers AS
SELECT channel                      AS kanaal,
       queue                        AS wachtrij,
       granularity                  AS granulariteit,
       interval_start               AS begin_interval,
       callers                      AS bellers,
       reached                      AS bereikt,
       reached_first_attempt        AS bereikt_eerste_poging,
       reached_within_1_working_day AS bereikt_binnen_1_werkdag,
       still_open                   AS nog_open,
       never_reached                AS nooit_bereikt,
       attempts                     AS pogingen,
       attempts_1                   AS pogingen_1,
       attempts_2                   AS pogingen_2,
       attempts_3                   AS pogingen_3,
       attempts_4                   AS pogingen_4,
       attempts_5_9                 AS pogingen_5_9,
       attempts_10_plus             AS pogingen_10_plus,
       repeat_after_answer          AS herhaalcontact_na_antwoord,
       unidentified_contacts        AS contacten_zonder_nummer,
       spans_key_months             AS over_sleutelmaanden,
       final                        AS definitief,
       repeat_window_truncated      AS herhaalvenster_afgekapt,
       suppressed_cells             AS verborgen_cellen,
       updated_at                   AS bijgewerkt_op
FROM caller_metrics;

CREATE VIEW redencijfers AS
SELECT channel                  AS kanaal,
       queue                    AS wachtrij,
       granularity              AS granulariteit,
       interval_start           AS begin_interval,
       reason                   AS reden,
       contacts                 AS contacten,
       answered                 AS beantwoord,
       answered_share           AS aandeel_van_alle_beantwoorde,
       repeat_after_answer      AS herhaalcontact_na_antwoord,
       repeat_after_answer_rate AS herhaalpercentage,
       aht_seconds              AS gem_gespreksduur_s,
       suppressed_cells         AS verborgen_cellen,
       updated_at               AS bijgewerkt_op
FROM reason_metrics;

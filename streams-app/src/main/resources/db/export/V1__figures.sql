-- The exact interval figures, as replay's CSV files have them (docs/export.md): counts as integers,
-- ratios with 6 decimals and seconds with 3, NULL where a figure is undefined; interval_start is the
-- instant at which the Europe/Amsterdam calendar interval starts. updated_at moves only when a figure does.

CREATE TABLE contact_metrics (
    channel                  text        NOT NULL,
    queue                    text        NOT NULL,
    granularity              text        NOT NULL,
    interval_start           timestamptz NOT NULL,
    offered                  bigint      NOT NULL,
    answered                 bigint      NOT NULL,
    abandoned                bigint      NOT NULL,
    short_abandoned          bigint      NOT NULL,
    rejected                 bigint      NOT NULL,
    open                     bigint      NOT NULL,
    lost                     bigint      NOT NULL,
    reachability             numeric(9, 6),
    service_level            numeric(9, 6),
    asa_seconds              numeric(15, 3),
    wait_p50_seconds         numeric(15, 3),
    wait_p90_seconds         numeric(15, 3),
    max_wait_seconds         numeric(15, 3),
    avg_abandon_wait_seconds numeric(15, 3),
    aht_seconds              numeric(15, 3),
    updated_at               timestamptz NOT NULL,
    PRIMARY KEY (channel, queue, granularity, interval_start)
);
-- The boards read one granularity over a time range.
CREATE INDEX contact_metrics_by_time ON contact_metrics (granularity, interval_start);

CREATE TABLE email_metrics (
    category               text        NOT NULL,
    granularity            text        NOT NULL,
    interval_start         timestamptz NOT NULL,
    received_gross         bigint      NOT NULL,
    spam                   bigint      NOT NULL,
    received_net           bigint      NOT NULL,
    answered               bigint      NOT NULL,
    closed_without_answer  bigint      NOT NULL,
    open                   bigint      NOT NULL,
    answered_share         numeric(9, 6),
    acknowledged_on_time   bigint      NOT NULL,
    answered_on_time       bigint      NOT NULL,
    must_answer_violations bigint      NOT NULL,
    updated_at             timestamptz NOT NULL,
    PRIMARY KEY (category, granularity, interval_start)
);
CREATE INDEX email_metrics_by_time ON email_metrics (granularity, interval_start);

-- The norm beside each figure (kic.norm.*): indicator is the column it judges (a share of e-mails
-- is that count over received_net), channel CALL, CHAT or EMAIL; a share as a fraction, a wait in
-- seconds; direction at_least or at_most.
CREATE TABLE norms (
    indicator  text           NOT NULL,
    channel    text           NOT NULL,
    norm       numeric(15, 6) NOT NULL,
    direction  text           NOT NULL,
    source     text           NOT NULL,
    updated_at timestamptz   NOT NULL,
    PRIMARY KEY (indicator, channel)
);

-- For report writers: the same rows under Dutch names.
CREATE VIEW contactcijfers AS
SELECT channel                  AS kanaal,
       queue                    AS wachtrij,
       granularity              AS granulariteit,
       interval_start           AS begin_interval,
       offered                  AS aangeboden,
       answered                 AS beantwoord,
       abandoned                AS opgehangen,
       short_abandoned          AS kort_opgehangen,
       rejected                 AS geweigerd,
       open                     AS open,
       lost                     AS verloren,
       reachability             AS bereikbaarheid,
       service_level            AS servicelevel,
       asa_seconds              AS gem_wachttijd_beantwoord_s,
       wait_p50_seconds         AS wachttijd_p50_s,
       wait_p90_seconds         AS wachttijd_p90_s,
       max_wait_seconds         AS max_wachttijd_s,
       avg_abandon_wait_seconds AS gem_wachttijd_opgehangen_s,
       aht_seconds              AS gem_gespreksduur_s,
       updated_at               AS bijgewerkt_op
FROM contact_metrics;

CREATE VIEW emailcijfers AS
SELECT category               AS categorie,
       granularity            AS granulariteit,
       interval_start         AS begin_interval,
       received_gross         AS ontvangen_bruto,
       spam                   AS spam,
       received_net           AS ontvangen_netto,
       answered               AS beantwoord,
       closed_without_answer  AS gesloten_zonder_antwoord,
       open                   AS open,
       answered_share         AS aandeel_beantwoord,
       acknowledged_on_time   AS tijdig_bevestigd,
       answered_on_time       AS tijdig_beantwoord,
       must_answer_violations AS overtredingen_moet_beantwoorden,
       updated_at             AS bijgewerkt_op
FROM email_metrics;

CREATE VIEW normen AS
SELECT indicator  AS indicator,
       channel    AS kanaal,
       norm       AS norm,
       CASE direction WHEN 'at_least' THEN 'ten minste' ELSE 'ten hoogste' END AS richting,
       source     AS bron,
       updated_at AS bijgewerkt_op
FROM norms;

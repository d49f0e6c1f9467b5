-- The forecast of offered calls and chats (docs/forecast.md), as forecast.csv has it, one forecast per
-- origin (the forecast's --from date): offered_forecast with 3 decimals, the 80% bounds and the agents
-- needed as integers, the agents planned and the shortfall with 2 decimals, NULL where the file is empty.
-- Written by forecast --export-jdbc; a rerun of the same origin replaces that origin's rows.
CREATE TABLE forecast (
    channel          text           NOT NULL,
    queue            text           NOT NULL,
    interval_start   timestamptz    NOT NULL,
    origin           date           NOT NULL,
    offered_forecast numeric(15, 3) NOT NULL,
    lower80          bigint,
    upper80          bigint,
    agents_needed    bigint,
    agents_planned   numeric(15, 2),
    shortfall        numeric(15, 2),
    updated_at       timestamptz    NOT NULL,
    PRIMARY KEY (channel, queue, interval_start, origin)
);
-- The boards read one channel and queue over a time range, the latest origin first.
CREATE INDEX forecast_by_time ON forecast (channel, queue, interval_start, origin DESC);

CREATE VIEW verwachting AS
SELECT channel          AS kanaal,
       queue            AS wachtrij,
       interval_start   AS begin_interval,
       origin           AS vanaf,
       offered_forecast AS verwacht_aangeboden,
       lower80          AS ondergrens80,
       upper80          AS bovengrens80,
       agents_needed    AS medewerkers_nodig,
       agents_planned   AS medewerkers_gepland,
       shortfall        AS tekort,
       updated_at       AS bijgewerkt_op
FROM forecast;

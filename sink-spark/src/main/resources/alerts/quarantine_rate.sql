-- Per entity, the raw records landed in the last {{window_seconds}} seconds and the percentage of them
-- quarantined in that time. Both are read by ingestion time, which their files' statistics skip on.
WITH raw AS (
    SELECT 'conversation' AS entity, count(*) AS n FROM bronze.conversations_raw
        WHERE ingested_at >= current_timestamp() - make_dt_interval(0, 0, 0, {{window_seconds}})
    UNION ALL SELECT 'signal', count(*) FROM bronze.signals_raw
        WHERE ingested_at >= current_timestamp() - make_dt_interval(0, 0, 0, {{window_seconds}})
    UNION ALL SELECT 'deal', count(*) FROM bronze.deals_raw
        WHERE ingested_at >= current_timestamp() - make_dt_interval(0, 0, 0, {{window_seconds}})
),
quarantined AS (
    SELECT entity, count(*) AS n FROM silver.quarantine
    WHERE quarantined_at >= current_timestamp() - make_dt_interval(0, 0, 0, {{window_seconds}})
    GROUP BY entity
)
SELECT raw.entity AS subject, 100.0 * coalesce(quarantined.n, 0) / raw.n AS value, raw.n AS count
FROM raw LEFT JOIN quarantined ON quarantined.entity = raw.entity
WHERE raw.n > 0

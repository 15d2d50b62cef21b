-- Per day of the last {{days}} (UTC): raw records landed in bronze, rows silver took in, records
-- quarantined by reason, and the share of silver's rows with rescued data. Each table is read by its
-- ingestion time, which its files' statistics skip on: the cost follows the window, not the table.
WITH raw AS (
    SELECT to_date(ingested_at) AS day, count(*) AS n FROM (
        SELECT ingested_at FROM bronze.conversations_raw WHERE ingested_at >= current_date() - {{days}}
        UNION ALL SELECT ingested_at FROM bronze.signals_raw WHERE ingested_at >= current_date() - {{days}}
        UNION ALL SELECT ingested_at FROM bronze.deals_raw WHERE ingested_at >= current_date() - {{days}})
    GROUP BY 1
),
silver AS (
    SELECT to_date(ingested_at) AS day, count(*) AS n, count_if(_rescued_data IS NOT NULL) AS rescued FROM (
        SELECT ingested_at, _rescued_data FROM silver.conversations WHERE ingested_at >= current_date() - {{days}}
        UNION ALL SELECT ingested_at, _rescued_data FROM silver.conversation_signals
            WHERE ingested_at >= current_date() - {{days}}
        UNION ALL SELECT ingested_at, _rescued_data FROM silver.deal_outcomes WHERE ingested_at >= current_date() - {{days}})
    GROUP BY 1
),
quarantined AS (
    SELECT to_date(quarantined_at) AS day, reason, count(*) AS n
    FROM silver.quarantine WHERE quarantined_at >= current_date() - {{days}}
    GROUP BY 1, 2
)
SELECT CAST(day AS STRING) AS day, 'raw' AS measure, n AS value FROM raw
UNION ALL SELECT CAST(day AS STRING), 'silver', n FROM silver
UNION ALL SELECT CAST(day AS STRING), 'rescued_rate', round(rescued / n, 4) FROM silver
UNION ALL SELECT CAST(day AS STRING), concat('quarantined:', reason), n FROM quarantined
ORDER BY day, measure

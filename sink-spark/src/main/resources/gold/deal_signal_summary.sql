-- Per deal: its calls, their signals by type, average confidence, risk flags raised (true boolean
-- signals named in GOLD_RISK_SIGNALS), and the overall_score of its most recent scored call.
WITH calls AS (
    SELECT deal_id, count(*) AS calls, max(call_timestamp) AS last_call_at
    FROM silver.conversations
    WHERE deal_id IS NOT NULL
    GROUP BY deal_id
),
signals AS (
    SELECT
        c.deal_id,
        count(*) AS signals,
        count_if(s.signal_type = 'score') AS score_signals,
        count_if(s.signal_type = 'boolean') AS boolean_signals,
        count_if(s.signal_type = 'category') AS category_signals,
        count_if(s.signal_type = 'extraction') AS extraction_signals,
        count_if(s.signal_type = 'count') AS count_signals,
        avg(s.confidence) AS avg_confidence,
        count_if(s.signal_type = 'boolean' AND s.signal_name IN ({{risk_signals}}) AND s.signal_value = 'true')
            AS risk_flags,
        max_by(CAST(s.signal_value AS DOUBLE),
            IF(s.signal_name = 'overall_score', struct(c.call_timestamp, s.evaluated_at, s.signal_id), NULL))
            AS latest_overall_score
    FROM silver.conversations c
    JOIN silver.conversation_signals s ON s.call_id = c.call_id
    WHERE c.deal_id IS NOT NULL
    GROUP BY c.deal_id
)
SELECT
    calls.deal_id,
    calls.calls,
    calls.last_call_at,
    coalesce(signals.signals, 0) AS signals,
    coalesce(signals.score_signals, 0) AS score_signals,
    coalesce(signals.boolean_signals, 0) AS boolean_signals,
    coalesce(signals.category_signals, 0) AS category_signals,
    coalesce(signals.extraction_signals, 0) AS extraction_signals,
    coalesce(signals.count_signals, 0) AS count_signals,
    signals.avg_confidence,
    coalesce(signals.risk_flags, 0) AS risk_flags,
    signals.latest_overall_score
FROM calls
LEFT JOIN signals ON signals.deal_id = calls.deal_id

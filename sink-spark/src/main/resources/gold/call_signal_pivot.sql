-- One row per call, one column per signal_name in GOLD_PIVOT_SIGNALS: the value of its newest
-- evaluation, whatever the scoring_version.
SELECT * FROM (
    SELECT c.call_id, c.deal_id, c.call_timestamp, s.signal_name, s.signal_value, s.evaluated_at
    FROM silver.conversations c
    LEFT JOIN silver.conversation_signals s ON s.call_id = c.call_id
)
PIVOT (max_by(signal_value, evaluated_at) FOR signal_name IN ({{pivot_signals}}))

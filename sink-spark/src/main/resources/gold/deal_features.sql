-- Per deal, what its calls said: the features the deal-outcome model learns from and predicts with.
-- Point in time: a closed deal's features come only from calls before its close_date (features_as_of),
-- never from a call on or after it (a kickoff after signing, say); an open deal's from all its calls.
-- A call's overall_score is its newest evaluation; score_trend is the slope of those scores over the
-- deal's calls, in points a day. is_won is the label, known for closed deals.
WITH deals AS (
    SELECT deal_id, is_closed, is_won, close_date,
        IF(is_closed AND close_date IS NOT NULL, CAST(close_date AS TIMESTAMP), NULL) AS cutoff
    FROM silver.deal_outcomes
),
calls AS (
    SELECT d.deal_id, c.call_id, c.call_timestamp
    FROM deals d
    JOIN silver.conversations c ON c.deal_id = d.deal_id
    WHERE c.call_timestamp IS NOT NULL AND (d.cutoff IS NULL OR c.call_timestamp < d.cutoff)
),
call_stats AS (
    SELECT deal_id, count(*) AS calls, min(call_timestamp) AS first_call_at, max(call_timestamp) AS last_call_at
    FROM calls
    GROUP BY deal_id
),
signal_stats AS (
    SELECT
        calls.deal_id,
        avg(s.confidence) AS avg_confidence,
        count_if(s.signal_type = 'score') AS score_signals,
        count_if(s.signal_type = 'boolean') AS boolean_signals,
        count_if(s.signal_type = 'category') AS category_signals,
        count_if(s.signal_type = 'extraction') AS extraction_signals,
        count_if(s.signal_type = 'count') AS count_signals,
        avg(IF(s.signal_type = 'boolean' AND s.signal_name IN ({{risk_signals}}),
            IF(s.signal_value = 'true', 1D, 0D), NULL)) AS risk_flag_rate,
        avg(IF(s.signal_name = 'next_steps_agreed', IF(s.signal_value = 'true', 1D, 0D), NULL)) AS next_steps_rate
    FROM calls
    JOIN silver.conversation_signals s ON s.call_id = calls.call_id
    GROUP BY calls.deal_id
),
scores AS (
    SELECT calls.deal_id, calls.call_timestamp, max_by(CAST(s.signal_value AS DOUBLE), s.evaluated_at) AS score
    FROM calls
    JOIN silver.conversation_signals s ON s.call_id = calls.call_id AND s.signal_name = 'overall_score'
    GROUP BY calls.deal_id, calls.call_id, calls.call_timestamp
),
score_stats AS (
    SELECT deal_id, avg(score) AS avg_overall_score,
        regr_slope(score, unix_seconds(call_timestamp) / 86400.0) AS score_trend
    FROM scores
    GROUP BY deal_id
)
SELECT
    d.deal_id,
    d.is_closed,
    d.is_won,
    d.close_date,
    coalesce(d.cutoff, c.last_call_at) AS features_as_of,
    coalesce(c.calls, 0) AS calls,
    c.first_call_at,
    c.last_call_at,
    coalesce(datediff(coalesce(d.cutoff, c.last_call_at), c.first_call_at), 0) AS days_active,
    coalesce(s.avg_confidence, 0) AS avg_confidence,
    coalesce(s.score_signals, 0) AS score_signals,
    coalesce(s.boolean_signals, 0) AS boolean_signals,
    coalesce(s.category_signals, 0) AS category_signals,
    coalesce(s.extraction_signals, 0) AS extraction_signals,
    coalesce(s.count_signals, 0) AS count_signals,
    coalesce(s.risk_flag_rate, 0) AS risk_flag_rate,
    coalesce(s.next_steps_rate, 0) AS next_steps_rate,
    coalesce(sc.avg_overall_score, 0) AS avg_overall_score,
    coalesce(sc.score_trend, 0) AS score_trend
FROM deals d
LEFT JOIN call_stats c ON c.deal_id = d.deal_id
LEFT JOIN signal_stats s ON s.deal_id = d.deal_id
LEFT JOIN score_stats sc ON sc.deal_id = d.deal_id

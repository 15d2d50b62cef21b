-- Per deal, what its calls said: the features the deal-outcome model learns from and predicts with.
-- Point in time: a closed deal's features come only from calls before its close_date (features_as_of),
-- never from a call on or after it (a kickoff after signing, say); an open deal's from all its calls.
-- A call's overall_score is its newest evaluation; score_trend is the slope of those scores over the
-- deal's calls, in points a day. is_won is the label, known for closed deals. Silver is read once:
-- signals are summed per call, then calls per deal.
WITH deals AS (
    SELECT deal_id, is_closed, is_won, close_date,
        IF(is_closed AND close_date IS NOT NULL, CAST(close_date AS TIMESTAMP), NULL) AS cutoff
    FROM silver.deal_outcomes
),
per_call AS (
    SELECT
        d.deal_id,
        c.call_timestamp,
        sum(s.confidence) AS confidence_sum,
        count(s.confidence) AS confidences,
        count_if(s.signal_type = 'score') AS score_signals,
        count_if(s.signal_type = 'boolean') AS boolean_signals,
        count_if(s.signal_type = 'category') AS category_signals,
        count_if(s.signal_type = 'extraction') AS extraction_signals,
        count_if(s.signal_type = 'count') AS count_signals,
        count_if(s.signal_type = 'boolean' AND s.signal_name IN ({{risk_signals}}) AND s.signal_value = 'true')
            AS risks_raised,
        count_if(s.signal_type = 'boolean' AND s.signal_name IN ({{risk_signals}})) AS risks_asked,
        count_if(s.signal_name = 'next_steps_agreed' AND s.signal_value = 'true') AS next_steps_agreed,
        count_if(s.signal_name = 'next_steps_agreed') AS next_steps_asked,
        max_by(IF(s.signal_name = 'overall_score', CAST(s.signal_value AS DOUBLE), NULL),
            IF(s.signal_name = 'overall_score', s.evaluated_at, NULL)) AS score
    FROM deals d
    JOIN silver.conversations c ON c.deal_id = d.deal_id
    LEFT JOIN silver.conversation_signals s ON s.call_id = c.call_id
    WHERE c.call_timestamp IS NOT NULL AND (d.cutoff IS NULL OR c.call_timestamp < d.cutoff)
    GROUP BY d.deal_id, c.call_id, c.call_timestamp
),
per_deal AS (
    SELECT
        deal_id,
        count(*) AS calls,
        min(call_timestamp) AS first_call_at,
        max(call_timestamp) AS last_call_at,
        sum(confidence_sum) / sum(confidences) AS avg_confidence,
        sum(score_signals) AS score_signals,
        sum(boolean_signals) AS boolean_signals,
        sum(category_signals) AS category_signals,
        sum(extraction_signals) AS extraction_signals,
        sum(count_signals) AS count_signals,
        CAST(sum(risks_raised) AS DOUBLE) / sum(risks_asked) AS risk_flag_rate,
        CAST(sum(next_steps_agreed) AS DOUBLE) / sum(next_steps_asked) AS next_steps_rate,
        avg(score) AS avg_overall_score,
        regr_slope(score, unix_seconds(call_timestamp) / 86400.0) AS score_trend
    FROM per_call
    GROUP BY deal_id
)
SELECT
    d.deal_id,
    d.is_closed,
    d.is_won,
    d.close_date,
    coalesce(d.cutoff, p.last_call_at) AS features_as_of,
    coalesce(p.calls, 0) AS calls,
    p.first_call_at,
    p.last_call_at,
    coalesce(datediff(coalesce(d.cutoff, p.last_call_at), p.first_call_at), 0) AS days_active,
    coalesce(p.avg_confidence, 0) AS avg_confidence,
    coalesce(p.score_signals, 0) AS score_signals,
    coalesce(p.boolean_signals, 0) AS boolean_signals,
    coalesce(p.category_signals, 0) AS category_signals,
    coalesce(p.extraction_signals, 0) AS extraction_signals,
    coalesce(p.count_signals, 0) AS count_signals,
    coalesce(p.risk_flag_rate, 0) AS risk_flag_rate,
    coalesce(p.next_steps_rate, 0) AS next_steps_rate,
    coalesce(p.avg_overall_score, 0) AS avg_overall_score,
    coalesce(p.score_trend, 0) AS score_trend
FROM deals d
LEFT JOIN per_deal p ON p.deal_id = d.deal_id

-- Deals with risk flags raised on their calls, riskiest first: the overall_score of the latest scored
-- call and the champion model's win probability where there is one.
SELECT s.deal_id, s.calls, CAST(s.last_call_at AS STRING) AS last_call_at, s.risk_flags,
    round(s.latest_overall_score, 2) AS latest_score, round(p.win_probability, 3) AS win_probability
FROM gold.deal_signal_summary s
LEFT JOIN gold.deal_predictions p ON p.deal_id = s.deal_id
WHERE s.risk_flags > 0
ORDER BY s.risk_flags DESC, s.latest_overall_score ASC NULLS LAST, s.deal_id
LIMIT 100

-- Per rep (a participant whose role is rep or internal), calendar month of the call (UTC) and
-- scoring_version: the average overall_score of their calls, and how many calls it covers.
WITH rep_calls AS (
    SELECT DISTINCT c.call_id, lower(p.email) AS rep_email, CAST(date_trunc('MONTH', c.call_timestamp) AS DATE) AS month
    FROM silver.conversations c
    LATERAL VIEW explode(c.participants) AS p
    WHERE p.role IN ('rep', 'internal') AND p.email IS NOT NULL AND c.call_timestamp IS NOT NULL
)
SELECT
    r.rep_email,
    r.month,
    s.scoring_version,
    avg(CAST(s.signal_value AS DOUBLE)) AS avg_score,
    count(DISTINCT r.call_id) AS calls
FROM rep_calls r
JOIN silver.conversation_signals s ON s.call_id = r.call_id
WHERE s.signal_name = 'overall_score'
GROUP BY r.rep_email, r.month, s.scoring_version

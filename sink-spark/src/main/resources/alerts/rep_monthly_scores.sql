-- Each rep-month-scoring_version of gold: subject rep/month/version, its average score and calls.
SELECT concat_ws('/', rep_email, CAST(month AS STRING), scoring_version) AS subject, avg_score AS value, calls AS count
FROM gold.rep_monthly_scores
WHERE avg_score IS NOT NULL

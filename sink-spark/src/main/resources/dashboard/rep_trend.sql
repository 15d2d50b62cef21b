-- The rep cohort scoring trend: average overall_score by rep, month and scoring_version, as the
-- user may see it (a rep their own, a manager their team's, an analyst pseudonyms).
SELECT rep_email, CAST(month AS STRING) AS month, scoring_version, round(avg_score, 2) AS avg_score, calls
FROM gold.rep_monthly_scores
ORDER BY month, rep_email, scoring_version

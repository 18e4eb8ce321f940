SELECT CAST(median(CAST(date_diff('day', "created_at", "closed_at") AS DOUBLE)) AS DOUBLE) AS "median_days",
       CAST(quantile_cont(CAST(date_diff('day', "created_at", "closed_at") AS DOUBLE), 0.75) AS DOUBLE) AS "p75_days"
FROM "deals"
LIMIT 10000
-- params: []

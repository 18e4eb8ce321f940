SELECT CAST(date_trunc('month', "created_at") AS DATE) AS "cohort",
       CAST((CAST(count(*) FILTER (WHERE ("status" = CAST($1 AS VARCHAR))) AS DOUBLE) / NULLIF(CAST(count(*) FILTER (WHERE ("status" IN (CAST($2 AS VARCHAR), CAST($3 AS VARCHAR)))) AS DOUBLE), 0)) AS DOUBLE) AS "win_rate"
FROM "deals"
GROUP BY 1
ORDER BY 1 ASC NULLS LAST
LIMIT 10000
-- params: ["Won","Won","Lost"]

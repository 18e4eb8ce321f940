SELECT CAST(date_trunc('year', "closed_at" - INTERVAL 3 MONTH) + INTERVAL 3 MONTH AS DATE) AS "d0",
       CAST(count(*) AS DOUBLE) AS "m0"
FROM "deals"
GROUP BY 1
ORDER BY 1 ASC NULLS LAST
LIMIT 10000
-- params: []

SELECT CAST(date_trunc('quarter', "created_at" - INTERVAL 1 MONTH) + INTERVAL 1 MONTH AS DATE) AS "d0",
       CAST(count(*) AS DOUBLE) AS "m0"
FROM "deals"
GROUP BY 1
ORDER BY 1 ASC NULLS LAST
LIMIT 10000
-- params: []

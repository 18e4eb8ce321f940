SELECT CAST(date_trunc('week', "created_at") AS DATE) AS "d0",
       CAST(count(*) AS DOUBLE) AS "m0"
FROM "deals"
WHERE ("created_at" >= CAST($1 AS DATE) AND "created_at" < CAST($2 AS DATE))
GROUP BY 1
ORDER BY 1 ASC NULLS LAST
LIMIT 10000
-- params: ["2024-03-01","2024-04-08"]

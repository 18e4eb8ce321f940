SELECT floor(CAST("amount" AS DOUBLE) / 1000) * 1000 AS "bin",
       CAST(count(*) AS DOUBLE) AS "m0"
FROM "deals"
GROUP BY 1
ORDER BY 1 ASC NULLS LAST
LIMIT 10000
-- params: []

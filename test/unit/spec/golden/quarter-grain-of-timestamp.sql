SELECT CAST(date_trunc('quarter', "closed_at") AS DATE) AS "d0",
       CAST(sum("amount") AS DOUBLE) AS "m0"
FROM "deals"
GROUP BY 1
ORDER BY 1 ASC NULLS LAST
LIMIT 10000
-- params: []

SELECT CAST((CAST(sum("amount") AS DOUBLE) / NULLIF(CAST(count(*) FILTER (WHERE ("status" = CAST($1 AS VARCHAR))) AS DOUBLE), 0)) AS DOUBLE) AS "by_zero",
       CAST((CAST(count(*) AS DOUBLE) % NULLIF(0, 0)) AS DOUBLE) AS "mod_zero"
FROM "deals"
LIMIT 10000
-- params: ["Nope"]

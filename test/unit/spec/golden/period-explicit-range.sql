SELECT CAST(count(*) AS DOUBLE) AS "n"
FROM "deals"
WHERE ("closed_at" >= CAST($1 AS DATE) AND "closed_at" < CAST($2 AS DATE))
LIMIT 10000
-- params: ["2024-04-01","2024-05-01"]

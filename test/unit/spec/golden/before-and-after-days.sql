SELECT CAST(count(*) AS DOUBLE) AS "before"
FROM "deals"
WHERE ("created_at" < CAST($1 AS DATE) OR "closed_at" >= CAST($2 AS DATE))
LIMIT 10000
-- params: ["2024-02-11","2024-05-01"]

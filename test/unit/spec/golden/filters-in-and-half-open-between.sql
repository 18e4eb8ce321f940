SELECT CAST(count(*) AS DOUBLE) AS "m0"
FROM "deals"
WHERE ("status" IN ($1, $2))
  AND ("created_at" >= CAST($3 AS DATE) AND "created_at" < CAST($4 AS DATE))
LIMIT 10000
-- params: ["Won","Lost","2024-01-05","2024-03-31"]

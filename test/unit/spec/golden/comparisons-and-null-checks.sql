SELECT CAST(sum("amount") AS DOUBLE) AS "m0"
FROM "deals"
WHERE "probability" >= CAST($1 AS DOUBLE)
  AND "closed_at" IS NULL
  AND "owner" IS DISTINCT FROM $2
LIMIT 10000
-- params: [40,"Ann"]

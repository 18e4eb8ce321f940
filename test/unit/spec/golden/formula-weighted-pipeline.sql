SELECT CAST(sum((("amount" * "probability") / NULLIF(100, 0))) FILTER (WHERE ("status" = CAST($1 AS VARCHAR))) AS DOUBLE) AS "weighted"
FROM "deals"
LIMIT 10000
-- params: ["Open"]

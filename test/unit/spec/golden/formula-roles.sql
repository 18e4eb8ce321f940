SELECT CAST((CAST(sum("amount") AS DOUBLE) / NULLIF(CAST(count(*) AS DOUBLE), 0)) AS DOUBLE) AS "per_row",
       CAST(count(*) FILTER (WHERE ("status" = CAST($1 AS VARCHAR))) AS DOUBLE) AS "won",
       CAST(count(DISTINCT "owner") AS DOUBLE) AS "reps"
FROM "deals"
LIMIT 10000
-- params: ["Won"]

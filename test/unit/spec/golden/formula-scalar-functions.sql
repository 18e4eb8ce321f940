SELECT CAST(round(CAST(avg("probability") AS DOUBLE), 1) AS DOUBLE) AS "avg_p",
       CAST(coalesce(CAST(sum("amount") FILTER (WHERE ("segment" = CAST($1 AS VARCHAR))) AS DOUBLE), 0) AS DOUBLE) AS "no_platinum",
       CAST(abs((CAST(min("amount") AS DOUBLE) - CAST(max("amount") AS DOUBLE))) AS DOUBLE) AS "spread",
       CAST(greatest(CAST(max("probability") AS DOUBLE), 50) AS DOUBLE) AS "g",
       CAST(least(CAST(min("probability") AS DOUBLE), 5) AS DOUBLE) AS "l",
       CAST(nullif(CAST(count(*) FILTER (WHERE ("segment" IS NULL)) AS DOUBLE), 0) AS DOUBLE) AS "no_segment",
       CAST(((-CAST(count(*) AS DOUBLE)) + (10 * 2)) AS DOUBLE) AS "neg"
FROM "deals"
LIMIT 10000
-- params: ["Platinum"]

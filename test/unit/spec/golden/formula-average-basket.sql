SELECT CAST((CAST(sum("amount") AS DOUBLE) / NULLIF(CAST(count("amount") AS DOUBLE), 0)) AS DOUBLE) AS "basket",
       CAST((CAST(sum("amount") AS DOUBLE) / NULLIF(CAST(count(*) AS DOUBLE), 0)) AS DOUBLE) AS "per_row"
FROM "deals"
LIMIT 10000
-- params: []

SELECT CAST((CAST(sum("amount") FILTER (WHERE ("status" = CAST($1 AS VARCHAR))) AS DOUBLE) / NULLIF(CAST(count(*) FILTER (WHERE ("status" IN (CAST($2 AS VARCHAR), CAST($3 AS VARCHAR)))) AS DOUBLE), 0)) AS DOUBLE) AS "per_closed",
       CAST(sum("amount") FILTER (WHERE ("status" = CAST($1 AS VARCHAR))) AS DOUBLE) AS "won",
       CAST(count(*) FILTER (WHERE ("status" IN (CAST($2 AS VARCHAR), CAST($3 AS VARCHAR)))) AS DOUBLE) AS "closed",
       CAST(count(*) AS DOUBLE) AS "n",
       CAST((CAST(sum("amount") FILTER (WHERE ("status" = CAST($1 AS VARCHAR))) AS DOUBLE) / NULLIF(CAST(count(*) AS DOUBLE), 0)) AS DOUBLE) AS "per_row"
FROM "deals"
LIMIT 10000
-- params: ["Won","Won","Lost"]

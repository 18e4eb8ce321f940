WITH "__current" AS (
  SELECT CAST(date_trunc('week', CAST("sold_at" AS DATE) + 1) AS DATE) - 1 AS "week",
         CAST(sum("amount") AS DOUBLE) AS "amount"
  FROM "sales"
  WHERE ("sold_at" >= CAST($1 AS DATE) AND "sold_at" < CAST($2 AS DATE))
  GROUP BY 1
), "__previous" AS (
  SELECT (CAST(date_trunc('week', CAST("sold_at" AS DATE) + 1) AS DATE) - 1) + 7 AS "week",
         CAST(sum("amount") AS DOUBLE) AS "amount"
  FROM "sales"
  WHERE ("sold_at" >= CAST($3 AS DATE) AND "sold_at" < CAST($4 AS DATE))
  GROUP BY 1
)
SELECT "c"."week",
       "c"."amount",
       "p"."amount" AS "amount__previous",
       "c"."amount" - "p"."amount" AS "amount__change",
       ("c"."amount" - "p"."amount") / NULLIF(abs("p"."amount"), 0) AS "amount__change_pct"
FROM "__current" AS "c"
LEFT JOIN "__previous" AS "p" ON "p"."week" = "c"."week"
ORDER BY 1 ASC NULLS LAST
LIMIT 10000
-- params: ["2024-01-14","2024-01-21","2024-01-07","2024-01-14"]

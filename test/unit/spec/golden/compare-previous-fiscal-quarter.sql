WITH "__current" AS (
  SELECT CAST(date_trunc('quarter', "sold_at" - INTERVAL 1 MONTH) + INTERVAL 1 MONTH AS DATE) AS "quarter",
         CAST(sum("amount") AS DOUBLE) AS "amount"
  FROM "sales"
  WHERE ("sold_at" >= CAST($1 AS DATE) AND "sold_at" < CAST($2 AS DATE))
  GROUP BY 1
), "__previous" AS (
  SELECT CAST(CAST(date_trunc('quarter', "sold_at" - INTERVAL 1 MONTH) + INTERVAL 1 MONTH AS DATE) + INTERVAL 3 MONTH AS DATE) AS "quarter",
         CAST(sum("amount") AS DOUBLE) AS "amount"
  FROM "sales"
  WHERE ("sold_at" >= CAST($3 AS DATE) AND "sold_at" < CAST($4 AS DATE))
  GROUP BY 1
)
SELECT "c"."quarter",
       "c"."amount",
       "p"."amount" AS "amount__previous",
       "c"."amount" - "p"."amount" AS "amount__change",
       ("c"."amount" - "p"."amount") / NULLIF(abs("p"."amount"), 0) AS "amount__change_pct"
FROM "__current" AS "c"
LEFT JOIN "__previous" AS "p" ON "p"."quarter" = "c"."quarter"
ORDER BY 1 ASC NULLS LAST
LIMIT 10000
-- params: ["2024-02-01","2024-05-01","2023-11-01","2024-02-01"]

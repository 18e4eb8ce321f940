WITH "__current" AS (
  SELECT CAST(date_trunc('month', "sold_at") AS DATE) AS "month",
         "region" AS "region",
         CAST(sum("amount") AS DOUBLE) AS "amount",
         CAST((CAST(sum("amount") AS DOUBLE) / NULLIF(CAST(count(*) AS DOUBLE), 0)) AS DOUBLE) AS "avg"
  FROM "sales"
  WHERE "sold_at" >= CAST($1 AS DATE)
    AND ("region" IN ($2, $3))
  GROUP BY 1, 2
), "__previous" AS (
  SELECT CAST(CAST(date_trunc('month', "sold_at") AS DATE) + INTERVAL 1 MONTH AS DATE) AS "month",
         "region" AS "region",
         CAST(sum("amount") AS DOUBLE) AS "amount",
         CAST((CAST(sum("amount") AS DOUBLE) / NULLIF(CAST(count(*) AS DOUBLE), 0)) AS DOUBLE) AS "avg"
  FROM "sales"
  WHERE "sold_at" >= CAST($4 AS DATE)
    AND ("region" IN ($5, $6))
  GROUP BY 1, 2
)
SELECT "c"."month",
       "c"."region",
       "c"."amount",
       "p"."amount" AS "amount__previous",
       "c"."amount" - "p"."amount" AS "amount__change",
       ("c"."amount" - "p"."amount") / NULLIF(abs("p"."amount"), 0) AS "amount__change_pct",
       "c"."avg",
       "p"."avg" AS "avg__previous",
       "c"."avg" - "p"."avg" AS "avg__change",
       ("c"."avg" - "p"."avg") / NULLIF(abs("p"."avg"), 0) AS "avg__change_pct"
FROM "__current" AS "c"
LEFT JOIN "__previous" AS "p" ON "p"."month" = "c"."month" AND "p"."region" IS NOT DISTINCT FROM "c"."region"
ORDER BY 1 ASC NULLS LAST, 2 ASC NULLS LAST
LIMIT 10000
-- params: ["2024-02-01","North","South","2024-01-01","North","South"]

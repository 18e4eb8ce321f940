SELECT CAST(count(*) FILTER (WHERE ("created_at" >= CAST($1 AS DATE))) AS DOUBLE) AS "since_march",
       CAST(count(*) FILTER (WHERE ("created_at" >= CAST($2 AS DATE) AND "created_at" < CAST($3 AS DATE))) AS DOUBLE) AS "between",
       CAST(count(*) FILTER (WHERE ((NOT ("status" = CAST($4 AS VARCHAR))) AND ("closed_at" IS NOT NULL))) AS DOUBLE) AS "lost_closed",
       CAST(count(*) FILTER (WHERE (("owner" = CAST($5 AS VARCHAR)) OR ("probability" < 50))) AS DOUBLE) AS "either",
       CAST(count(*) FILTER (WHERE ("segment" NOT IN (CAST($6 AS VARCHAR)))) AS DOUBLE) AS "not_gold",
       CAST(count(*) FILTER (WHERE (("closed_at" >= CAST($7 AS TIMESTAMP)) AND ("closed_at" < CAST($8 AS TIMESTAMP)))) AS DOUBLE) AS "april",
       CAST(((((1 + 2) * 3) - (4 / NULLIF(2, 0))) + (7 % NULLIF(4, 0))) AS DOUBLE) AS "arith"
FROM "deals"
LIMIT 10000
-- params: ["2024-03-01","2024-01-01","2024-02-11","Won","Ann","Gold","2024-04-01","2024-05-01"]

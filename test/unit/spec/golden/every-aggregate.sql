SELECT CAST(count("amount") AS DOUBLE) AS "m0",
       CAST(count(DISTINCT "owner") AS DOUBLE) AS "m1",
       CAST(avg("probability") AS DOUBLE) AS "m2",
       CAST(min("amount") AS DOUBLE) AS "m3",
       max("created_at") AS "m4",
       CAST(median(CAST("amount" AS DOUBLE)) AS DOUBLE) AS "m5"
FROM "deals"
LIMIT 10000
-- params: []

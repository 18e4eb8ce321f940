SELECT "owner" AS "rep",
       "status" AS "status",
       CAST(count(*) AS DOUBLE) AS "n",
       CAST(median(CAST("amount" AS DOUBLE)) AS DOUBLE) AS "med",
       CAST(GROUPING("owner", "status") AS INTEGER) AS "__grouping"
FROM "deals"
GROUP BY GROUPING SETS (("owner", "status"), ("owner"), ())
ORDER BY GROUPING("owner") ASC, 1 ASC NULLS LAST, GROUPING("status") ASC, 2 ASC NULLS LAST
LIMIT 10000
-- params: []

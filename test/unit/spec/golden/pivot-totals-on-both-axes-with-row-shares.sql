SELECT "owner" AS "rep",
       "status" AS "status",
       CAST(count(*) AS DOUBLE) AS "n",
       CAST(count(*) AS DOUBLE) / NULLIF(sum(CAST(count(*) AS DOUBLE)) OVER (PARTITION BY CAST(GROUPING("owner", "status") AS INTEGER), "owner"), 0) AS "share",
       CAST(GROUPING("owner", "status") AS INTEGER) AS "__grouping"
FROM "deals"
GROUP BY GROUPING SETS (("owner", "status"), ("owner"), ("status"), ())
ORDER BY GROUPING("owner") ASC, 1 ASC NULLS LAST, GROUPING("status") ASC, 2 ASC NULLS LAST
LIMIT 10000
-- params: []

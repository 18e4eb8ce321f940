SELECT "owner" AS "rep",
       CAST(sum("amount") AS DOUBLE) AS "amount",
       CAST(GROUPING("owner") AS INTEGER) AS "__grouping"
FROM "deals"
GROUP BY GROUPING SETS (("owner"), ())
ORDER BY 3 ASC, 2 DESC NULLS LAST
LIMIT 10000
-- params: []

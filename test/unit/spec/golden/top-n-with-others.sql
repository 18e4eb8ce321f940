SELECT CASE WHEN "owner" IS NULL THEN NULL WHEN "owner" IN (SELECT "owner" FROM "deals" WHERE ("status" IN ($1, $2)) GROUP BY 1 ORDER BY CAST(sum("amount") AS DOUBLE) DESC NULLS LAST, 1 ASC LIMIT 2) THEN CAST("owner" AS VARCHAR) ELSE CAST($3 AS VARCHAR) END AS "rep",
       CAST(sum("amount") AS DOUBLE) AS "amount",
       CAST(count(*) AS DOUBLE) AS "n",
       CAST(median(CAST("amount" AS DOUBLE)) AS DOUBLE) AS "med"
FROM "deals"
WHERE ("status" IN ($1, $2))
GROUP BY 1
ORDER BY 2 DESC NULLS LAST
LIMIT 10000
-- params: ["Won","Open","Others"]

SELECT CASE WHEN "owner" IS NULL THEN NULL WHEN "owner" IN (SELECT "owner" FROM "deals" GROUP BY 1 ORDER BY CAST(sum("amount") AS DOUBLE) DESC NULLS LAST, 1 ASC LIMIT 1) THEN CAST("owner" AS VARCHAR) ELSE CAST($1 AS VARCHAR) END AS "rep",
       CAST(sum("amount") AS DOUBLE) AS "amount",
       CAST(count(*) AS DOUBLE) AS "n",
       CAST(median(CAST("amount" AS DOUBLE)) AS DOUBLE) AS "med"
FROM "deals"
GROUP BY 1
ORDER BY 1 ASC NULLS LAST
LIMIT 10000
-- params: ["Rest"]

SELECT "owner" AS "rep",
       CAST(sum("amount") AS DOUBLE) AS "won"
FROM "deals"
WHERE "status" = $1
GROUP BY 1
ORDER BY 1 ASC NULLS LAST
LIMIT 10000
-- params: ["Won"]

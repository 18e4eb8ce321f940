SELECT "owner" AS "rep",
       CAST(sum("amount") AS DOUBLE) AS "won"
FROM "deals"
WHERE "status" = $1
GROUP BY 1
ORDER BY 2 DESC NULLS LAST
LIMIT 2
-- params: ["Won"]

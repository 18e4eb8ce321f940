SELECT "segment" AS "d0",
       "status" AS "d1",
       CAST(count(*) AS DOUBLE) AS "m0"
FROM "deals"
WHERE "owner" = $1
GROUP BY 1, 2
ORDER BY 1 ASC NULLS LAST, 2 ASC NULLS LAST
LIMIT 10000
-- params: ["Cleo"]

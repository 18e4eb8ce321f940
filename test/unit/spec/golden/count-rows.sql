SELECT CAST(count(*) AS DOUBLE) AS "m0"
FROM "deals"
LIMIT 10000
-- params: []

SELECT CAST(count(*) AS DOUBLE) AS "n"
FROM "deals"
WHERE (("status" = $1 AND "owner" = $2) OR ("segment" = $3) IS NOT TRUE)
LIMIT 10000
-- params: ["Won","Ann","Gold"]

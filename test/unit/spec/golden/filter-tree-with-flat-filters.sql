SELECT CAST(count(*) AS DOUBLE) AS "n"
FROM "deals"
WHERE "owner" = $1
  AND (("status" = $2 AND "owner" = $3) OR ("segment" = $4) IS NOT TRUE)
LIMIT 10000
-- params: ["Bob","Won","Ann","Gold"]

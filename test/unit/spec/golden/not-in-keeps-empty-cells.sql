SELECT CAST(count(*) AS DOUBLE) AS "m0"
FROM "deals"
WHERE ("segment" NOT IN ($1) OR "segment" IS NULL)
LIMIT 10000
-- params: ["Gold"]

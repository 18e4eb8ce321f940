SELECT CAST(count(*) AS DOUBLE) AS "m0"
FROM "deals"
WHERE ("segment" NOT IN ($1) AND "segment" IS NOT NULL)
LIMIT 10000
-- params: ["Gold"]

SELECT CAST(count(*) AS DOUBLE) AS "m0"
FROM "deals"
WHERE contains(lower(CAST("owner" AS VARCHAR)), lower($1))
LIMIT 10000
-- params: ["AN"]

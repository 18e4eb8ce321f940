SELECT floor(CAST("amount" AS DOUBLE) / (SELECT CASE WHEN span = 0 THEN 1 WHEN raw <= p THEN p WHEN raw <= 2 * p THEN 2 * p WHEN raw <= 5 * p THEN 5 * p ELSE 10 * p END FROM (SELECT span, span / 10 AS raw, pow(10, floor(log10(CASE WHEN span > 0 THEN span / 10 ELSE 1 END))) AS p FROM (SELECT CAST(max("amount") - min("amount") AS DOUBLE) AS span FROM "deals")))) * (SELECT CASE WHEN span = 0 THEN 1 WHEN raw <= p THEN p WHEN raw <= 2 * p THEN 2 * p WHEN raw <= 5 * p THEN 5 * p ELSE 10 * p END FROM (SELECT span, span / 10 AS raw, pow(10, floor(log10(CASE WHEN span > 0 THEN span / 10 ELSE 1 END))) AS p FROM (SELECT CAST(max("amount") - min("amount") AS DOUBLE) AS span FROM "deals"))) AS "bin",
       CAST(count(*) AS DOUBLE) AS "m0"
FROM "deals"
GROUP BY 1
ORDER BY 1 ASC NULLS LAST
LIMIT 10000
-- params: []

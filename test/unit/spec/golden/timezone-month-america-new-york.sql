SELECT CAST(date_trunc('month', timezone('America/New_York', timezone('UTC', "at"))) AS DATE) AS "month",
       CAST(count(*) AS DOUBLE) AS "n"
FROM "events"
GROUP BY 1
ORDER BY 1 ASC NULLS LAST
LIMIT 10000
-- params: []

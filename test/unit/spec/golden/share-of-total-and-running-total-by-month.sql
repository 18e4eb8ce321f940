SELECT CAST(date_trunc('month', "created_at") AS DATE) AS "month",
       CAST(count(*) AS DOUBLE) / NULLIF(sum(CAST(count(*) AS DOUBLE)) OVER (), 0) AS "share",
       sum(CAST(sum("amount") AS DOUBLE)) OVER (ORDER BY CAST(date_trunc('month', "created_at") AS DATE) ASC NULLS LAST ROWS UNBOUNDED PRECEDING) AS "running",
       CAST(count(*) FILTER (WHERE ("status" = CAST($1 AS VARCHAR))) AS DOUBLE) / NULLIF(sum(CAST(count(*) FILTER (WHERE ("status" = CAST($1 AS VARCHAR))) AS DOUBLE)) OVER (), 0) AS "won_share"
FROM "deals"
GROUP BY 1
ORDER BY 1 ASC NULLS LAST
LIMIT 10000
-- params: ["Won"]

SELECT "stage_name" AS "stage",
       CAST(count(*) AS DOUBLE) AS "n"
FROM "opps"
GROUP BY 1
ORDER BY list_position([CAST($1 AS VARCHAR), CAST($2 AS VARCHAR), CAST($3 AS VARCHAR), CAST($4 AS VARCHAR), CAST($5 AS VARCHAR), CAST($6 AS VARCHAR)], CAST("stage_name" AS VARCHAR)) ASC NULLS LAST, 1 ASC NULLS LAST
LIMIT 10000
-- params: ["Prospecting","Qualification","Proposal","Negotiation","Closed Won","Closed Lost"]

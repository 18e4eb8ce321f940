SELECT "owner" AS "rep",
       "stage_name" AS "stage",
       CAST(count(*) AS DOUBLE) AS "n",
       CAST(GROUPING("owner", "stage_name") AS INTEGER) AS "__grouping"
FROM "opps"
GROUP BY GROUPING SETS (("owner", "stage_name"), ("owner"), ())
ORDER BY GROUPING("owner") ASC, 1 ASC NULLS LAST, GROUPING("stage_name") ASC, list_position([CAST($1 AS VARCHAR), CAST($2 AS VARCHAR), CAST($3 AS VARCHAR), CAST($4 AS VARCHAR), CAST($5 AS VARCHAR), CAST($6 AS VARCHAR)], CAST("stage_name" AS VARCHAR)) ASC NULLS LAST, 2 ASC NULLS LAST
LIMIT 10000
-- params: ["Prospecting","Qualification","Proposal","Negotiation","Closed Won","Closed Lost"]

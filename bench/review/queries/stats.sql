-- qualify stats --format json
SELECT stagePosition, stage, rep, count(*) AS opportunities,
       sum(pains > 0) AS withPain, sum(reasons) AS reasons, sum(impacts) AS impacts,
       sum(capabilities) AS capabilities, sum(lastLetterAt IS NOT NULL) AS withLetter
FROM scored
GROUP BY stagePosition, stage, rep;

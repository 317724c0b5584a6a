-- The per-opportunity counts that gaps, stats and home share (Qualification.sql in
-- Sources/QualifyStore/Review/Qualification.swift); run.sh puts it before gaps.sql and stats.sql.
WITH captured AS (
    SELECT s.opportunityId,
           count(CASE s.field WHEN 'problem' THEN 1 END) AS problems,
           count(CASE s.field WHEN 'pain' THEN 1 END) AS pains,
           count(CASE s.field WHEN 'reasons' THEN 1 END) AS reasons,
           count(CASE s.field WHEN 'impacts' THEN 1 END) AS impacts,
           count(CASE s.field WHEN 'capabilities' THEN 1 END) AS capabilities,
           max(s.capturedAt) AS lastCapturedAt
    FROM statement s
    WHERE NOT EXISTS (SELECT 1 FROM statement n WHERE n.replacesId = s.id)
    GROUP BY s.opportunityId
), qualification AS (
    SELECT o.id AS opportunityId, o.name AS opportunity, a.name AS account,
           st.name AS stage, st.position AS stagePosition, st.closed AS closed,
           o.isDemo, o.amountHundredths, o.currency, o.closeDate, o.stageId,
           coalesce(o.owner, (SELECT s.capturedBy FROM statement s
                              WHERE s.opportunityId = o.id ORDER BY s.id LIMIT 1)) AS rep,
           coalesce(c.problems, 0) AS problems, coalesce(c.pains, 0) AS pains,
           coalesce(c.reasons, 0) AS reasons, coalesce(c.impacts, 0) AS impacts,
           coalesce(c.capabilities, 0) AS capabilities, c.lastCapturedAt,
           (SELECT max(l.draftedAt) FROM letter l WHERE l.opportunityId = o.id) AS lastLetterAt
    FROM opportunity o
    JOIN account a ON a.id = o.accountId
    LEFT JOIN stage st ON st.id = o.stageId
    LEFT JOIN captured c ON c.opportunityId = o.id
), scored AS (
    SELECT *, (CASE WHEN pains = 0 THEN 32 ELSE 0 END) + (CASE WHEN pains = 0 AND problems = 0 THEN 16 ELSE 0 END) + (CASE WHEN capabilities < 3 THEN 8 ELSE 0 END) + (CASE WHEN reasons = 0 THEN 4 ELSE 0 END) + (CASE WHEN impacts = 0 THEN 2 ELSE 0 END) + (CASE WHEN lastLetterAt IS NULL THEN 1 ELSE 0 END) AS gapScore FROM qualification
)

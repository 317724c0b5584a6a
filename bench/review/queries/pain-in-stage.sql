-- qualify review --field pain --stage "Negotiation/Review" --format csv
SELECT s.id AS id, s.uuid AS uuid, o.name AS opportunity, a.name AS account, st.name AS stage, o.isDemo AS isDemo,
       s.field AS field, s.position AS position, s.text AS text, s.capturedBy AS capturedBy,
       s.capturedAt AS capturedAt, s.replacesId AS replacesId, n.id AS replacedById
FROM statement s
JOIN opportunity o ON o.id = s.opportunityId
JOIN account a ON a.id = o.accountId
LEFT JOIN stage st ON st.id = o.stageId
LEFT JOIN statement n ON n.replacesId = s.id
WHERE n.id IS NULL AND s.field IN ('pain')
  AND o.stageId = (SELECT id FROM stage WHERE name = 'Negotiation/Review')
ORDER BY s.capturedAt DESC, s.id DESC;

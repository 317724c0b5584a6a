-- qualify review --field pain --stage "Negotiation/Review" --format csv
SELECT s.id, s.uuid, s.field, s.position, s.text, s.capturedBy, s.capturedAt, s.replacesId,
       n.id AS replacedById, o.name AS opportunity, o.isDemo, a.name AS account, st.name AS stage
FROM statement s
JOIN opportunity o ON o.id = s.opportunityId
JOIN account a ON a.id = o.accountId
LEFT JOIN stage st ON st.id = o.stageId
LEFT JOIN statement n ON n.replacesId = s.id
WHERE n.id IS NULL AND s.field IN ('pain')
  AND o.stageId = (SELECT id FROM stage WHERE name = 'Negotiation/Review')
ORDER BY s.capturedAt DESC, s.id DESC;

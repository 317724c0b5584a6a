-- qualify review --search "forecast board" --format csv
SELECT s.id, s.uuid, s.field, s.position, s.text, s.capturedBy, s.capturedAt, s.replacesId,
       n.id AS replacedById, o.name AS opportunity, o.isDemo, a.name AS account, st.name AS stage,
       highlight(statementSearch, 0, char(2), char(3)) AS highlighted,
       snippet(statementSearch, 0, char(2), char(3), '…', 12) AS snippet
FROM statementSearch JOIN statement s ON s.id = statementSearch.rowid
JOIN opportunity o ON o.id = s.opportunityId
JOIN account a ON a.id = o.accountId
LEFT JOIN stage st ON st.id = o.stageId
LEFT JOIN statement n ON n.replacesId = s.id
WHERE statementSearch MATCH 'forecast* board*' AND n.id IS NULL
ORDER BY statementSearch.rank;

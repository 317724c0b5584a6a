-- qualify review --search "forecast board" --format csv
SELECT s.id AS id, s.uuid AS uuid, o.name AS opportunity, a.name AS account, st.name AS stage, o.isDemo AS isDemo,
       s.field AS field, s.position AS position, s.text AS text, s.capturedBy AS capturedBy,
       s.capturedAt AS capturedAt, s.replacesId AS replacesId, n.id AS replacedById,
       highlight(statementSearch, 0, char(2), char(3)) AS highlighted,
       snippet(statementSearch, 0, char(2), char(3), '…', 12) AS snippet
FROM statementSearch JOIN statement s ON s.id = statementSearch.rowid
JOIN opportunity o ON o.id = s.opportunityId
JOIN account a ON a.id = o.accountId
LEFT JOIN stage st ON st.id = o.stageId
LEFT JOIN statement n ON n.replacesId = s.id
WHERE statementSearch MATCH 'forecast* board*' AND n.id IS NULL
ORDER BY statementSearch.rank;

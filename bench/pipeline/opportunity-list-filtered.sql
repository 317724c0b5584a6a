-- `qualify opportunity list --stage Negotiation/Review --min-amount 250000 --sort amount --format csv`.
SELECT o.name, a.name, s.name, o.amountHundredths, o.currency, o.closeDate, o.probability,
       o.owner, o.nextMilestone, o.isDemo,
       (SELECT group_concat(DISTINCT st.field) FROM statement st WHERE st.opportunityId = o.id)
FROM opportunity o JOIN account a ON a.id = o.accountId LEFT JOIN stage s ON s.id = o.stageId
WHERE o.stageId IN (SELECT id FROM stage WHERE name = 'Negotiation/Review')
  AND o.amountHundredths >= 25000000 AND coalesce(o.currency, 'EUR') = 'EUR'
ORDER BY o.amountHundredths IS NULL, o.amountHundredths DESC, o.name COLLATE NOCASE;

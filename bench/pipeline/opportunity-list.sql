-- The query `qualify opportunity list` runs (Sources/QualifyStore/OpportunityList.swift), default order.
SELECT o.name, a.name, s.name, o.amountHundredths, o.currency, o.closeDate, o.probability,
       o.owner, o.nextMilestone, o.isDemo,
       (SELECT group_concat(DISTINCT st.field) FROM statement st WHERE st.opportunityId = o.id)
FROM opportunity o JOIN account a ON a.id = o.accountId LEFT JOIN stage s ON s.id = o.stageId
ORDER BY o.name COLLATE NOCASE;

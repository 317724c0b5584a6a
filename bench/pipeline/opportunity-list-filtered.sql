-- `qualify opportunity list --stage Negotiation/Review --min-amount 250000 --sort amount --format csv`,
-- written by the sqlite3 shell byte for byte (run.sh checks with cmp): the same query, RFC 4180 lines
-- as qualify writes them (a cell quoted only when it holds a comma, quote or line break; CRLF).
.separator "," "\r\n"
SELECT 'name,account,stage,amount,currency,close-date,probability,owner,next-milestone,captured';
WITH list AS NOT MATERIALIZED (
    SELECT o.name AS name, a.name AS account, s.name AS stage,
           CASE WHEN o.amountHundredths IS NULL THEN NULL
                WHEN o.amountHundredths % 100 = 0 THEN o.amountHundredths / 100
                ELSE printf('%d.%02d', o.amountHundredths / 100, o.amountHundredths % 100) END AS amount,
           iif(o.amountHundredths IS NULL, NULL, coalesce(o.currency, '')) AS currency,
           o.closeDate AS close, o.probability AS probability, o.owner AS owner, o.nextMilestone AS nextMilestone,
           coalesce((SELECT sum(DISTINCT CASE st.field WHEN 'problem' THEN 1 WHEN 'pain' THEN 2 WHEN 'reasons' THEN 4
                                                       WHEN 'impacts' THEN 8 WHEN 'capabilities' THEN 16 END)
                     FROM statement st WHERE st.opportunityId = o.id), 0) AS answered,
           o.amountHundredths AS amountHundredths
    FROM opportunity o JOIN account a ON a.id = o.accountId LEFT JOIN stage s ON s.id = o.stageId
    WHERE o.stageId IN (SELECT id FROM stage WHERE name = 'Negotiation/Review')
      AND o.amountHundredths >= 25000000 AND coalesce(o.currency, 'EUR') = 'EUR'
),
cells AS NOT MATERIALIZED (
    SELECT name, account, stage, amount, currency, close, probability, owner, nextMilestone, amountHundredths,
           iif(answered = 31, 'complete',
               'missing: ' || substr(iif(answered & 1, '', ', problem') || iif(answered & 2, '', ', pain')
                                     || iif(answered & 4, '', ', reasons') || iif(answered & 8, '', ', impacts')
                                     || iif(answered & 16, '', ', capabilities'), 3)) AS captured
    FROM list
)
SELECT iif(name GLOB '*[,"' || char(10, 13) || ']*', '"' || replace(name, '"', '""') || '"', name)
    || ',' || iif(account GLOB '*[,"' || char(10, 13) || ']*', '"' || replace(account, '"', '""') || '"', account)
    || ',' || iif(stage GLOB '*[,"' || char(10, 13) || ']*', '"' || replace(stage, '"', '""') || '"', coalesce(stage, ''))
    || ',' || coalesce(amount, '')
    || ',' || coalesce(currency, '')
    || ',' || coalesce(close, '')
    || ',' || coalesce(probability, '')
    || ',' || iif(owner GLOB '*[,"' || char(10, 13) || ']*', '"' || replace(owner, '"', '""') || '"', coalesce(owner, ''))
    || ',' || iif(nextMilestone GLOB '*[,"' || char(10, 13) || ']*', '"' || replace(nextMilestone, '"', '""') || '"', coalesce(nextMilestone, ''))
    || ',' || captured
FROM cells
ORDER BY amountHundredths IS NULL, amountHundredths DESC, name COLLATE NOCASE;

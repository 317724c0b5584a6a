-- `qualify opportunity list` (the table, default columns and order), written by the sqlite3 shell
-- byte for byte (run.sh checks with cmp): the query of Sources/QualifyStore/OpportunityList.swift,
-- each cell formatted as qualify shows it (amounts grouped by thousands, "35%", "-" for nothing,
-- "complete" or "missing: ...", "  [demo]"), each column padded to the widest of its heading and the
-- first 100 rows (at most 40), two spaces apart, the last column unpadded; one line per deal.
WITH bits (answered) AS (SELECT 0 UNION ALL SELECT answered + 1 FROM bits WHERE answered < 31),
-- "complete" or "missing: ..." for each set of fields with a statement (bit n: the method's n-th field).
captured (answered, text) AS MATERIALIZED (
    SELECT answered, iif(answered = 31, 'complete',
                         'missing: ' || substr(iif(answered & 1, '', ', problem') || iif(answered & 2, '', ', pain')
                                               || iif(answered & 4, '', ', reasons') || iif(answered & 8, '', ', impacts')
                                               || iif(answered & 16, '', ', capabilities'), 3))
    FROM bits
),
list AS NOT MATERIALIZED (
    SELECT o.name AS name, a.name AS account, coalesce(s.name, '-') AS stage,
           CASE WHEN o.amountHundredths IS NULL THEN '-'
                ELSE replace(printf('%,d', o.amountHundredths / 100), ',', ' ')
                     || iif(o.amountHundredths % 100 = 0, '', printf('.%02d', o.amountHundredths % 100))
                     || ' ' || coalesce(o.currency, '') END AS amount,
           coalesce(o.closeDate, '-') AS close,
           iif(o.probability IS NULL, '-', o.probability || '%') AS probability,
           (SELECT text FROM captured
            WHERE answered = coalesce((SELECT sum(DISTINCT CASE st.field WHEN 'problem' THEN 1 WHEN 'pain' THEN 2
                                                   WHEN 'reasons' THEN 4 WHEN 'impacts' THEN 8 WHEN 'capabilities' THEN 16 END)
                                       FROM statement st WHERE st.opportunityId = o.id), 0))
           || iif(o.isDemo, '  [demo]', '') AS captured
    FROM opportunity o JOIN account a ON a.id = o.accountId LEFT JOIN stage s ON s.id = o.stageId
),
widths AS MATERIALIZED (
    SELECT min(40, max(11, max(length(name)))) AS name, min(40, max(7, max(length(account)))) AS account,
           min(40, max(5, max(length(stage)))) AS stage, min(40, max(6, max(length(amount)))) AS amount,
           min(40, max(5, max(length(close)))) AS close, min(40, max(5, max(length(probability)))) AS probability
    FROM (SELECT * FROM list ORDER BY name COLLATE NOCASE LIMIT 100)
)
SELECT printf('%!-*s  %!-*s  %!-*s  %!-*s  %!-*s  %!-*s  %s',
              (SELECT name FROM widths), name, (SELECT account FROM widths), account, (SELECT stage FROM widths), stage,
              (SELECT amount FROM widths), amount, (SELECT close FROM widths), close,
              (SELECT probability FROM widths), probability, captured)
FROM list
ORDER BY name COLLATE NOCASE;

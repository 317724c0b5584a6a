-- A pipeline of N opportunities and 10 N statements (100,000 and 1,000,000), the same
-- every run: every "random" choice is arithmetic on the row id.
-- Run on a database qualify has already migrated (so the FTS triggers index
-- every statement as the app would). UUIDs are 16-byte blobs, as GRDB stores
-- them, made of the row id so that they are the same every run, with .parameter :opportunities set
-- (ten statements each, one account per ten opportunities).
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;

CREATE TEMP TABLE vocab (id INTEGER PRIMARY KEY, word TEXT NOT NULL);
INSERT INTO vocab (id, word) VALUES
 (0,'forecast'),(1,'board'),(2,'my'),(3,'šef'),(4,'is'),(5,'furious'),(6,'we'),(7,'cannot'),
 (8,'see'),(9,'the'),(10,'pipeline'),(11,'numbers'),(12,'arrive'),(13,'late'),(14,'spreadsheets'),(15,'nobody'),
 (16,'owns'),(17,'data'),(18,'reports'),(19,'by'),(20,'hand'),(21,'CFO'),(22,'waits'),(23,'two'),
 (24,'weeks'),(25,'budget'),(26,'overspent'),(27,'churn'),(28,'rising'),(29,'deals'),(30,'slip'),(31,'quarter'),
 (32,'end'),(33,'team'),(34,'morale'),(35,'customers'),(36,'complain'),(37,'invoices'),(38,'wrong'),(39,'audit'),
 (40,'risk'),(40+1,'growth'),(42,'targets'),(43,'missed'),(44,'região'),(45,'café'),(46,'naïve'),(47,'über'),
 (48,'can''t'),(49,'"exactly"'),(50,'<urgent>'),(51,'&'),(52,'cost'),(53,'time'),(54,'visibility'),(55,'trust'),
 (56,'manual'),(57,'errors'),(58,'sales'),(59,'marketing'),(60,'leads'),(61,'lost'),(62,'every'),(63,'week');

INSERT INTO account (id, uuid, name, createdAt)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :opportunities / 10)
SELECT i, CAST(printf('A%015d', i) AS BLOB), 'Account ' || i, '2025-01-01 00:00:00.000' FROM n;

INSERT INTO opportunity (id, uuid, name, accountId, isDemo, createdAt, amountHundredths, currency,
                         closeDate, stageId, owner)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :opportunities)
SELECT i, CAST(printf('O%015d', i) AS BLOB), 'Account ' || (i % (:opportunities / 10) + 1) || ' - Deal ' || i,
       i % (:opportunities / 10) + 1, 0, '2025-01-01 00:00:00.000', (i * 7919 % 500000) * 100, 'EUR',
       date('2026-11-01', '+' || (i % 365) || ' days'), (i * 7 % 10) + 1, 'rep' || (i % 50)
FROM n;

-- Ten rows per opportunity: problem, pain (two deals in three), three reasons,
-- two impacts, three capabilities; one deal in twenty corrected its first capability.
INSERT INTO statement (id, uuid, opportunityId, field, position, text, capturedBy, capturedAt, replacesId)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :opportunities * 10),
rows AS (
    SELECT i, (i - 1) / 10 + 1 AS opp, (i - 1) % 10 AS k, (i * 2654435761) % 4294967296 AS h FROM n
)
SELECT i, CAST(printf('S%015d', i) AS BLOB), opp,
       CASE k WHEN 0 THEN 'problem'
              WHEN 1 THEN CASE WHEN opp % 3 <> 0 THEN 'pain' ELSE 'reasons' END
              WHEN 2 THEN 'reasons' WHEN 3 THEN 'reasons' WHEN 4 THEN 'reasons'
              WHEN 5 THEN 'impacts' WHEN 6 THEN 'impacts'
              ELSE 'capabilities' END,
       CASE k WHEN 0 THEN 1 WHEN 1 THEN CASE WHEN opp % 3 <> 0 THEN 1 ELSE 4 END
              WHEN 2 THEN 1 WHEN 3 THEN 2 WHEN 4 THEN 3 WHEN 5 THEN 1 WHEN 6 THEN 2
              WHEN 7 THEN 1 WHEN 8 THEN CASE WHEN opp % 20 = 0 THEN 1 ELSE 2 END ELSE 3 END,
       (SELECT word FROM vocab WHERE id = h % 64) || ' ' || (SELECT word FROM vocab WHERE id = (h >> 6) % 64) || ' ' ||
       (SELECT word FROM vocab WHERE id = (h >> 12) % 64) || ' ' || (SELECT word FROM vocab WHERE id = (h >> 18) % 64) || ' ' ||
       (SELECT word FROM vocab WHERE id = (h >> 24) % 64) || ' ' || (SELECT word FROM vocab WHERE id = (h >> 3) % 64) || ' ' ||
       (SELECT word FROM vocab WHERE id = (h >> 9) % 64) || ' ' || (SELECT word FROM vocab WHERE id = (h >> 15) % 64) || ' ' ||
       (SELECT word FROM vocab WHERE id = (h >> 21) % 64) || ' ' || (SELECT word FROM vocab WHERE id = (h >> 27) % 32),
       'rep' || (opp % 50),
       strftime('%Y-%m-%d %H:%M:%S.000', '2025-01-01', '+' || (i * 31) || ' seconds'),
       CASE WHEN k = 8 AND opp % 20 = 0 THEN i - 1 END
FROM rows;

-- Three deals in ten have a sponsor letter.
INSERT INTO letter (uuid, opportunityId, body, draftedBy, draftedAt)
SELECT CAST(printf('L%015d', id) AS BLOB), id, 'Dear sponsor, ...', owner, '2026-10-01 00:00:00.000'
FROM opportunity WHERE id % 10 < 3;

COMMIT;
ANALYZE;

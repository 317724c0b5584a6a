-- qualify review gaps
SELECT * FROM scored WHERE gapScore > 0 AND closed IS NULL
ORDER BY gapScore DESC, opportunity COLLATE NOCASE;

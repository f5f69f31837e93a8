-- 0018 is reserved for the information module (reports, bulletins, issues), built on another
-- branch at the same time as the portal (0019). db_migrate wants the numbers without a gap, so
-- this file holds the place on the portal branch only: when the branches are merged, the
-- information module's own 0018 replaces it (delete this file in both dialects then).
SELECT 1;

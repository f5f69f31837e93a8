-- 0019_portal.sql — PLACEHOLDER on the branch `activities` only: the number 0019 belongs to the
-- portal (branch `portal`), whose own file replaces this one when both are merged. The runner
-- needs the numbers without a gap, so this branch's 0020 cannot run without a 0019.
SELECT 1;

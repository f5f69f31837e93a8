-- 0021_duty.sql — PLACEHOLDER on the branch `events` only: the number 0021 belongs to the duty
-- branch, whose own file replaces this one when both are merged. The runner needs the numbers
-- without a gap, so this branch's 0022 cannot run without a 0021.
SELECT 1;

-- 0008_indexes.sql — visibility lookups by (unit, item) and (user, item).
--
-- Lists check "was this item distributed to / assigned to the caller's unit?" per row; with an
-- index on unit_id alone that check scans every row of the unit (measured with bench/million.sh:
-- a liaison's document list took 72 ms at 100,000 documents, 3 ms with these). The composite
-- indexes answer both "items of this unit" and "this unit for this item".
CREATE INDEX item_access_unit_item ON item_access(unit_id, item_id);
CREATE INDEX item_access_user_item ON item_access(user_id, item_id);
DROP INDEX item_access_unit;
DROP INDEX item_access_user;

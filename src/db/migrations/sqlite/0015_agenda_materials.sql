-- 0015_agenda_materials.sql (SQLite) — an agenda item's materials (上会材料) and who proposed it
-- for a unit (src/meet/meet_materials.c). The materials of a 干部任免 item are read only by the
-- meeting's voting members, from N working days before the meeting (the type's
-- cadre_release_days), and by the one who filed them.
CREATE TABLE agenda_material (
	id INTEGER PRIMARY KEY,
	agenda_id INTEGER NOT NULL REFERENCES agenda_item(item_id) ON DELETE CASCADE,
	filename TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size INTEGER NOT NULL,
	data BLOB NOT NULL,
	created_by INTEGER REFERENCES user_account(id),
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX agenda_material_item ON agenda_material(agenda_id);

-- The unit an item was proposed for (a unit proposes through its responsible leader); NULL: a
-- leader's or the office's own item.
ALTER TABLE agenda_item ADD COLUMN unit_id INTEGER REFERENCES unit(id);

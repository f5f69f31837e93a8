-- 0016_made_documents.sql (postgresql) — an outgoing document made from another item's approved text
-- (a meeting's 纪要, src/docs/docs_made.c): the item it was made from, once each, and the print
-- model fixed when it was made (the 纪要标志, 期数 and attendance lists of GB/T 9704 §10.3),
-- which the document prints with instead of its series.
ALTER TABLE document ADD COLUMN made_from BIGINT REFERENCES item(id);
ALTER TABLE document ADD COLUMN print_model TEXT;
CREATE UNIQUE INDEX document_made_from ON document(made_from) WHERE made_from IS NOT NULL;

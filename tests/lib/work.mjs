// Shortcuts for the tests that need documents to work on: an incoming document registered by
// office staff through the API, and a step taken on one.
import assert from 'node:assert/strict';

// Registers an incoming document as SESSION (office staff) with FIELDS over the defaults; returns
// its id (asserting 201).
export async function registerIncoming(session, fields) {
  const r = await session.call('POST', '/api/v1/documents', { json: {
    direction: 'incoming', doc_type: '通知', domain: 'finance', sender: '省政府办公厅',
    body: '各地要认真做好相关工作。', ...fields } });
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

// Takes ACTION on document ID as SESSION with JSON; returns the answer.
export const docStep = (session, id, action, json = {}) =>
  session.call('POST', `/api/v1/documents/${id}/actions/${action}`, { json });

-- pgbench: one row per transaction into bench_orders (LIKE work_orders INCLUDING ALL), as close to a
-- filed hotline call as a bare INSERT gets: the physical reference for filing over HTTP.
-- Spaces after the colons in the JSON: pgbench would read :false as a variable.
\set d random(0, 11)
INSERT INTO bench_orders (received_on, channel, category, filed_by, contact_name, title, content, district_code, urgent, form, state,
  on_clock, handling_deadline, received_at, rules, last_seq, last_hash, updated_at)
VALUES ('2026-11-25', 'phone', 'inquiry', 1, '来电人', '咨询人才政策', '来电人咨询人才落户与安家补贴', (ARRAY['500101','500103','500105','500106','500107','500108','500112','500113','500116','500117','X-LJ','X-GX'])[1 + :d],
  0, '{}', 'received', 1, '2026-12-01', 1795000000000,
  '{"category": "inquiry","coOrgs": [],"extensionsApproved": 0,"handlingDeadline": "2026-12-01","opinionsFrom": [],"ratings": [],"receivedAt": 1795000000000,"reopenCount": 0,"reratingUsed": false,"state": "received","urgent": false}',
  1, '\x00', 1795000000000);

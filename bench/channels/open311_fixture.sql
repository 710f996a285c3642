-- One order in ten of the generated ones filed through Open311: its request row (location, a
-- client, a service code of the catalog or the hotline categories) and a short timeline, so that a
-- page of requests reads events as it would in a running city. A benchmark fixture.
\set ON_ERROR_STOP on
INSERT INTO users (username, display_name, password_hash, org_code, roles, created_at)
  SELECT 'open311-bench', 'Open311 · bench', 'x', '500000:HOTLINE', 'dispatcher', 0 WHERE NOT EXISTS (SELECT 1 FROM users WHERE username = 'open311-bench');
INSERT INTO open311_clients (name, key_hash, key_hint, user_id, rate_per_minute, created_at)
  SELECT 'fixture', '\x00'::bytea, '0000', id, 600, 0 FROM users WHERE username = 'open311-bench';
INSERT INTO open311_requests (district_code, order_id, client_id, token, service_code, requested_at, lat, lon, address,
                              state, lead_org, handling_deadline, updated_at, status_notes, description)
SELECT w.district_code, w.id, (SELECT id FROM open311_clients WHERE name = 'fixture'), w.district_code || '.fixture' || w.id,
       (ARRAY['inquiry','help','complaint','suggestion','YC-M-012','YC-P-021'])[1 + (w.id % 6)], w.received_at,
       29.5 + (w.id % 1000) / 2000.0, 106.4 + (w.id % 777) / 1500.0, '重庆市某区某路 ' || (w.id % 500) || ' 号',
       w.state, w.lead_org, w.handling_deadline, w.received_at + (1 + (w.id % 3)) * 3600000,
       CASE WHEN w.id % 3 = 2 THEN '已按政策答复来电人' END, w.content
FROM work_orders w WHERE w.id % 10 = 0;
UPDATE work_orders SET channel = 'open311' WHERE id % 10 = 0;
INSERT INTO work_order_events (district_code, order_id, seq, at, actor_id, actor_name, action, from_state, to_state, note, hash)
SELECT w.district_code, w.id, s.seq, w.received_at + (s.seq - 1) * 3600000, NULL, CASE s.seq WHEN 1 THEN 'open311' ELSE 'handler' END,
       (ARRAY['receive','dispatch','accept','resolve'])[s.seq], (ARRAY[NULL,'received','dispatched','accepted'])[s.seq],
       (ARRAY['received','dispatched','accepted','resolved'])[s.seq], CASE s.seq WHEN 4 THEN '已按政策答复来电人' END, '\x00'::bytea
FROM work_orders w CROSS JOIN generate_series(1, 4) s(seq)
WHERE w.id % 10 = 0 AND s.seq <= 2 + (w.id % 3) AND NOT EXISTS (SELECT 1 FROM work_order_events e WHERE e.order_id = w.id);

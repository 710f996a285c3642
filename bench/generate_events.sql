-- Gives every order :per events (its timeline), in the shape the application writes them, so that
-- the events table holds :per times the orders: a benchmark fixture for the timeline's read at
-- tens of millions of events, not a way to change orders. Run after generate_orders.sql.
\set ON_ERROR_STOP on
-- Citus: the generating query's rows pass through the coordinator (above 1 GB at 10 M orders);
-- on PostgreSQL this only sets a placeholder.
SET citus.max_intermediate_result_size = -1;
TRUNCATE work_order_events;
INSERT INTO work_order_events (district_code, order_id, seq, at, actor_id, actor_name, action, from_state, to_state, note, hash)
SELECT o.district_code, o.id, s, o.received_at + (s - 1) * 3600000, 1, 'bench',
       (ARRAY['receive', 'dispatch', 'accept', 'note', 'resolve', 'close', 'note', 'note'])[1 + (s - 1) % 8],
       CASE WHEN s > 1 THEN 'received' END, o.state, CASE WHEN s > 3 THEN '已电话回访来电人，说明办理进度' END, '\x00'::bytea
FROM work_orders o CROSS JOIN generate_series(1, :per) s;
VACUUM ANALYZE work_order_events;

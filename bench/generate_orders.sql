-- Fills work_orders and work_order_stats with :n orders received over the past 182 days, in the
-- shape the application writes (rule state as JSON, figures aggregated): a benchmark fixture, not a
-- way to create orders. Most are closed; a few per cent are open, and some of those are overdue.
\set ON_ERROR_STOP on
-- Citus: the generating query's rows pass through the coordinator (above 1 GB at 10 M orders);
-- on PostgreSQL this only sets a placeholder.
SET citus.max_intermediate_result_size = -1;
TRUNCATE work_order_events, work_order_co_orgs, escalations, notifications, webhook_outbox, work_order_stats, work_order_stats_district,
  work_order_stats_month, work_order_open, payouts, uploads, work_orders CASCADE;
-- One index a statement: Citus drops one distributed object per command.
DROP INDEX IF EXISTS work_orders_lead_clock;
DROP INDEX IF EXISTS work_orders_district_clock;
DROP INDEX IF EXISTS work_orders_clock;
DROP INDEX IF EXISTS work_orders_district_received;
DROP INDEX IF EXISTS work_orders_talent;
DROP INDEX IF EXISTS work_orders_requester;
DROP INDEX IF EXISTS work_orders_phone;
DROP INDEX IF EXISTS work_orders_filed_by;
DROP INDEX IF EXISTS work_orders_state;
WITH d AS (SELECT array_agg(code ORDER BY code) AS codes FROM orgs WHERE kind IN ('district', 'county', 'functional_zone')),
depts AS (SELECT ARRAY['HRSS','PSB','EDU','HEALTH','HOUSING','HPF','SCI','MARKET','TRANSPORT','UNION'] AS codes),
base AS (
  SELECT g,
         (extract(epoch FROM now()) * 1000)::bigint - (random() * 182 * 86400000)::bigint AS received_at,
         (SELECT codes FROM d)[1 + (g % 41)] AS district,
         (SELECT codes FROM depts)[1 + ((g / 41) % 10)] AS dept,
         (ARRAY['phone','phone','phone','web','wechat','window','grid'])[1 + (g % 7)] AS channel,
         (ARRAY['inquiry','inquiry','help','complaint','suggestion','service'])[1 + ((g / 7) % 6)] AS category,
         random() AS r
  FROM generate_series(1, :n) g
),
shaped AS (
  -- Orders of the last 20 days may still be open (1 in 5 of them overdue, as a stressed office's
  -- would be); older ones are finished.
  SELECT *, to_char(to_timestamp(received_at / 1000) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS received_on,
         CASE WHEN received_at < (extract(epoch FROM now()) * 1000)::bigint - 20 * 86400000 OR r < 0.4 THEN 'closed'
              WHEN r < 0.7 THEN 'in_progress' WHEN r < 0.8 THEN 'dispatched' WHEN r < 0.95 THEN 'resolved' ELSE 'received' END AS state
  FROM base
),
timed AS (
  SELECT *, to_char((to_timestamp(received_at / 1000) AT TIME ZONE 'Asia/Shanghai') + interval '14 days', 'YYYY-MM-DD') AS deadline,
         CASE WHEN state IN ('closed', 'resolved') THEN received_at + (random() * 9 * 86400000)::bigint END AS resolved_at
  FROM shaped
)
-- Each id names its district as the application's do (OrderIdSlots): a number drawn from the
-- orders' sequence times 1,024, plus the district's slot (the first two bytes of its code's MD5).
INSERT INTO work_orders (id, received_on, channel, category, service_item_code, talent_id, requester_id, filed_by, contact_name,
  title, content, district_code, urgent, form, state, on_clock, lead_org, handling_deadline, received_at, resolved_at, rules,
  last_seq, last_hash, updated_at)
SELECT nextval(pg_get_serial_sequence('work_orders', 'id')) * 1024 + ('x' || substr(md5(district), 1, 4))::bit(16)::int % 1024,
  received_on, channel, category, NULL, NULL, NULL, 1, '来电人', '咨询人才政策', '来电人咨询人才落户与安家补贴', district, 0, '{}',
  state, CASE WHEN state IN ('in_progress', 'dispatched', 'received') THEN 1 ELSE 0 END,
  CASE WHEN state = 'received' THEN NULL ELSE district || ':' || dept END, deadline, received_at, resolved_at,
  json_strip_nulls(json_build_object(
    'state', state, 'category', category, 'urgent', false, 'receivedAt', received_at, 'handlingDeadline', deadline,
    'leadOrg', CASE WHEN state = 'received' THEN NULL ELSE district || ':' || dept END, 'coOrgs', json_build_array(),
    'opinionsFrom', json_build_array(), 'dispatchedAt', CASE WHEN state = 'received' THEN NULL ELSE received_at + 3600000 END,
    'signForDeadline', CASE WHEN state = 'received' THEN NULL ELSE received_at + 86400000 END,
    'acceptedAt', CASE WHEN state IN ('closed', 'resolved', 'in_progress') THEN received_at + 7200000 END,
    'extensionsApproved', 0, 'resolvedAt', resolved_at,
    'ratings', CASE WHEN state = 'closed' THEN json_build_array(CASE WHEN r < 0.005 THEN 2 ELSE 5 END) ELSE json_build_array() END,
    'reratingUsed', false, 'reopenCount', 0, 'closedAt', CASE WHEN state = 'closed' THEN resolved_at + 86400000 END))::text,
  2, '\x00'::bytea, received_at
FROM timed;
CREATE INDEX work_orders_lead_clock ON work_orders (lead_org, on_clock, handling_deadline);
CREATE INDEX work_orders_district_clock ON work_orders (district_code, on_clock, handling_deadline);
CREATE INDEX work_orders_clock ON work_orders (on_clock, handling_deadline);
CREATE INDEX work_orders_district_received ON work_orders (district_code, received_on);
CREATE INDEX work_orders_talent ON work_orders (talent_id);
CREATE INDEX work_orders_requester ON work_orders (requester_id);
CREATE INDEX work_orders_phone ON work_orders (contact_phone_hash);
CREATE INDEX work_orders_filed_by ON work_orders (filed_by, on_clock, handling_deadline);
CREATE INDEX work_orders_state ON work_orders (state);
INSERT INTO work_order_stats (district_code, lead_org, received_on, shard, total, s_received, s_dispatched, s_in_progress, s_resolved,
  s_closed, c_web, c_wechat, c_phone, c_window, c_grid, k_service, k_inquiry, k_help, k_complaint, k_suggestion, dispatched,
  signed_in_time, resolved, on_time, handling_workdays, rated, satisfied)
SELECT district_code, coalesce(lead_org, ''), received_on,
  -- Past days as the background compaction leaves them (one shard), today's spread over four.
  CASE WHEN received_on < to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') THEN 0 ELSE id / 1024 % 4 END, count(*),
  count(*) FILTER (WHERE state = 'received'), count(*) FILTER (WHERE state = 'dispatched'), count(*) FILTER (WHERE state = 'in_progress'),
  count(*) FILTER (WHERE state = 'resolved'), count(*) FILTER (WHERE state = 'closed'),
  count(*) FILTER (WHERE channel = 'web'), count(*) FILTER (WHERE channel = 'wechat'), count(*) FILTER (WHERE channel = 'phone'),
  count(*) FILTER (WHERE channel = 'window'), count(*) FILTER (WHERE channel = 'grid'),
  count(*) FILTER (WHERE category = 'service'), count(*) FILTER (WHERE category = 'inquiry'), count(*) FILTER (WHERE category = 'help'),
  count(*) FILTER (WHERE category = 'complaint'), count(*) FILTER (WHERE category = 'suggestion'),
  count(*) FILTER (WHERE lead_org IS NOT NULL), count(*) FILTER (WHERE lead_org IS NOT NULL),
  count(resolved_at), count(resolved_at), coalesce(sum((resolved_at - received_at) / 86400000 * 5 / 7), 0),
  count(*) FILTER (WHERE state = 'closed'), count(*) FILTER (WHERE state = 'closed' AND rules NOT LIKE '%"ratings":[2]%')
FROM work_orders GROUP BY 1, 2, 3, 4;
INSERT INTO work_order_stats_district (district_code, received_on, shard, total, s_received, s_dispatched, s_in_progress, s_resolved,
  s_closed, c_web, c_wechat, c_phone, c_window, c_grid, k_service, k_inquiry, k_help, k_complaint, k_suggestion, dispatched,
  signed_in_time, resolved, on_time, handling_workdays, rated, satisfied)
SELECT district_code, received_on, shard, sum(total), sum(s_received), sum(s_dispatched), sum(s_in_progress), sum(s_resolved), sum(s_closed),
  sum(c_web), sum(c_wechat), sum(c_phone), sum(c_window), sum(c_grid), sum(k_service), sum(k_inquiry), sum(k_help), sum(k_complaint),
  sum(k_suggestion), sum(dispatched), sum(signed_in_time), sum(resolved), sum(on_time), sum(handling_workdays), sum(rated), sum(satisfied)
FROM work_order_stats GROUP BY 1, 2, 3;
-- The same by month; past months as the background compaction leaves them (one shard).
INSERT INTO work_order_stats_month (district_code, month, shard, total, s_received, s_dispatched, s_in_progress, s_resolved,
  s_closed, c_web, c_wechat, c_phone, c_window, c_grid, k_service, k_inquiry, k_help, k_complaint, k_suggestion, dispatched,
  signed_in_time, resolved, on_time, handling_workdays, rated, satisfied)
SELECT district_code, substr(received_on, 1, 7),
  CASE WHEN substr(received_on, 1, 7) < to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') THEN 0 ELSE shard END,
  sum(total), sum(s_received), sum(s_dispatched), sum(s_in_progress), sum(s_resolved), sum(s_closed),
  sum(c_web), sum(c_wechat), sum(c_phone), sum(c_window), sum(c_grid), sum(k_service), sum(k_inquiry), sum(k_help), sum(k_complaint),
  sum(k_suggestion), sum(dispatched), sum(signed_in_time), sum(resolved), sum(on_time), sum(handling_workdays), sum(rated), sum(satisfied)
FROM work_order_stats_district GROUP BY 1, 2, 3;
-- The open orders by district, lead org and deadline, as the application keeps them.
DELETE FROM work_order_open;
INSERT INTO work_order_open (district_code, handling_deadline, lead_org, shard, n)
SELECT district_code, handling_deadline, coalesce(lead_org, ''),
  -- Past deadlines as the background compaction leaves them (one shard).
  CASE WHEN handling_deadline < to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') THEN 0 ELSE id / 1024 % 4 END, count(*)
FROM work_orders WHERE on_clock = 1 GROUP BY 1, 2, 3, 4;
VACUUM ANALYZE work_orders;
VACUUM ANALYZE work_order_open;
VACUUM ANALYZE work_order_stats_district;
VACUUM ANALYZE work_order_stats_month;
VACUUM ANALYZE work_order_stats;

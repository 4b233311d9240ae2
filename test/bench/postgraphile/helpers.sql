create schema if not exists bench_l3;

create or replace function bench_l3.findings_in_subtree(under_path text, statuses public.finding_status[] default null)
returns setof public.findings language sql stable parallel safe as $$
  select f.* from public.findings f
  where f.unit_path like replace(replace(replace(under_path, '\', '\\'), '%', '\%'), '_', '\_') || '%'
    and (statuses is null or cardinality(statuses) = 0 or f.status = any(statuses))
$$;
comment on function bench_l3.findings_in_subtree(text, public.finding_status[]) is E'@behavior +order';

create or replace function bench_l3.findings_search(search text)
returns setof public.findings language sql stable parallel safe as $$
  select f.* from public.findings f
  where f.title ilike '%' || replace(replace(replace(btrim(search), '\', '\\'), '%', '\%'), '_', '\_') || '%'
     or f.description ilike '%' || replace(replace(replace(btrim(search), '\', '\\'), '%', '\%'), '_', '\_') || '%'
     or f.case_ref ilike '%' || replace(replace(replace(btrim(search), '\', '\\'), '%', '\%'), '_', '\_') || '%'
$$;
comment on function bench_l3.findings_search(text) is E'@behavior +order';

-- W3: the board's per-child rows. A composite type has no foreign keys, so the unit's name is a column.
do $$ begin
  if not exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname = 'bench_l3' and t.typname = 'board_row') then
    create type bench_l3.board_row as (unit_id int, unit_name text, open int, overdue int, in_warning int, red int, yellow int, black int);
  end if;
end $$;

create or replace function bench_l3.board_rows(parent_id int, at timestamptz default now())
returns setof bench_l3.board_row language sql stable parallel safe as $$
  with parent as (select u.path from public.units u where u.id = board_rows.parent_id),
  today as (select (board_rows.at at time zone 'Asia/Shanghai')::date as d),
  counts as (
    select nullif(split_part(f.unit_path, '/', array_length(string_to_array(parent.path, '/'), 1)), '')::int as unit_id,
      (count(*) filter (where f.status in ('OPEN', 'RECTIFYING', 'SUBMITTED')))::int as open,
      (count(*) filter (where f.status in ('OPEN', 'RECTIFYING', 'SUBMITTED') and f.deadline < today.d))::int as overdue,
      (count(*) filter (where f.status in ('OPEN', 'RECTIFYING', 'SUBMITTED') and f.deadline >= today.d and f.warning_at <= board_rows.at))::int as in_warning,
      (count(*) filter (where f.status = 'VERIFIED'))::int as red,
      (count(*) filter (where f.status in ('OPEN', 'RECTIFYING', 'SUBMITTED') and f.deadline >= today.d))::int as yellow
    from public.findings f, parent, today
    where f.unit_path like replace(replace(replace(parent.path, '\', '\\'), '%', '\%'), '_', '\_') || '%'
    group by 1
  )
  select c.id, c.name, coalesce(k.open, 0), coalesce(k.overdue, 0), coalesce(k.in_warning, 0),
    coalesce(k.red, 0), coalesce(k.yellow, 0), coalesce(k.overdue, 0)
  from public.units c left join counts k on k.unit_id = c.id
  where c.parent_id = board_rows.parent_id
  order by coalesce(k.overdue, 0) desc, coalesce(k.open, 0) desc, c.sort_order, c.id
$$;

-- W3: the board's totals over the unit's whole subtree (one row).
do $$ begin
  if not exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname = 'bench_l3' and t.typname = 'board_totals') then
    create type bench_l3.board_totals as (open int, overdue int, in_warning int, verified_this_month int, verified int, rectification_rate float8);
  end if;
end $$;

create or replace function bench_l3.board_totals(unit_id int, at timestamptz default now())
returns bench_l3.board_totals language sql stable parallel safe as $$
  with unit as (select u.path from public.units u where u.id = board_totals.unit_id),
  clock as (
    select (board_totals.at at time zone 'Asia/Shanghai')::date as today,
      date_trunc('month', board_totals.at at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' as month_start,
      (date_trunc('month', board_totals.at at time zone 'Asia/Shanghai') + interval '1 month') at time zone 'Asia/Shanghai' as month_end
  ),
  counted as (
    select
      (count(*) filter (where f.status in ('OPEN', 'RECTIFYING', 'SUBMITTED')))::int as open,
      (count(*) filter (where f.status in ('OPEN', 'RECTIFYING', 'SUBMITTED') and f.deadline < clock.today))::int as overdue,
      (count(*) filter (where f.status in ('OPEN', 'RECTIFYING', 'SUBMITTED') and f.deadline >= clock.today and f.warning_at <= board_totals.at))::int as in_warning,
      (count(*) filter (where f.status = 'VERIFIED' and f.verified_at >= clock.month_start and f.verified_at < clock.month_end))::int as verified_this_month,
      (count(*) filter (where f.status = 'VERIFIED'))::int as verified,
      (count(*) filter (where f.status <> 'WITHDRAWN'))::int as not_withdrawn
    from public.findings f, unit, clock
    where f.unit_path like replace(replace(replace(unit.path, '\', '\\'), '%', '\%'), '_', '\_') || '%'
  )
  select open, overdue, in_warning, verified_this_month, verified,
    case when not_withdrawn = 0 then 0 else verified::float8 / not_withdrawn end
  from counted
$$;

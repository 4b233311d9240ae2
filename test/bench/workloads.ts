/**
 * The benchmark's workloads, each in three forms that return the same data: our GraphQL
 * operation, the hand-written SQL of the raw baseline (L1, one statement with json_agg for
 * nested data) and, where it can express it, PostGraphile's query (L3, test/bench/postgraphile.ts).
 */

export const OURS = {
  W1: `query W1($id: ID!) { finding(id: $id) { id code title status severity deadline unit { name } handler { name } measures { text due } } }`,
  W2: `query W2($unit: ID!) { findings(first: 100, filter: { unit: $unit, status: [OPEN, RECTIFYING] }) { totalCount edges { node {
    id code title status severity deadline unit { name } handler { name }
    measures { text due owner { name } } responsibilities { tier person { name } unit { name } } } } } }`,
  W3: `query W3($unit: ID) { board(unit: $unit) { open overdue inWarning verifiedThisMonth verified rectificationRate units { unit { name } open overdue inWarning red yellow black } } }`,
  W5: `query W5($text: String!) { findings(first: 20, filter: { text: $text }) { totalCount edges { node { id code title unit { name } } } } }`,
} as const;

/** W4: one finding through the workflow, five mutations in a row per worker. */
export const W4_STEPS = [
  `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id version } }`,
  `mutation($input: FindingStepInput!) { startRectification(input: $input) { id version } }`,
  `mutation($input: AddMeasureInput!) { addMeasure(input: $input) { id } }`,
  `mutation($input: FindingStepInput!) { submitRectification(input: $input) { id version } }`,
  `mutation($input: VerifyRectificationInput!) { verifyRectification(input: $input) { id version } }`,
] as const;

const ACTIVE = `('OPEN', 'RECTIFYING', 'SUBMITTED')`;
const nameOf = (alias: string) => `case when ${alias}.id is null then null else json_build_object('name', ${alias}.name) end`;

/** The raw baseline's SQL: $1… as in each comment; the result is one row with a `data` column. */
export const L1_SQL = {
  // $1 finding id
  W1: `select json_build_object('finding', (select json_build_object(
      'id', f.id, 'code', f.code, 'title', f.title, 'status', f.status, 'severity', f.severity, 'deadline', f.deadline,
      'unit', json_build_object('name', u.name), 'handler', ${nameOf("h")},
      'measures', coalesce((select json_agg(json_build_object('text', m.text, 'due', m.due) order by m.id) from measures m where m.finding_id = f.id), '[]'))
    from findings f join units u on u.id = f.unit_id left join people h on h.id = f.handler_id where f.id = $1)) as data`,
  // $1 unit path prefix (LIKE pattern), $2 statuses
  W2: `with page as (
      select * from findings where unit_path like $1 and status = any($2::finding_status[]) order by deadline, id limit 100)
    select json_build_object('findings', json_build_object(
      'totalCount', (select count(*) from findings where unit_path like $1 and status = any($2::finding_status[])),
      'edges', coalesce((select json_agg(json_build_object('node', json_build_object(
        'id', p.id, 'code', p.code, 'title', p.title, 'status', p.status, 'severity', p.severity, 'deadline', p.deadline,
        'unit', json_build_object('name', u.name), 'handler', ${nameOf("h")},
        'measures', coalesce((select json_agg(json_build_object('text', m.text, 'due', m.due, 'owner', ${nameOf("o")}) order by m.id)
          from measures m left join people o on o.id = m.owner_id where m.finding_id = p.id), '[]'),
        'responsibilities', coalesce((select json_agg(json_build_object('tier', r.tier, 'person', ${nameOf("rp")}, 'unit', ${nameOf("ru")}) order by r.id)
          from responsibilities r left join people rp on rp.id = r.person_id left join units ru on ru.id = r.unit_id where r.finding_id = p.id), '[]')
      )) order by p.deadline, p.id) from page p join units u on u.id = p.unit_id left join people h on h.id = p.handler_id), '[]'))) as data`,
  // $1 unit path prefix (LIKE pattern), $2 the unit's path depth + 1 (the child segment), $3 today (Shanghai), $4 now, $5/$6 this month's bounds
  W3: `with counted as (
      select nullif(split_part(unit_path, '/', $2), '')::int as child,
        count(*) filter (where status in ${ACTIVE}) as open,
        count(*) filter (where status in ${ACTIVE} and deadline < $3::date) as overdue,
        count(*) filter (where status in ${ACTIVE} and deadline >= $3::date and warning_at <= $4) as in_warning,
        count(*) filter (where status = 'VERIFIED') as verified,
        count(*) filter (where status = 'VERIFIED' and verified_at >= $5 and verified_at < $6) as verified_month,
        count(*) filter (where status <> 'WITHDRAWN') as not_withdrawn
      from findings where unit_path like $1 group by 1)
    select json_build_object('board', json_build_object(
      'open', coalesce(sum(open), 0), 'overdue', coalesce(sum(overdue), 0), 'inWarning', coalesce(sum(in_warning), 0),
      'verifiedThisMonth', coalesce(sum(verified_month), 0), 'verified', coalesce(sum(verified), 0),
      'rectificationRate', case when coalesce(sum(not_withdrawn), 0) = 0 then 0 else sum(verified)::float / sum(not_withdrawn) end,
      'units', coalesce((select json_agg(json_build_object('unit', json_build_object('name', u.name), 'open', coalesce(c.open, 0), 'overdue', coalesce(c.overdue, 0),
          'inWarning', coalesce(c.in_warning, 0), 'red', coalesce(c.verified, 0), 'yellow', coalesce(c.open - c.overdue, 0), 'black', coalesce(c.overdue, 0))
          order by coalesce(c.overdue, 0) desc, coalesce(c.open, 0) desc)
        from units u left join counted c on c.child = u.id where u.parent_id = (select id from units where path = left($1, -1))), '[]'))) as data
    from counted`,
  // $1 text LIKE pattern
  W5: `with hits as (select id from findings where title ilike $1 or description ilike $1 or case_ref ilike $1)
    select json_build_object('findings', json_build_object(
      'totalCount', (select count(*) from hits),
      'edges', coalesce((select json_agg(json_build_object('node', json_build_object('id', f.id, 'code', f.code, 'title', f.title, 'unit', json_build_object('name', u.name))) order by f.deadline, f.id)
        from (select * from findings where id in (select id from hits) order by deadline, id limit 20) f join units u on u.id = f.unit_id), '[]'))) as data`,
} as const;

export type ReadWorkload = keyof typeof L1_SQL;

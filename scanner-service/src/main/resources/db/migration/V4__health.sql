-- Health score of each scan that finished (SUCCEEDED or PARTIAL): totals and breakdowns as they were then.
-- full_scope: the scan covered every enabled rule in every configured region, so its score speaks for the account.
create table health_snapshot (
    scan_id      uuid         primary key references scan (id) on delete cascade,
    full_scope   boolean      not null,
    finished_at  timestamptz  not null,
    computed_at  timestamptz  not null,
    score        numeric(4,1),
    passed       bigint       not null,
    failed       bigint       not null,
    errored      bigint       not null,
    by_pillar    jsonb        not null,
    by_region    jsonb        not null,
    by_severity  jsonb        not null,
    by_impact    jsonb        not null,
    by_service   jsonb        not null
);
create index health_snapshot_full_idx on health_snapshot (finished_at desc) where full_scope;

-- Scan history: one row per scan, with what it covered and what failed.
create table scan (
    id                  uuid primary key,
    status              varchar(16)  not null,
    requested_regions   jsonb,
    requested_rules     jsonb,
    started_at          timestamptz  not null,
    finished_at         timestamptz,
    resources_evaluated integer      not null default 0,
    aws_calls           bigint       not null default 0,
    findings_opened     integer      not null default 0,
    findings_resolved   integer      not null default 0,
    findings_reopened   integer      not null default 0,
    errors              jsonb        not null default '[]'
);
create index scan_started_idx on scan (started_at desc);

-- Finding state: one row per fingerprint (rule + account + region + resource ARN), kept forever.
create table finding (
    fingerprint    varchar(64)   primary key,
    rule_id        varchar(128)  not null,
    status         varchar(16)   not null,
    severity       varchar(16)   not null,
    pillar         varchar(32)   not null,
    question       varchar(8)    not null,
    best_practice  varchar(16)   not null,
    impact         varchar(32)   not null,
    account_id     varchar(12)   not null,
    region         varchar(32)   not null,
    resource_arn   varchar(2048) not null,
    resource_type  varchar(128)  not null,
    resource_id    varchar(1024) not null,
    resource_name  varchar(1024),
    resource_tags  jsonb,
    title          text          not null,
    message        text          not null,
    first_seen_at  timestamptz   not null,
    last_seen_at   timestamptz   not null,
    resolved_at    timestamptz,
    sequence       bigint        not null,
    last_scan_id   uuid
);
create index finding_status_idx on finding (status);
create index finding_scope_idx on finding (account_id, region, resource_type);
create index finding_rule_idx on finding (rule_id);

-- Transactional outbox: state changes and their events commit together; a relay sends them to Kafka.
create table outbox (
    id           bigserial    primary key,
    topic        varchar(128) not null,
    message_key  varchar(256) not null,
    payload      text         not null,
    created_at   timestamptz  not null default now(),
    attempts     integer      not null default 0,
    last_error   text
);

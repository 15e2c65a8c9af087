-- Proposals are the remediation state machine; the audit log is append-only; slack_request guards against replays.

create table proposal (
    id              uuid        primary key,
    fingerprint     text        not null,
    action_id       text        not null,
    action_version  integer     not null,
    rule_id         text        not null,
    account_id      text        not null,
    region          text        not null,
    resource_arn    text        not null,
    resource_id     text        not null,
    state           text        not null check (state in ('PROPOSED', 'APPROVED', 'REJECTED', 'EXPIRED', 'EXECUTING',
                                                          'SUCCEEDED', 'FAILED', 'VERIFIED', 'ROLLED_BACK')),
    plan            jsonb       not null,
    before_state    jsonb,
    after_state     jsonb,
    detail          text,
    requested_at    timestamptz not null,
    decided_at      timestamptz,
    decided_by      text,                             -- the approver (Slack user id or api:<name>) who decided
    expires_at      timestamptz not null,
    executed_at     timestamptz,
    verified_at     timestamptz,
    slack_channel   text,
    slack_ts        text,
    constraint proposal_once unique (fingerprint, action_id, action_version)
);
create index proposal_state on proposal (state);
create index proposal_account_executed on proposal (account_id, executed_at);

create table audit (
    id              bigserial   primary key,
    at              timestamptz not null,
    actor           text        not null,
    proposal_id     uuid,
    what            text        not null,
    before_state    jsonb,
    after_state     jsonb,
    outcome         text        not null
);
create index audit_proposal on audit (proposal_id);

-- The audit log is append-only: the database refuses updates and deletes.
create function audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only';
end $$;
create trigger audit_append_only before update or delete on audit
    for each row execute function audit_append_only();

create table slack_request (
    signature       text        primary key,
    request_ts      bigint      not null,
    seen_at         timestamptz not null
);

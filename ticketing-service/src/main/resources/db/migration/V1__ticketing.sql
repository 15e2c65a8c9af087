-- Incidents group findings; the ticket ledger and the delivery outbox make every destination see each
-- incident exactly once and every change in order.

create table incident (
    id                  bigserial primary key,
    grouping_key        text        not null unique,   -- what the route's grouping policy groups on
    correlation_key     text        not null unique,   -- the incident's key on every destination
    route               text        not null,
    grouping            text        not null,          -- RESOURCE | RULE
    state               text        not null,          -- OPEN ACKNOWLEDGED RESOLVED REOPENED SUPPRESSED FALSE_POSITIVE
    severity            text        not null,
    pillar              text        not null,
    question            text        not null,
    best_practice       text        not null,
    rule_id             text        not null,
    account_id          text        not null,
    region              text        not null,
    title               text        not null,
    risk                text,
    remediation         jsonb       not null default '[]',
    suppressed_until    timestamptz,                   -- risk accepted on the incident itself (e.g. from Jira)
    suppression_reason  text,
    opened_at           timestamptz not null,
    updated_at          timestamptz not null,
    resolved_at         timestamptz
);
create index incident_state on incident (state);

-- The latest state of each finding, as the scanner published it.
create table finding (
    fingerprint     text        primary key,
    incident_id     bigint      not null references incident (id),
    sequence        bigint      not null,                -- the scanner's per-fingerprint counter: older events are ignored
    state           text        not null,                -- OPEN | RESOLVED | REOPENED
    suppression_id  bigint,                              -- set while a suppression rule matches it
    rule_id         text        not null,
    severity        text        not null,
    account_id      text        not null,
    region          text        not null,
    resource_arn    text        not null,
    resource_type   text        not null,
    resource_id     text        not null,
    resource_name   text,
    resource_tags   jsonb       not null default '{}',
    message         text        not null,
    first_seen_at   timestamptz not null,
    observed_at     timestamptz not null,
    updated_at      timestamptz not null
);
create index finding_incident on finding (incident_id);

-- The ledger: one row per incident and destination, reserved in the transaction that decides to create.
create table ticket (
    id              bigserial   primary key,
    incident_id     bigint      not null references incident (id),
    destination     text        not null,
    state           text        not null,   -- RESERVED | CREATING (an attempt was made; outcome unknown) | CREATED
    external_key    text,
    external_id     text,
    url             text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    unique (incident_id, destination)
);

-- The outbox: each lifecycle step for each destination, delivered in id order per (incident, destination).
create table delivery (
    id              bigserial   primary key,
    incident_id     bigint      not null references incident (id),
    destination     text        not null,
    action          text        not null,   -- OPEN UPDATE RESOLVE REOPEN SUPPRESS ACKNOWLEDGE COMMENT
    note            text        not null,
    state           text        not null,   -- PENDING | DELIVERED | DEAD
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz
);
create index delivery_due on delivery (destination, next_attempt_at, id) where state = 'PENDING';
create index delivery_undelivered on delivery (incident_id, destination, id) where state <> 'DELIVERED';
create index delivery_dead on delivery (id) where state = 'DEAD';

-- Suppression rules (mutelist): matching findings are kept and shown as suppressed until the rule expires.
create table suppression (
    id              bigserial   primary key,
    account_id      text,                   -- null = any; the others are globs (*, ?)
    rule_id         text,
    region          text,
    resource_arn    text,
    tag_key         text,
    tag_value       text,
    reason          text        not null,
    created_by      text        not null,
    created_at      timestamptz not null,
    expires_at      timestamptz,
    expired_at      timestamptz              -- set once its expiry was processed
);

-- What happened to each incident, and who did it: the trail behind every state.
create table incident_event (
    id              bigserial   primary key,
    incident_id     bigint      not null references incident (id),
    at              timestamptz not null,
    from_state      text,
    to_state        text        not null,
    source          text        not null,   -- scanner | jira | servicenow | opsgenie | api | expiry | remediation
    actor           text,
    note            text        not null
);
create index incident_event_incident on incident_event (incident_id, id);

-- Inbound webhook deliveries already applied (vendors retry, so duplicates are normal).
create table inbound_event (
    source          text        not null,
    event_key       text        not null,
    received_at     timestamptz not null,
    primary key (source, event_key)
);

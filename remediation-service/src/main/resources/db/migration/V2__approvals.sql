-- Who approved a proposal so far, each person once and in order; under the two-person rule it runs at the second.
alter table proposal add column approvals text[] not null default '{}';

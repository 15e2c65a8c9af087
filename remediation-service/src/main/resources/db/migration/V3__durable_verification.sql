-- A fix's verification waits in the database, not in memory: the scheduled check resumes it after a restart.
alter table proposal
    add column verify_after        timestamptz,                -- next check of the scanner's verdict; null = nothing pending
    add column verify_attempts     integer     not null default 0,
    add column rescan_requested_at timestamptz;               -- the targeted rescan was accepted by the scanner
create index proposal_verify_due on proposal (verify_after) where verify_after is not null;

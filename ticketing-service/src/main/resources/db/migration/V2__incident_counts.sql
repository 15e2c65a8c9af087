-- Each incident keeps how many of its findings fail (and how many are suppressed), so a batch of findings does
-- not count every finding of every incident it touches.
alter table incident add column failing int not null default 0;
alter table incident add column suppressed int not null default 0;
update incident i set
    failing = (select count(*) from finding f where f.incident_id = i.id and f.state <> 'RESOLVED' and f.suppression_id is null),
    suppressed = (select count(*) from finding f where f.incident_id = i.id and f.state <> 'RESOLVED' and f.suppression_id is not null);

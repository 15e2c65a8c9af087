-- A targeted rescan (e.g. verifying a fix) names the one resource it covers.
alter table scan add column target_arn varchar(2048);

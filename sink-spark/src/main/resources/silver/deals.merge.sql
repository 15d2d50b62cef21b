-- A change fills the columns it carries where its version (see deals.batch.sql) is newer than the one
-- silver holds, and leaves the others as they were: a CRM's late or partial change does not undo a
-- newer one, whatever order batches arrive in, and replaying changes already applied rewrites nothing.
-- updated_at is the newest change applied to any column. {{target_keys}} names the batch's deal_ids,
-- so that the MERGE reads only the files that may hold them (see MergePruning).
-- The lists of columns come from the contract (see SilverColumns).
MERGE INTO silver.deal_outcomes AS t
USING batch AS s
ON t.deal_id = s.deal_id AND {{target_keys}}
WHEN MATCHED AND exists(map_keys(s._column_versions),
        c -> coalesce(s._column_versions[c] > t._column_versions[c], true)) THEN UPDATE SET
    {{newer}},
    _column_versions = map_zip_with(t._column_versions, s._column_versions,
        (c, held, batch) -> IF(coalesce(batch > held, batch IS NOT NULL), batch, held)),
    updated_at = greatest(t.updated_at, s.updated_at),
    ingested_at = current_timestamp(),
    _source = IF(coalesce(named_struct('at', s.updated_at, 'source', s._source)
        > named_struct('at', t.updated_at, 'source', t._source), true), s._source, t._source)
WHEN NOT MATCHED THEN INSERT ({{columns}}, ingested_at, _column_versions)
    VALUES ({{s.columns}}, current_timestamp(), s._column_versions)

-- A change fills the columns it carries where its version (see deals.batch.sql) is newer than the one
-- silver holds, and leaves the others as they were: a CRM's late or partial change does not undo a
-- newer one, whatever order batches arrive in, and replaying changes already applied rewrites nothing.
-- updated_at is the newest change applied to any column. {{target_keys}} names the batch's deal_ids,
-- so that the MERGE reads only the files that may hold them (see MergePruning).
MERGE INTO silver.deal_outcomes AS t
USING batch AS s
ON t.deal_id = s.deal_id AND {{target_keys}}
WHEN MATCHED AND exists(map_keys(s._column_versions),
        c -> coalesce(s._column_versions[c] > t._column_versions[c], true)) THEN UPDATE SET
    source_system = IF(coalesce(s._column_versions['source_system'] > t._column_versions['source_system'],
        s.source_system IS NOT NULL), s.source_system, t.source_system),
    stage = IF(coalesce(s._column_versions['stage'] > t._column_versions['stage'],
        s.stage IS NOT NULL), s.stage, t.stage),
    is_closed = IF(coalesce(s._column_versions['is_closed'] > t._column_versions['is_closed'],
        s.is_closed IS NOT NULL), s.is_closed, t.is_closed),
    is_won = IF(coalesce(s._column_versions['is_won'] > t._column_versions['is_won'],
        s.is_won IS NOT NULL), s.is_won, t.is_won),
    amount = IF(coalesce(s._column_versions['amount'] > t._column_versions['amount'],
        s.amount IS NOT NULL), s.amount, t.amount),
    close_date = IF(coalesce(s._column_versions['close_date'] > t._column_versions['close_date'],
        s.close_date IS NOT NULL), s.close_date, t.close_date),
    _rescued_data = IF(coalesce(s._column_versions['_rescued_data'] > t._column_versions['_rescued_data'],
        s._rescued_data IS NOT NULL), s._rescued_data, t._rescued_data),
    _column_versions = map_zip_with(t._column_versions, s._column_versions,
        (c, held, batch) -> IF(coalesce(batch > held, batch IS NOT NULL), batch, held)),
    updated_at = greatest(t.updated_at, s.updated_at),
    ingested_at = current_timestamp(),
    _source = IF(coalesce(named_struct('at', s.updated_at, 'source', s._source)
        > named_struct('at', t.updated_at, 'source', t._source), true), s._source, t._source)
WHEN NOT MATCHED THEN INSERT (deal_id, source_system, stage, is_closed, is_won, amount, close_date, updated_at,
        ingested_at, _rescued_data, _source, _column_versions)
    VALUES (s.deal_id, s.source_system, s.stage, s.is_closed, s.is_won, s.amount, s.close_date,
        s.updated_at, current_timestamp(), s._rescued_data, s._source, s._column_versions)

-- A partial update fills the columns it carries where its version (see conversations.batch.sql) is
-- newer than the one silver holds, and leaves the others as they were: a late event does not undo a
-- newer one, whatever order batches arrive in. A row without a version for a column (written before
-- versions were kept) takes the batch's value, as it did then. A row is only rewritten when a
-- version advances, so replaying events already applied leaves the table as it is.
-- {{target_keys}} names the batch's call_ids, so that the MERGE reads only the files that may hold
-- them (see MergePruning).
-- The lists of columns come from the contract (see SilverColumns).
MERGE INTO silver.conversations AS t
USING batch AS s
ON t.call_id = s.call_id AND {{target_keys}}
WHEN MATCHED AND exists(map_keys(s._column_versions),
        c -> coalesce(s._column_versions[c] > t._column_versions[c], true)) THEN UPDATE SET
    {{newer}},
    _column_versions = map_zip_with(coalesce(t._column_versions, s._column_versions), s._column_versions,
        (c, held, batch) -> IF(coalesce(batch > held, batch IS NOT NULL), batch, held)),
    ingested_at = current_timestamp(),
    _source = IF(coalesce(named_struct('at', s._source.timestamp, 'source', s._source)
        > named_struct('at', t._source.timestamp, 'source', t._source), true), s._source, t._source)
WHEN NOT MATCHED THEN INSERT ({{columns}}, ingested_at, _column_versions)
    VALUES ({{s.columns}}, current_timestamp(), s._column_versions)

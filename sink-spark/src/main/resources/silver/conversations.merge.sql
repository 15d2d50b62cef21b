-- A partial update fills the columns it carries where its version (see conversations.batch.sql) is
-- newer than the one silver holds, and leaves the others as they were: a late event does not undo a
-- newer one, whatever order batches arrive in. A row without a version for a column (written before
-- versions were kept) takes the batch's value, as it did then. A row is only rewritten when a
-- version advances, so replaying events already applied leaves the table as it is.
-- {{target_keys}} names the batch's call_ids, so that the MERGE reads only the files that may hold
-- them (see MergePruning).
MERGE INTO silver.conversations AS t
USING batch AS s
ON t.call_id = s.call_id AND {{target_keys}}
WHEN MATCHED AND exists(map_keys(s._column_versions),
        c -> coalesce(s._column_versions[c] > t._column_versions[c], true)) THEN UPDATE SET
    source_platform = IF(coalesce(s._column_versions['source_platform'] > t._column_versions['source_platform'],
        s.source_platform IS NOT NULL), s.source_platform, t.source_platform),
    call_timestamp = IF(coalesce(s._column_versions['call_timestamp'] > t._column_versions['call_timestamp'],
        s.call_timestamp IS NOT NULL), s.call_timestamp, t.call_timestamp),
    duration_seconds = IF(coalesce(s._column_versions['duration_seconds'] > t._column_versions['duration_seconds'],
        s.duration_seconds IS NOT NULL), s.duration_seconds, t.duration_seconds),
    participants = IF(coalesce(s._column_versions['participants'] > t._column_versions['participants'],
        s.participants IS NOT NULL), s.participants, t.participants),
    deal_id = IF(coalesce(s._column_versions['deal_id'] > t._column_versions['deal_id'],
        s.deal_id IS NOT NULL), s.deal_id, t.deal_id),
    account_id = IF(coalesce(s._column_versions['account_id'] > t._column_versions['account_id'],
        s.account_id IS NOT NULL), s.account_id, t.account_id),
    transcript_text = IF(coalesce(s._column_versions['transcript_text'] > t._column_versions['transcript_text'],
        s.transcript_text IS NOT NULL), s.transcript_text, t.transcript_text),
    metadata = IF(coalesce(s._column_versions['metadata'] > t._column_versions['metadata'],
        s.metadata IS NOT NULL), s.metadata, t.metadata),
    _rescued_data = IF(coalesce(s._column_versions['_rescued_data'] > t._column_versions['_rescued_data'],
        s._rescued_data IS NOT NULL), s._rescued_data, t._rescued_data),
    _column_versions = map_zip_with(coalesce(t._column_versions, s._column_versions), s._column_versions,
        (c, held, batch) -> IF(coalesce(batch > held, batch IS NOT NULL), batch, held)),
    ingested_at = current_timestamp(),
    _source = IF(coalesce(named_struct('at', s._source.timestamp, 'source', s._source)
        > named_struct('at', t._source.timestamp, 'source', t._source), true), s._source, t._source)
WHEN NOT MATCHED THEN INSERT (call_id, source_platform, call_timestamp, duration_seconds, participants, deal_id,
        account_id, transcript_text, metadata, ingested_at, _rescued_data, _source, _column_versions)
    VALUES (s.call_id, s.source_platform, s.call_timestamp, s.duration_seconds, s.participants, s.deal_id,
        s.account_id, s.transcript_text, s.metadata, current_timestamp(), s._rescued_data, s._source,
        s._column_versions)

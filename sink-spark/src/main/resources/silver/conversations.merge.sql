-- A partial update fills the columns it carries and leaves the others as they were. A row is only
-- rewritten when a value changes, so replaying events already applied leaves the table as it is.
-- {{target_keys}} names the batch's call_ids, so that the MERGE reads only the files that may hold
-- them (see MergePruning).
MERGE INTO silver.conversations AS t
USING batch AS s
ON t.call_id = s.call_id AND {{target_keys}}
WHEN MATCHED AND NOT (
        t.source_platform <=> coalesce(s.source_platform, t.source_platform)
    AND t.call_timestamp <=> coalesce(s.call_timestamp, t.call_timestamp)
    AND t.duration_seconds <=> coalesce(s.duration_seconds, t.duration_seconds)
    AND t.participants <=> coalesce(s.participants, t.participants)
    AND t.deal_id <=> coalesce(s.deal_id, t.deal_id)
    AND t.account_id <=> coalesce(s.account_id, t.account_id)
    AND t.transcript_text <=> coalesce(s.transcript_text, t.transcript_text)
    AND array_sort(map_entries(t.metadata)) <=> array_sort(map_entries(coalesce(s.metadata, t.metadata)))
    AND t._rescued_data <=> coalesce(s._rescued_data, t._rescued_data)
) THEN UPDATE SET
    source_platform = coalesce(s.source_platform, t.source_platform),
    call_timestamp = coalesce(s.call_timestamp, t.call_timestamp),
    duration_seconds = coalesce(s.duration_seconds, t.duration_seconds),
    participants = coalesce(s.participants, t.participants),
    deal_id = coalesce(s.deal_id, t.deal_id),
    account_id = coalesce(s.account_id, t.account_id),
    transcript_text = coalesce(s.transcript_text, t.transcript_text),
    metadata = coalesce(s.metadata, t.metadata),
    _rescued_data = coalesce(s._rescued_data, t._rescued_data),
    ingested_at = current_timestamp(),
    _source = s._source
WHEN NOT MATCHED THEN INSERT (call_id, source_platform, call_timestamp, duration_seconds, participants, deal_id,
        account_id, transcript_text, metadata, ingested_at, _rescued_data, _source)
    VALUES (s.call_id, s.source_platform, s.call_timestamp, s.duration_seconds, s.participants, s.deal_id,
        s.account_id, s.transcript_text, s.metadata, current_timestamp(), s._rescued_data, s._source)

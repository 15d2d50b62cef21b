-- One row per call_id from the batch's decoded events (view `events`): the batch's partial updates
-- folded in topic order, a later non-null value over an earlier one. Conversations are keyed by
-- call_id on conversations.valid, so every event of a call shares a partition and offsets order them.
SELECT
    call_id,
    max_by(source_platform, IF(source_platform IS NULL, NULL, _kafka.offset)) AS source_platform,
    max_by(call_timestamp, IF(call_timestamp IS NULL, NULL, _kafka.offset)) AS call_timestamp,
    max_by(duration_seconds, IF(duration_seconds IS NULL, NULL, _kafka.offset)) AS duration_seconds,
    max_by(participants, IF(participants IS NULL, NULL, _kafka.offset)) AS participants,
    max_by(deal_id, IF(deal_id IS NULL, NULL, _kafka.offset)) AS deal_id,
    max_by(account_id, IF(account_id IS NULL, NULL, _kafka.offset)) AS account_id,
    max_by(transcript_text, IF(transcript_text IS NULL, NULL, _kafka.offset)) AS transcript_text,
    max_by(metadata, IF(metadata IS NULL, NULL, _kafka.offset)) AS metadata,
    max_by(_rescued_data, IF(_rescued_data IS NULL, NULL, _kafka.offset)) AS _rescued_data,
    max_by(_source, _kafka.offset) AS _source,
    max_by(_kafka, _kafka.offset) AS _kafka,
    CAST(NULL AS STRUCT<reason: STRING, field: STRING, detail: STRING>) AS _rejection
FROM events
GROUP BY call_id

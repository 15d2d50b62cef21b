-- One row per call_id from the batch's decoded events (view `events`), each column from the newest
-- event that carries it. An event's version is its raw unit's time, then the unit's coordinates
-- (topic, partition, offset, element) to order units of one instant: the same for every batch a
-- unit is read in, so batches in any order, split or together, give the same row. _column_versions
-- keeps each column's version, for the MERGE to compare with what silver holds.
WITH versioned AS (
    SELECT *, named_struct('at', _source.timestamp, 'source', _source) AS v FROM events
)
SELECT
    call_id,
    max_by(source_platform, IF(source_platform IS NULL, NULL, v)) AS source_platform,
    max_by(call_timestamp, IF(call_timestamp IS NULL, NULL, v)) AS call_timestamp,
    max_by(duration_seconds, IF(duration_seconds IS NULL, NULL, v)) AS duration_seconds,
    max_by(participants, IF(participants IS NULL, NULL, v)) AS participants,
    max_by(deal_id, IF(deal_id IS NULL, NULL, v)) AS deal_id,
    max_by(account_id, IF(account_id IS NULL, NULL, v)) AS account_id,
    max_by(transcript_text, IF(transcript_text IS NULL, NULL, v)) AS transcript_text,
    max_by(metadata, IF(metadata IS NULL, NULL, v)) AS metadata,
    max_by(_rescued_data, IF(_rescued_data IS NULL, NULL, v)) AS _rescued_data,
    map_filter(map(
        'source_platform', max(IF(source_platform IS NULL, NULL, v)),
        'call_timestamp', max(IF(call_timestamp IS NULL, NULL, v)),
        'duration_seconds', max(IF(duration_seconds IS NULL, NULL, v)),
        'participants', max(IF(participants IS NULL, NULL, v)),
        'deal_id', max(IF(deal_id IS NULL, NULL, v)),
        'account_id', max(IF(account_id IS NULL, NULL, v)),
        'transcript_text', max(IF(transcript_text IS NULL, NULL, v)),
        'metadata', max(IF(metadata IS NULL, NULL, v)),
        '_rescued_data', max(IF(_rescued_data IS NULL, NULL, v))
    ), (column, version) -> version IS NOT NULL) AS _column_versions,
    max_by(_source, v) AS _source,
    max_by(_kafka, _kafka.offset) AS _kafka,
    CAST(NULL AS STRUCT<reason: STRING, field: STRING, detail: STRING>) AS _rejection
FROM versioned
GROUP BY call_id

-- The newer evaluated_at wins, so applying a batch twice, or batches in another order, gives the same table.
MERGE INTO silver.conversation_signals AS t
USING batch AS s
ON t.signal_id = s.signal_id
WHEN MATCHED AND s.evaluated_at > t.evaluated_at THEN UPDATE SET
    call_id = s.call_id,
    signal_name = s.signal_name,
    signal_value = s.signal_value,
    signal_type = s.signal_type,
    confidence = s.confidence,
    scoring_version = s.scoring_version,
    evaluated_at = s.evaluated_at,
    ingested_at = current_timestamp(),
    _rescued_data = s._rescued_data,
    _source = s._source
WHEN NOT MATCHED THEN INSERT (signal_id, call_id, signal_name, signal_value, signal_type, confidence,
        scoring_version, evaluated_at, ingested_at, _rescued_data, _source)
    VALUES (s.signal_id, s.call_id, s.signal_name, s.signal_value, s.signal_type, s.confidence,
        s.scoring_version, s.evaluated_at, current_timestamp(), s._rescued_data, s._source)

-- The newer evaluated_at wins, so applying a batch twice, or batches in another order, gives the same table.
-- A signal belongs to its call (its derived signal_id is made from the call_id): the table is keyed
-- and clustered by call_id too, and {{target_keys}} names the batch's call_ids so that the MERGE
-- reads only the files that may hold them (see MergePruning).
MERGE INTO silver.conversation_signals AS t
USING batch AS s
ON t.call_id = s.call_id AND t.signal_id = s.signal_id AND {{target_keys}}
WHEN MATCHED AND s.evaluated_at > t.evaluated_at THEN UPDATE SET
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

-- The newer evaluated_at wins, so applying a batch twice, or batches in another order, gives the same table.
-- A signal belongs to its call (its derived signal_id is made from the call_id): the table is keyed
-- and clustered by call_id too, and {{target_keys}} names the batch's call_ids so that the MERGE
-- reads only the files that may hold them (see MergePruning).
-- The lists of columns come from the contract (see SilverColumns).
MERGE INTO silver.conversation_signals AS t
USING batch AS s
ON t.call_id = s.call_id AND t.signal_id = s.signal_id AND {{target_keys}}
WHEN MATCHED AND s.evaluated_at > t.evaluated_at THEN UPDATE SET
    {{updates}},
    ingested_at = current_timestamp()
WHEN NOT MATCHED THEN INSERT ({{columns}}, ingested_at)
    VALUES ({{s.columns}}, current_timestamp())

-- The batch's signals (view `batch`) that silver already holds with the same evaluated_at but other
-- content: a CONFLICTING_DUPLICATE, judged as within a batch, where the first to come stays. The
-- MERGE leaves silver's row as it is (it replaces a row only by a newer evaluated_at); these go to
-- the quarantine. {{target_keys}} names the batch's call_ids, so only files that may hold them are read.
SELECT
    {{s.columns}}, s._kafka,
    named_struct('reason', 'CONFLICTING_DUPLICATE', 'field', 'signal_id',
        'detail', concat('same signal_id and evaluated_at as the silver row read from raw record ', t._source.topic,
            '/', t._source.partition, '/', t._source.offset, ' but different content')) AS _rejection
FROM batch AS s
JOIN silver.conversation_signals AS t
    ON t.call_id = s.call_id AND t.signal_id = s.signal_id AND {{target_keys}}
WHERE t.evaluated_at = s.evaluated_at
    AND NOT (named_struct({{t.content}}) <=> named_struct({{s.content}}))

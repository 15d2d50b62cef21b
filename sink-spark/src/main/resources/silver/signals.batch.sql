-- Per signal_id in the batch's decoded events (view `events`): the newest evaluated_at wins (the
-- first in topic order among equals); a repeat of the winner is dropped, an older one is stale; a
-- record with the same evaluated_at as an earlier one but other content is a CONFLICTING_DUPLICATE.
-- The lists of columns come from the contract (see SilverColumns).
WITH judged AS (
    SELECT *,
        named_struct({{content}}) AS _content,
        first_value(named_struct({{content}}))
            OVER (PARTITION BY signal_id, evaluated_at ORDER BY _kafka.partition, _kafka.offset) AS _first_content,
        first_value(_kafka) OVER (PARTITION BY signal_id, evaluated_at ORDER BY _kafka.partition, _kafka.offset)
            AS _first_kafka,
        row_number() OVER (PARTITION BY signal_id ORDER BY evaluated_at DESC, _kafka.partition, _kafka.offset)
            AS _rank
    FROM events
)
SELECT
    {{columns}}, _kafka,
    IF(_content <=> _first_content, CAST(NULL AS STRUCT<reason: STRING, field: STRING, detail: STRING>),
        named_struct('reason', 'CONFLICTING_DUPLICATE', 'field', 'signal_id',
            'detail', concat('same signal_id and evaluated_at as kafka://', _first_kafka.topic, '/',
                _first_kafka.partition, '/', _first_kafka.offset, ' but different content'))) AS _rejection
FROM judged
WHERE _rank = 1 OR NOT (_content <=> _first_content)

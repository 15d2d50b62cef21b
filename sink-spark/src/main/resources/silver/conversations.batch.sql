-- One row per call_id from the batch's decoded events (view `events`), each column from the newest
-- event that carries it. An event's version is its raw unit's time, then the unit's coordinates
-- (topic, partition, offset, element) to order units of one instant: the same for every batch a
-- unit is read in, so batches in any order, split or together, give the same row. _column_versions
-- keeps each column's version, for the MERGE to compare with what silver holds. The lists of
-- columns come from the contract (see SilverColumns).
WITH versioned AS (
    SELECT *, named_struct('at', _source.timestamp, 'source', _source) AS v FROM events
)
SELECT
    call_id,
    {{latest}},
    map_filter(map(
        {{versions}}
    ), (column, version) -> version IS NOT NULL) AS _column_versions,
    max_by(_source, v) AS _source,
    max_by(_kafka, _kafka.offset) AS _kafka,
    CAST(NULL AS STRUCT<reason: STRING, field: STRING, detail: STRING>) AS _rejection
FROM versioned
GROUP BY call_id

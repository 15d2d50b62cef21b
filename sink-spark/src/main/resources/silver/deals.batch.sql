-- One row per deal_id from the batch's decoded changes (view `events`), each column from the newest
-- change that carries it. A change's version is its updated_at (the CRM's time of the change), then
-- its raw unit's coordinates to order changes of one instant: the same for every batch a change is
-- read in, so batches in any order, split or together, give the same row. _column_versions keeps
-- each column's version, for the MERGE to compare with what silver holds. The lists of columns
-- come from the contract (see SilverColumns).
WITH versioned AS (
    SELECT *, named_struct('at', updated_at, 'source', _source) AS v FROM events
)
SELECT
    deal_id,
    {{latest}},
    max(updated_at) AS updated_at,
    map_filter(map(
        {{versions}}
    ), (column, version) -> version IS NOT NULL) AS _column_versions,
    max_by(_source, v) AS _source,
    max_by(_kafka, _kafka.offset) AS _kafka,
    CAST(NULL AS STRUCT<reason: STRING, field: STRING, detail: STRING>) AS _rejection
FROM versioned
GROUP BY deal_id

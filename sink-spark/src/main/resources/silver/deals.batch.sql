-- One row per deal_id from the batch's decoded changes (view `events`), each column from the newest
-- change that carries it. A change's version is its updated_at (the CRM's time of the change), then
-- its raw unit's coordinates to order changes of one instant: the same for every batch a change is
-- read in, so batches in any order, split or together, give the same row. _column_versions keeps
-- each column's version, for the MERGE to compare with what silver holds.
WITH versioned AS (
    SELECT *, named_struct('at', updated_at, 'source', _source) AS v FROM events
)
SELECT
    deal_id,
    max_by(source_system, IF(source_system IS NULL, NULL, v)) AS source_system,
    max_by(stage, IF(stage IS NULL, NULL, v)) AS stage,
    max_by(is_closed, IF(is_closed IS NULL, NULL, v)) AS is_closed,
    max_by(is_won, IF(is_won IS NULL, NULL, v)) AS is_won,
    max_by(amount, IF(amount IS NULL, NULL, v)) AS amount,
    max_by(close_date, IF(close_date IS NULL, NULL, v)) AS close_date,
    max(updated_at) AS updated_at,
    max_by(_rescued_data, IF(_rescued_data IS NULL, NULL, v)) AS _rescued_data,
    map_filter(map(
        'source_system', max(IF(source_system IS NULL, NULL, v)),
        'stage', max(IF(stage IS NULL, NULL, v)),
        'is_closed', max(IF(is_closed IS NULL, NULL, v)),
        'is_won', max(IF(is_won IS NULL, NULL, v)),
        'amount', max(IF(amount IS NULL, NULL, v)),
        'close_date', max(IF(close_date IS NULL, NULL, v)),
        '_rescued_data', max(IF(_rescued_data IS NULL, NULL, v))
    ), (column, version) -> version IS NOT NULL) AS _column_versions,
    max_by(_source, v) AS _source,
    max_by(_kafka, _kafka.offset) AS _kafka,
    CAST(NULL AS STRUCT<reason: STRING, field: STRING, detail: STRING>) AS _rejection
FROM versioned
GROUP BY deal_id

package io.callsignal.silver;

import static io.callsignal.catalog.SqlLiterals.in;
import static io.callsignal.catalog.SqlLiterals.literal;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A condition on a MERGE's target naming, as literals, the keys its source holds. Open-source Delta
 * skips a target file only by literal predicates on the target (it has no dynamic file pruning), so
 * with this in the MERGE condition the MERGE reads, and rewrites, only the files whose statistics
 * may hold one of the batch's keys; clustered by the key, those are few. Delta tests an IN list only
 * by its range, so up to {@link #MAX_LISTED} keys are named one by one, each tested on its own. The
 * bound keeps Delta's file filter within the JVM's 64 KB method limit: at 100 keys Spark failed to
 * compile it (an ERROR in the log, then the filter interpreted); 64 compiled.
 *
 * <p>More keys, up to {@link #MAX_FILTERED}, are named in an IN list: files are skipped by its range
 * only, but Spark pushes the list into the target's scan, so the MERGE's outer join (the batch's
 * rows against the target's) shuffles the target rows of the batch's keys, not every row of every
 * file in the range; without it a 1,000-call batch into 10M signals shuffled all 10M. A batch with
 * even more keys (a replay) narrows the target to their range alone.
 */
final class MergePruning {

    static final int MAX_LISTED = 48;
    static final int MAX_FILTERED = 10_000;

    private MergePruning() {
    }

    /**
     * SQL for {@code target.column}'s values in {@code source}; TRUE when a null key could match (by
     * <=>); empty when the source has no rows, so there is nothing to MERGE.
     */
    static Optional<String> onTarget(Dataset<Row> source, String column, String target) {
        String qualified = target + ".`" + column + "`";
        List<Row> keys = source.select(column).distinct().limit(MAX_FILTERED + 1).collectAsList();
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        if (keys.stream().anyMatch(key -> key.isNullAt(0))) {
            return Optional.of("TRUE");
        }
        if (keys.size() <= MAX_LISTED) {
            return Optional.of(keys.stream().map(key -> qualified + " = " + literal(key.get(0)))
                    .collect(Collectors.joining(" OR ", "(", ")")));
        }
        if (keys.size() <= MAX_FILTERED) {
            return Optional.of(qualified + " IN " + in(keys.stream().map(key -> key.get(0)).toList()));
        }
        Row range = source.agg(min(column), max(column), count_if(col(column).isNull())).head();
        if (range.getLong(2) > 0) {
            return Optional.of("TRUE");
        }
        return Optional.of("(" + qualified + " BETWEEN " + literal(range.get(0)) + " AND " + literal(range.get(1))
                + ")");
    }
}

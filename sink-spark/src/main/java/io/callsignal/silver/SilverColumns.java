package io.callsignal.silver;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The lists of columns in an entity's silver SQL (silver/ENTITY.*.sql), made from its contract's
 * columns, so that a new field of a released schema version goes through the batch, the conflict
 * check and the MERGE with no SQL to edit. The first column is the key; {@code version} names the
 * column that versions a whole event (a signal's evaluated_at, a deal's updated_at), if one does.
 *
 * <ul>
 *   <li>{@code {{columns}}}, {@code {{s.columns}}}: every column (for SELECT and INSERT).
 *   <li>{@code {{updates}}}: {@code c = s.c} for every column but the key.
 *   <li>{@code {{latest}}}, {@code {{versions}}}, {@code {{newer}}}: per versioned column (every column but
 *       the key, the version and _source), its value from the newest event that carries it, its version,
 *       and the MERGE's choice between the batch's and silver's by version.
 *   <li>{@code {{content}}}, {@code {{s.content}}}, {@code {{t.content}}}: the pairs of a named_struct of
 *       what an event says (every column but the key, the version and the system columns), to tell
 *       a conflicting duplicate from a repeat.
 * </ul>
 */
final class SilverColumns {

    private SilverColumns() {
    }

    static String fill(String sql, StructType columns, Optional<String> version) {
        List<String> all = Arrays.stream(columns.fields()).map(StructField::name).toList();
        List<String> payload = all.subList(1, all.size()).stream().filter(c -> version.map(v -> !v.equals(c)).orElse(true))
                .toList();
        List<String> versioned = payload.stream().filter(c -> !c.equals("_source")).toList();
        List<String> content = payload.stream().filter(c -> !c.startsWith("_")).toList();
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("{{columns}}", join(all, c -> c, ", "));
        parts.put("{{s.columns}}", join(all, c -> "s." + c, ", "));
        parts.put("{{updates}}", join(all.subList(1, all.size()), c -> c + " = s." + c, ",\n    "));
        parts.put("{{latest}}", join(versioned, c -> "max_by(" + c + ", IF(" + c + " IS NULL, NULL, v)) AS " + c, ",\n    "));
        parts.put("{{versions}}", join(versioned, c -> "'" + c + "', max(IF(" + c + " IS NULL, NULL, v))", ",\n        "));
        parts.put("{{newer}}", join(versioned, c -> c + " = IF(coalesce(s._column_versions['" + c + "'] > t._column_versions['"
                + c + "'], s." + c + " IS NOT NULL), s." + c + ", t." + c + ")", ",\n    "));
        parts.put("{{content}}", join(content, c -> "'" + c + "', " + c, ", "));
        parts.put("{{s.content}}", join(content, c -> "'" + c + "', s." + c, ", "));
        parts.put("{{t.content}}", join(content, c -> "'" + c + "', t." + c, ", "));
        String filled = sql;
        for (Map.Entry<String, String> part : parts.entrySet()) {
            filled = filled.replace(part.getKey(), part.getValue());
        }
        return filled;
    }

    private static String join(List<String> columns, Function<String, String> each, String separator) {
        return columns.stream().map(each).collect(Collectors.joining(separator));
    }
}

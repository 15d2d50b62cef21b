package io.callsignal.catalog;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.functions;

/** Values written into SQL text as literals, rendered by Spark itself (quotes escaped, types kept). */
public final class SqlLiterals {

    private SqlLiterals() {
    }

    public static String literal(Object value) {
        return functions.lit(value).expr().sql();
    }

    /** A parenthesised list for IN; an empty list matches nothing. */
    public static String in(List<?> values) {
        return values.isEmpty() ? "(NULL)"
                : values.stream().map(SqlLiterals::literal).collect(Collectors.joining(", ", "(", ")"));
    }
}

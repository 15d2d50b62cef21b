package io.callsignal.governance;

import io.callsignal.config.ConfigException;
import java.util.Arrays;
import java.util.Locale;

/** What a grant allows, in Unity Catalog's terms. ALL PRIVILEGES holds the others, and DDL. */
public enum Privilege {
    SELECT("SELECT"), MODIFY("MODIFY"), ALL_PRIVILEGES("ALL PRIVILEGES");

    private final String sql;

    Privilege(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }

    boolean covers(Privilege wanted) {
        return this == ALL_PRIVILEGES || this == wanted;
    }

    static Privilege parse(String text, String where) {
        String normal = text.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        return Arrays.stream(values()).filter(p -> p.sql.equals(normal)).findFirst()
                .orElseThrow(() -> new ConfigException(where + ": unknown privilege '" + text
                        + "' (SELECT, MODIFY or ALL PRIVILEGES)"));
    }
}

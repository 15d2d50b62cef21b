package io.callsignal.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A SQL statement kept in a resource file of its own, so it reads (and diffs) as SQL. */
public final class SqlFile {

    private SqlFile() {
    }

    /** The statement in {@code /path} on the classpath, e.g. {@code gold/deal_signal_summary.sql}. */
    public static String load(String path) {
        try (InputStream in = SqlFile.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

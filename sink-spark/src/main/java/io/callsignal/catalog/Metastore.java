package io.callsignal.catalog;

import io.callsignal.config.Config;
import io.callsignal.config.ConfigException;
import io.callsignal.config.SinkSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Where the catalog of views and tables users create is kept (METASTORE): in the lake, an embedded
 * Derby database under {@code _catalog/} that one process opens at a time; an external Hive
 * metastore service ({@code thrift://...}) that any number share; or nowhere ({@code memory}), each
 * process then seeing only the lake's own tables, which every process registers from their logs.
 */
public record Metastore(Optional<Path> embedded, Optional<String> uri) {

    public static Metastore of(Config config) {
        String setting = config.get(SinkSettings.METASTORE).orElse("lake");
        String root = LakeCatalog.root(config);
        if (setting.startsWith("thrift://")) {
            return new Metastore(Optional.empty(), Optional.of(setting));
        }
        if (setting.equals("memory")) {
            return new Metastore(Optional.empty(), Optional.empty());
        }
        if (!setting.equals("lake")) {
            throw new ConfigException("METASTORE is lake, memory or a thrift:// URI, not '" + setting + "'");
        }
        // Derby needs a local disk: a lake on an object store keeps its catalog in memory unless told of a service.
        return root.contains("://") ? new Metastore(Optional.empty(), Optional.empty())
                : new Metastore(Optional.of(Path.of(root, "_catalog")), Optional.empty());
    }

    void configure(SparkSession.Builder builder) {
        if (uri.isEmpty() && embedded.isEmpty()) {
            return; // Spark's in-memory catalog
        }
        builder.enableHiveSupport();
        uri.ifPresent(u -> builder.config("spark.hadoop.hive.metastore.uris", u));
        embedded.ifPresent(dir -> {
            // Derby's own log goes with its database, not into the working directory; a root that is
            // not a lake (a mistyped LAKE_ROOT, refused next) must not get a directory from it.
            if (Files.isDirectory(dir.getParent())) {
                try {
                    Files.createDirectories(dir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the metastore's directory " + dir, e);
                }
                System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
            }
            builder.config("spark.hadoop.javax.jdo.option.ConnectionURL",
                    "jdbc:derby:;databaseName=" + dir.resolve("metastore_db") + ";create=true");
        });
    }

    /** Whether another process has the lake's embedded database open (Derby locks dbex.lck while it does). */
    boolean inUseElsewhere() {
        if (embedded.isEmpty()) {
            return false;
        }
        Path lock = embedded.get().resolve("metastore_db").resolve("dbex.lck");
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return true;
            }
            held.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return false; // this process holds it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the metastore's lock " + lock, e);
        }
    }
}

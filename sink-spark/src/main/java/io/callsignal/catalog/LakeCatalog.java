package io.callsignal.catalog;

import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.config.ConfigException;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where each table and checkpoint lives under {@code LAKE_ROOT}, and their registration in the
 * session's catalog. The catalog is in memory: the Delta logs on disk are the truth, and every
 * session registers the tables found there (and, for the sink, creates the missing ones it writes).
 */
public final class LakeCatalog {

    /** How far back a table's last write is looked for: past a few maintenance runs (OPTIMIZE, VACUUM START, END). */
    private static final int LAST_WRITE_WITHIN = 10;

    private final SparkSession spark;
    private final String root;

    private LakeCatalog(SparkSession spark, String root) {
        this.spark = spark;
        this.root = root;
    }

    /**
     * Registers every table that exists, creating bronze and silver tables that do not yet and
     * bringing those that do up to their definition in {@link LakeTable}: for the sink.
     */
    public static LakeCatalog open(SparkSession spark, Config config) {
        LakeCatalog catalog = new LakeCatalog(spark, root(config));
        catalog.registerAll();
        return catalog;
    }

    /**
     * Registers the tables that exist, creating none: for the commands that read or maintain a lake.
     * A root with no table at all is a clear error rather than a new empty lake (a mistyped LAKE_ROOT).
     */
    public static LakeCatalog openExisting(SparkSession spark, Config config) {
        LakeCatalog catalog = new LakeCatalog(spark, root(config));
        List<LakeTable> existing = Arrays.stream(LakeTable.values()).filter(catalog::exists).toList();
        if (existing.isEmpty()) {
            throw new ConfigException("no lake at LAKE_ROOT " + catalog.root + ": no table has landed there."
                    + " Run `bin/callsignal sink` first, or point LAKE_ROOT at the lake");
        }
        catalog.createLayers();
        SideBySide.map(existing, table -> {
            catalog.register(table);
            return table;
        });
        return catalog;
    }

    /** The lake root as an absolute path or a URI (s3a://, abfss://, ...). */
    public static String root(Config config) {
        String lakeRoot = config.get(CommonSettings.LAKE_ROOT);
        return lakeRoot.contains("://") ? lakeRoot : Path.of(lakeRoot).toAbsolutePath().normalize().toString();
    }

    public SparkSession spark() {
        return spark;
    }

    public String location(LakeTable table) {
        return root + "/" + table.layer() + "/" + table.table();
    }

    /** A streaming flow's checkpoint: its position in the topics, and its batch ids. */
    public String checkpoint(String flow) {
        return root + "/_checkpoints/" + flow;
    }

    /** A small file of the sink's own bookkeeping (when it last maintained the tables, say). */
    public String stateFile(String name) {
        return root + "/_state/" + name;
    }

    /** Where a registered version of the deal-outcome model is saved (an MLlib pipeline). */
    public String modelLocation(int version) {
        return root + "/_models/v" + version;
    }

    /** Forgets a flow's position, so that it starts again from where its source is told to. */
    public void deleteCheckpoint(String flow) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(checkpoint(flow));
        try {
            path.getFileSystem(spark.sessionState().newHadoopConf()).delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the checkpoint " + path, e);
        }
    }

    public boolean exists(LakeTable table) {
        return DeltaTable.isDeltaTable(spark, location(table));
    }

    /** The table's newest Delta version. */
    public long version(LakeTable table) {
        return DeltaTable.forPath(spark, location(table)).history(1).head().getLong(0);
    }

    /**
     * What the table's newest write says it was built from (its userMetadata), if it exists and says.
     * Maintenance commits are passed over: an OPTIMIZE moves rows between files, not what they were
     * built from.
     */
    public Optional<String> lastBuild(LakeTable table) {
        if (!exists(table)) {
            return Optional.empty();
        }
        List<Row> last = DeltaTable.forPath(spark, location(table)).history(LAST_WRITE_WITHIN)
                .where("operation NOT IN ('OPTIMIZE', 'VACUUM START', 'VACUUM END')").select("userMetadata")
                .limit(1).collectAsList();
        return last.isEmpty() || last.get(0).isNullAt(0) ? Optional.empty() : Optional.of(last.get(0).getString(0));
    }

    /**
     * Registers the table where its Delta log is (a gold table after its first refresh, say); where
     * there is none, creates it as defined if {@link LakeTable} gives its columns. True when its log
     * was there before.
     */
    public boolean register(LakeTable table) {
        forgetIfElsewhere(table);
        if (exists(table)) {
            spark.sql("CREATE TABLE IF NOT EXISTS " + table.qualifiedName() + " USING delta LOCATION "
                    + quoted(location(table)));
            return true;
        }
        table.columns().ifPresent(columns -> spark.sql("CREATE TABLE IF NOT EXISTS " + table.qualifiedName()
                + " (" + columns + ") USING delta" + layout(table) + " LOCATION " + quoted(location(table))
                + properties(table.properties())));
        return false;
    }

    /**
     * Brings a table an earlier release created up to its definition: the columns (nested ones too),
     * properties and clustering it has now. Committed only where something differs, so a lake
     * already up to date is left as it is. Rows written before a column was added have it null;
     * files written before clustering is set are clustered by the next OPTIMIZE.
     */
    private void conform(LakeTable table) {
        if (table.columns().isEmpty()) {
            return;
        }
        List<String> added = missingColumns(StructType.fromDDL(table.columns().get()),
                spark.table(table.qualifiedName()).schema(), "");
        if (!added.isEmpty()) {
            spark.sql("ALTER TABLE " + table.qualifiedName() + " ADD COLUMNS (" + String.join(", ", added) + ")");
        }
        Row detail = spark.sql("DESCRIBE DETAIL " + table.qualifiedName()).select("properties", "clusteringColumns")
                .head();
        Map<String, String> current = detail.getJavaMap(0);
        Map<String, String> missing = new LinkedHashMap<>();
        table.properties().forEach((key, value) -> {
            if (!value.equals(current.get(key))) {
                missing.put(key, value);
            }
        });
        if (!missing.isEmpty()) {
            spark.sql("ALTER TABLE " + table.qualifiedName() + " SET" + properties(missing));
        }
        List<Object> clusteredBy = detail.isNullAt(1) ? List.of() : detail.getList(1);
        if (!table.clusteredBy().isEmpty() && !table.clusteredBy().equals(clusteredBy)) {
            spark.sql("ALTER TABLE " + table.qualifiedName() + clustering(table));
        }
    }

    /** Definitions of the columns in {@code wanted} that {@code have} lacks, as ALTER TABLE ADD COLUMNS takes them. */
    private static List<String> missingColumns(StructType wanted, StructType have, String prefix) {
        List<String> missing = new ArrayList<>();
        for (StructField field : wanted.fields()) {
            String path = prefix + "`" + field.name() + "`";
            Optional<StructField> existing = Arrays.stream(have.fields())
                    .filter(f -> f.name().equalsIgnoreCase(field.name())).findFirst();
            if (existing.isEmpty()) {
                missing.add(path + " " + field.dataType().sql());
            } else if (field.dataType() instanceof StructType nested
                    && existing.get().dataType() instanceof StructType present) {
                missing.addAll(missingColumns(nested, present, path + "."));
            }
        }
        return missing;
    }

    private static String layout(LakeTable table) {
        return table.partitionedBy().isEmpty() ? clustering(table)
                : " PARTITIONED BY (" + String.join(", ", table.partitionedBy()) + ")";
    }

    private static String clustering(LakeTable table) {
        return table.clusteredBy().isEmpty() ? "" : " CLUSTER BY (" + String.join(", ", table.clusteredBy()) + ")";
    }

    private static String properties(Map<String, String> properties) {
        return properties.isEmpty() ? "" : properties.entrySet().stream()
                .map(entry -> quoted(entry.getKey()) + " = " + quoted(entry.getValue()))
                .collect(Collectors.joining(", ", " TBLPROPERTIES (", ")"));
    }

    /**
     * The catalog outlives a lake root when one JVM opens several lakes (tests, a shell): a name
     * registered at another location is forgotten. Every table is external, so this drops no data.
     */
    private void forgetIfElsewhere(LakeTable table) {
        var catalog = spark.sessionState().catalog().externalCatalog();
        if (catalog.tableExists(table.layer(), table.table())) {
            // The catalog's own record: the Delta log at a forgotten location may be gone.
            URI registered = catalog.getTable(table.layer(), table.table()).location();
            if (!registered.getPath().equals(pathOf(location(table)))) {
                spark.sql("DROP TABLE " + table.qualifiedName());
            }
        }
    }

    private void registerAll() {
        createLayers();
        // A table created just now is as defined: only one an earlier release made needs conforming.
        SideBySide.map(List.of(LakeTable.values()), table -> {
            if (register(table)) {
                conform(table);
            }
            return table;
        });
    }

    private void createLayers() {
        Arrays.stream(LakeTable.values()).map(LakeTable::layer).distinct()
                .forEach(layer -> spark.sql("CREATE DATABASE IF NOT EXISTS " + layer));
    }

    /** The path part of a location, so {@code file:/lake/x} and {@code /lake/x} compare equal. */
    private static String pathOf(String location) {
        return new org.apache.hadoop.fs.Path(location).toUri().getPath();
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}

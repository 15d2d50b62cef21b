package io.callsignal.model;

import static org.apache.spark.sql.functions.col;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The lake's model registry, ml.models: one version per training run's best model, saved as an
 * MLlib pipeline under LAKE_ROOT/_models/vN, and the alias {@code champion} on at most one version,
 * the one predictions come from. Versions are numbered by the one operator command that trains.
 */
public final class ModelRegistry {

    public static final String CHAMPION = "champion";

    /** A registered version. */
    public record Version(int version, String runId, String model, Map<String, Double> metrics, String path,
            String alias) {

        public double auc() {
            return metrics.get("auc");
        }

        public PipelineModel load() {
            return PipelineModel.load(path);
        }
    }

    private ModelRegistry() {
    }

    public static Optional<Version> champion(LakeCatalog lake) {
        return find(lake, col("alias").equalTo(CHAMPION));
    }

    public static Optional<Version> version(LakeCatalog lake, int version) {
        return find(lake, col("version").equalTo(version));
    }

    /** Saves the model and registers it as the next version, without an alias. */
    static Version register(LakeCatalog lake, ModelTraining.Run run) {
        Row newest = lake.spark().read().format("delta").load(lake.location(LakeTable.ML_MODELS))
                .agg(org.apache.spark.sql.functions.max("version")).head();
        int version = newest.isNullAt(0) ? 1 : newest.getInt(0) + 1;
        String path = lake.modelLocation(version);
        try {
            run.fitted().write().overwrite().save(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model version " + version + " to " + path, e);
        }
        Rows.append(lake, LakeTable.ML_MODELS, List.of(RowFactory.create(version, run.runId(), run.model(),
                run.metrics(), path, Timestamp.from(Instant.now()), null)));
        return new Version(version, run.runId(), run.model(), run.metrics(), path, null);
    }

    /** Moves the champion alias to {@code version}, which must be registered. */
    public static void promote(LakeCatalog lake, int version) {
        if (version(lake, version).isEmpty()) {
            throw new ModelException("model version " + version + " is not registered (see ml.models)");
        }
        // One row per version: the table is rewritten whole, in one commit, with the alias moved.
        List<Row> rows = lake.spark().read().format("delta").load(lake.location(LakeTable.ML_MODELS))
                .collectAsList().stream().map(row -> {
                    Object[] values = new Object[row.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = row.get(i);
                    }
                    values[row.fieldIndex("alias")] = row.getInt(row.fieldIndex("version")) == version ? CHAMPION : null;
                    return RowFactory.create(values);
                }).toList();
        Rows.write(lake, LakeTable.ML_MODELS, rows, "overwrite");
    }

    private static Optional<Version> find(LakeCatalog lake, Column condition) {
        if (!lake.exists(LakeTable.ML_MODELS)) {
            return Optional.empty();
        }
        List<Row> rows = lake.spark().read().format("delta").load(lake.location(LakeTable.ML_MODELS)).where(condition)
                .select("version", "run_id", "model", "metrics", "path", "alias").collectAsList();
        return rows.stream().findFirst().map(row -> new Version(row.getInt(0), row.getString(1), row.getString(2),
                row.getJavaMap(3), row.getString(4), row.getString(5)));
    }
}

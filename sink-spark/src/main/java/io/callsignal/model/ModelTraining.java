package io.callsignal.model;

import static org.apache.spark.sql.functions.col;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.config.Config;
import io.callsignal.gold.GoldRefresh;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@code model train}: fits the candidate pipelines on closed deals before a split date and
 * evaluates them on those closed after it (a time-based split: the model is judged on deals it
 * could not have seen, as it will be used), next to a baseline of average overall_score alone.
 * Every candidate is a run in ml.runs; the best is registered as a new version in ml.models and
 * becomes the champion only if it beats the current champion on the same test deals.
 */
public final class ModelTraining {

    /** The share of closed deals, oldest first, that train; the rest test. */
    static final double TRAIN_SHARE = 0.7;
    static final int MIN_TRAIN = 20;
    static final int MIN_TEST = 8;

    /** A fitted candidate, its parameters and its metrics on the test deals. */
    public record Run(String runId, String model, PipelineModel fitted, Map<String, String> params,
            Map<String, Double> metrics, long durationMs) {
    }

    /**
     * What a training did: its runs, the version it registered, whether that became the champion, and
     * the champion before (with its AUC on this training's test deals).
     */
    public record Result(List<Run> runs, ModelRegistry.Version registered, boolean promoted,
            Optional<ModelRegistry.Version> previousChampion, Optional<Double> previousChampionAuc,
            Map<String, Double> baseline, int trainDeals, int testDeals, Date splitDate) {
    }

    private ModelTraining() {
    }

    public static Result train(LakeCatalog lake, Config config, long seed) {
        if (!lake.exists(LakeTable.SILVER_DEAL_OUTCOMES)) {
            throw new ModelException("the lake has no silver.deal_outcomes yet: run the sink over deals.raw first");
        }
        GoldRefresh.refresh(lake, config);
        long featuresVersion = lake.version(LakeTable.GOLD_DEAL_FEATURES);
        Map<String, Long> inputs = new LinkedHashMap<>();
        inputs.put(LakeTable.GOLD_DEAL_FEATURES.qualifiedName(), featuresVersion);
        for (LakeTable silver : List.of(LakeTable.SILVER_DEAL_OUTCOMES, LakeTable.SILVER_CONVERSATIONS,
                LakeTable.SILVER_SIGNALS)) {
            inputs.put(silver.qualifiedName(), lake.version(silver));
        }
        Dataset<Row> features = DealFeatures.at(lake, featuresVersion);
        List<String> leaking = DealFeatures.leaking(features);
        if (!leaking.isEmpty()) {
            throw new ModelException("gold.deal_features uses calls on or after the close date of " + leaking.size()
                    + " deals (" + String.join(", ", leaking.subList(0, Math.min(5, leaking.size())))
                    + "): a model trained on them would learn the outcome from after it was known; nothing was trained");
        }
        Dataset<Row> labelled = DealFeatures.labelled(features).cache();
        try {
            return train(lake, labelled, inputs, seed);
        } finally {
            labelled.unpersist();
        }
    }

    private static Result train(LakeCatalog lake, Dataset<Row> labelled, Map<String, Long> inputs, long seed) {
        Timestamp started = Timestamp.from(Instant.now());
        Date split = splitDate(labelled);
        Dataset<Row> train = labelled.where(col("close_date").lt(split));
        Dataset<Row> test = labelled.where(col("close_date").geq(split));
        int trainDeals = checkSize("training", train, MIN_TRAIN);
        int testDeals = checkSize("test", test, MIN_TEST);

        Map<String, Double> baseline = fit("baseline", baselinePipeline(), train, test).metrics();
        List<Run> runs = new ArrayList<>();
        for (Map.Entry<String, Pipeline> candidate : candidates(seed).entrySet()) {
            Run run = fit(candidate.getKey(), candidate.getValue(), train, test);
            Map<String, Double> metrics = new LinkedHashMap<>(run.metrics());
            baseline.forEach((name, value) -> metrics.put("baseline_" + name, value));
            runs.add(new Run(run.runId(), run.model(), run.fitted(), run.params(), metrics, run.durationMs()));
        }
        Run best = runs.stream().max((a, b) -> Double.compare(a.metrics().get("auc"), b.metrics().get("auc")))
                .orElseThrow();
        ModelRegistry.Version registered = ModelRegistry.register(lake, best);
        Optional<ModelRegistry.Version> champion = ModelRegistry.champion(lake);
        Optional<Double> championAuc = champion.map(current -> auc(current.load(), test));
        // Strictly better: retraining on unchanged data makes the same model, which changes nothing.
        boolean promoted = championAuc.isEmpty() || best.metrics().get("auc") > championAuc.get();
        if (promoted) {
            ModelRegistry.promote(lake, registered.version());
        }
        List<Row> rows = new ArrayList<>();
        for (Run run : runs) {
            rows.add(RowFactory.create(run.runId(), run.model(), started, run.durationMs(), seed, run.params(),
                    run.metrics(), (long) trainDeals, (long) testDeals, split, inputs,
                    run == best ? registered.version() : null));
        }
        Rows.append(lake, LakeTable.ML_RUNS, rows);
        DealPredictions.refresh(lake);
        return new Result(runs, registered, promoted, champion, championAuc, baseline, trainDeals, testDeals, split);
    }

    /** The candidates, by name: logistic regression on standardised features, and gradient-boosted trees. */
    static Map<String, Pipeline> candidates(long seed) {
        VectorAssembler assembler = assembler(DealFeatures.COLUMNS);
        StandardScaler scaler = new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true)
                .setWithStd(true);
        LogisticRegression logistic = new LogisticRegression().setMaxIter(100).setRegParam(0.05)
                .setElasticNetParam(0.0);
        GBTClassifier trees = new GBTClassifier().setFeaturesCol("raw").setMaxIter(30).setMaxDepth(2).setStepSize(0.1)
                .setSeed(seed);
        Map<String, Pipeline> candidates = new LinkedHashMap<>();
        candidates.put("logistic_regression", new Pipeline().setStages(new PipelineStage[] {assembler, scaler, logistic}));
        candidates.put("gradient_boosted_trees", new Pipeline().setStages(new PipelineStage[] {assembler(DealFeatures.COLUMNS),
                trees}));
        return candidates;
    }

    /** The simple baseline the model must beat: a logistic regression on average overall_score alone. */
    static Pipeline baselinePipeline() {
        return new Pipeline().setStages(new PipelineStage[] {assembler(List.of(DealFeatures.BASELINE)),
                new LogisticRegression().setFeaturesCol("raw").setMaxIter(100)});
    }

    private static VectorAssembler assembler(List<String> columns) {
        return new VectorAssembler().setInputCols(columns.toArray(String[]::new)).setOutputCol("raw");
    }

    private static Run fit(String name, Pipeline pipeline, Dataset<Row> train, Dataset<Row> test) {
        long start = System.nanoTime();
        PipelineModel fitted = pipeline.fit(train);
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        Dataset<Row> predictions = fitted.transform(test).cache();
        Map<String, Double> metrics = Evaluation.of(predictions).metrics();
        predictions.unpersist();
        return new Run(UUID.randomUUID().toString(), name, fitted, params(pipeline), metrics, durationMs);
    }

    private static double auc(PipelineModel model, Dataset<Row> test) {
        return Evaluation.of(model.transform(test)).auc();
    }

    /** Every parameter of every stage, as STAGE.PARAM. */
    private static Map<String, String> params(Pipeline pipeline) {
        Map<String, String> params = new LinkedHashMap<>();
        for (PipelineStage stage : pipeline.getStages()) {
            for (ParamPair<?> pair : ((Params) stage).extractParamMap().toList()) {
                Object value = pair.value();
                params.put(stage.getClass().getSimpleName() + "." + pair.param().name(),
                        value instanceof Object[] array ? Arrays.toString(array) : String.valueOf(value));
            }
        }
        return params;
    }

    /** The close date before which the oldest {@link #TRAIN_SHARE} of closed deals lie. */
    private static Date splitDate(Dataset<Row> labelled) {
        List<Date> dates = labelled.select("close_date").as(Encoders.DATE()).collectAsList();
        if (dates.isEmpty()) {
            throw new ModelException("no closed deal with a close date in gold.deal_features: nothing to learn from");
        }
        return dates.get(Math.min(dates.size() - 1, (int) (dates.size() * TRAIN_SHARE)));
    }

    private static int checkSize(String part, Dataset<Row> deals, int minimum) {
        List<Row> counts = deals.groupBy("label").count().collectAsList();
        int total = counts.stream().mapToInt(row -> (int) row.getLong(1)).sum();
        if (total < minimum || counts.size() < 2) {
            throw new ModelException("the " + part + " period has " + total + " closed deals (" + counts.size()
                    + " outcome(s)); at least " + minimum + ", won and lost, are needed");
        }
        return total;
    }
}

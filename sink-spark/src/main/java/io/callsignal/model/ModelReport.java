package io.callsignal.model;

import static org.apache.spark.sql.functions.col;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code model report}: a registered version (the champion by default) against the baseline on the
 * test deals of the run that made it, read again at the versions that run recorded, so the report
 * says what was measured then; a ROC curve and a calibration plot as PNG.
 */
public final class ModelReport {

    /** The metrics of the model and the baseline, and where the plots were written. */
    public record Report(ModelRegistry.Version version, Map<String, Double> model, Map<String, Double> baseline,
            int testDeals, Path roc, Path calibration) {
    }

    private ModelReport() {
    }

    public static Report write(LakeCatalog lake, ModelRegistry.Version version, Path directory) throws IOException {
        Row run = lake.spark().read().format("delta").load(lake.location(LakeTable.ML_RUNS))
                .where(col("run_id").equalTo(version.runId())).select("split_date", "inputs").head();
        Date split = run.getDate(0);
        long featuresVersion = run.<String, Long>getJavaMap(1).get(LakeTable.GOLD_DEAL_FEATURES.qualifiedName());
        Dataset<Row> labelled = DealFeatures.labelled(DealFeatures.at(lake, featuresVersion)).cache();
        Dataset<Row> train = labelled.where(col("close_date").lt(split));
        Dataset<Row> test = labelled.where(col("close_date").geq(split));
        Dataset<Row> modelPredictions = version.load().transform(test).cache();
        Dataset<Row> baselinePredictions = ModelTraining.baselinePipeline().fit(train).transform(test).cache();
        Evaluation model = Evaluation.of(modelPredictions);
        Evaluation baseline = Evaluation.of(baselinePredictions);

        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(directory);
        Path roc = directory.resolve("roc.png");
        Path calibration = directory.resolve("calibration.png");
        Map<String, Double> modelMetrics = model.metrics();
        Map<String, Double> baselineMetrics = baseline.metrics();
        String modelName = "v" + version.version() + " " + version.model();
        XYSeriesCollection rocSeries = new XYSeriesCollection();
        rocSeries.addSeries(series(modelName + String.format(" (AUC %.3f)", modelMetrics.get("auc")), model.roc()));
        rocSeries.addSeries(series(String.format("baseline: avg overall_score (AUC %.3f)", baselineMetrics.get("auc")),
                baseline.roc()));
        rocSeries.addSeries(series("chance", List.of(new double[] {0, 0}, new double[] {1, 1})));
        save(ChartFactory.createXYLineChart("ROC curve, " + test.count() + " deals closed from " + split,
                "false positive rate", "true positive rate", rocSeries), roc);
        XYSeriesCollection calibrationSeries = new XYSeriesCollection();
        calibrationSeries.addSeries(series(modelName, bins(model)));
        calibrationSeries.addSeries(series("baseline", bins(baseline)));
        calibrationSeries.addSeries(series("perfectly calibrated", List.of(new double[] {0, 0}, new double[] {1, 1})));
        save(ChartFactory.createXYLineChart("Calibration (" + Evaluation.BINS + " bins)", "predicted win probability",
                "observed win rate", calibrationSeries), calibration);
        return new Report(version, modelMetrics, baselineMetrics, model.scored().size(), roc, calibration);
    }

    private static List<double[]> bins(Evaluation evaluation) {
        return evaluation.calibration().stream().map(bin -> new double[] {bin.meanProbability(), bin.observedRate()})
                .toList();
    }

    private static XYSeries series(String name, List<double[]> points) {
        XYSeries series = new XYSeries(name, false);
        points.forEach(point -> series.add(point[0], point[1]));
        return series;
    }

    private static void save(JFreeChart chart, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 720, 540);
    }
}

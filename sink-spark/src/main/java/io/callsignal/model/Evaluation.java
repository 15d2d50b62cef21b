package io.callsignal.model;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How well win probabilities fit outcomes: AUC (Spark's evaluator), log loss, Brier score and the
 * expected calibration error over ten equal-width bins; and the points of a ROC curve and a
 * calibration plot. Test sets are a few hundred deals at most, so the points are worked out here.
 */
public record Evaluation(List<Scored> scored, double auc) {

    /** One deal's outcome (1 won, 0 lost) and its predicted probability of a win. */
    public record Scored(double label, double probability) {
    }

    public static final int BINS = 10;

    /** From a model's output: columns {@code label} and {@code probability} (a vector, [lost, won]). */
    public static Evaluation of(Dataset<Row> predictions) {
        List<Scored> scored = new ArrayList<>();
        for (Row row : predictions.select(col("label"), functions.vector_to_array(col("probability"), "float64").getItem(1))
                .collectAsList()) {
            scored.add(new Scored(row.getDouble(0), row.getDouble(1)));
        }
        double auc = new BinaryClassificationEvaluator().setLabelCol("label").setRawPredictionCol("probability")
                .setMetricName("areaUnderROC").evaluate(predictions);
        return new Evaluation(List.copyOf(scored), auc);
    }

    public Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("auc", auc);
        metrics.put("log_loss", scored.stream().mapToDouble(s -> {
            double p = Math.min(Math.max(s.probability(), 1e-15), 1 - 1e-15);
            return -(s.label() * Math.log(p) + (1 - s.label()) * Math.log(1 - p));
        }).average().orElse(Double.NaN));
        metrics.put("brier", scored.stream().mapToDouble(s -> Math.pow(s.probability() - s.label(), 2)).average()
                .orElse(Double.NaN));
        metrics.put("calibration_error", calibration().stream().mapToDouble(bin -> bin.deals()
                * Math.abs(bin.meanProbability() - bin.observedRate())).sum() / scored.size());
        metrics.put("test_win_rate", scored.stream().mapToDouble(Scored::label).average().orElse(Double.NaN));
        return metrics;
    }

    /** A bin of the calibration plot: deals whose probability fell in it, their mean probability and win rate. */
    public record Bin(int deals, double meanProbability, double observedRate) {
    }

    public List<Bin> calibration() {
        List<Bin> bins = new ArrayList<>();
        for (int bin = 0; bin < BINS; bin++) {
            int index = bin;
            List<Scored> in = scored.stream()
                    .filter(s -> Math.min(BINS - 1, (int) (s.probability() * BINS)) == index).toList();
            if (!in.isEmpty()) {
                bins.add(new Bin(in.size(), in.stream().mapToDouble(Scored::probability).average().orElseThrow(),
                        in.stream().mapToDouble(Scored::label).average().orElseThrow()));
            }
        }
        return bins;
    }

    /** The ROC curve: (false positive rate, true positive rate) at each distinct threshold, from (0, 0) to (1, 1). */
    public List<double[]> roc() {
        List<Scored> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(Scored::probability).reversed());
        double positives = sorted.stream().filter(s -> s.label() == 1).count();
        double negatives = sorted.size() - positives;
        List<double[]> points = new ArrayList<>(List.of(new double[] {0, 0}));
        double tp = 0;
        double fp = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).label() == 1) {
                tp++;
            } else {
                fp++;
            }
            if (i == sorted.size() - 1 || sorted.get(i + 1).probability() != sorted.get(i).probability()) {
                points.add(new double[] {fp / negatives, tp / positives});
            }
        }
        return points;
    }
}

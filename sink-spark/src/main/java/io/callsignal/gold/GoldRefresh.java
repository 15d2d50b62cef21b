package io.callsignal.gold;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.catalog.SideBySide;
import io.callsignal.catalog.SqlFile;
import io.callsignal.config.Config;
import io.callsignal.config.SinkSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the gold tables from silver (one query per table, in gold/NAME.sql); an overwrite is a
 * new version, so earlier builds stay readable by time travel. Each gold commit records the silver
 * versions it was built from and its definition (the query with the settings in it), so a refresh
 * writes nothing when neither silver nor the definition changed, and rebuilds when either did.
 */
public final class GoldRefresh {

    public static final List<LakeTable> TABLES = List.of(LakeTable.GOLD_DEAL_SIGNAL_SUMMARY,
            LakeTable.GOLD_REP_MONTHLY_SCORES, LakeTable.GOLD_CALL_SIGNAL_PIVOT, LakeTable.GOLD_DEAL_FEATURES);

    private static final Logger LOG = LoggerFactory.getLogger(GoldRefresh.class);

    private GoldRefresh() {
    }

    /**
     * The gold tables rebuilt: those whose silver versions or definition changed since their last
     * build. The builds are independent and run {@link SideBySide}.
     */
    public static List<LakeTable> refresh(LakeCatalog lake, Config config) {
        String silver = "built from " + version(lake, LakeTable.SILVER_CONVERSATIONS) + ", "
                + version(lake, LakeTable.SILVER_SIGNALS) + ", " + version(lake, LakeTable.SILVER_DEAL_OUTCOMES);
        List<Boolean> built = SideBySide.map(TABLES, table -> build(lake, config, table, silver));
        List<LakeTable> refreshed = new ArrayList<>();
        for (int i = 0; i < TABLES.size(); i++) {
            if (built.get(i)) {
                lake.register(TABLES.get(i));
                refreshed.add(TABLES.get(i));
            }
        }
        return refreshed;
    }

    /** Rebuilds one table unless its last build was of the same silver versions and definition. */
    private static boolean build(LakeCatalog lake, Config config, LakeTable table, String silver) {
        String query = query(table, config);
        String build = silver + " by definition " + definition(query);
        if (lake.lastBuild(table).filter(build::equals).isPresent()) {
            return false;
        }
        lake.spark().sql(query).write().format("delta").mode("overwrite")
                .option("overwriteSchema", "true").option("userMetadata", build)
                .save(lake.location(table));
        LOG.info("refreshed {} ({})", table.qualifiedName(), build);
        return true;
    }

    /** A short digest of a gold query as it runs, settings included: it names the definition a build used. */
    private static String definition(String query) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String query(LakeTable table, Config config) {
        return SqlFile.load("gold/" + table.table() + ".sql")
                .replace("{{pivot_signals}}", quoted(config.get(SinkSettings.GOLD_PIVOT_SIGNALS)))
                .replace("{{risk_signals}}", quoted(config.get(SinkSettings.GOLD_RISK_SIGNALS)));
    }

    private static String version(LakeCatalog lake, LakeTable table) {
        return table.qualifiedName() + "@" + lake.version(table);
    }

    /** Setting values are checked to be plain names, so quoting them is enough to keep the SQL whole. */
    private static String quoted(List<String> names) {
        return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    }
}

package io.callsignal.gold;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.catalog.SqlFile;
import io.callsignal.config.Config;
import io.callsignal.config.SinkSettings;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the gold tables from silver (one query per table, in gold/NAME.sql); an overwrite is a
 * new version, so earlier builds stay readable by time travel. Each gold commit
 * records the silver versions it was built from, so a refresh with silver unchanged writes nothing.
 */
public final class GoldRefresh {

    public static final List<LakeTable> TABLES = List.of(LakeTable.GOLD_DEAL_SIGNAL_SUMMARY,
            LakeTable.GOLD_REP_MONTHLY_SCORES, LakeTable.GOLD_CALL_SIGNAL_PIVOT);

    private static final Logger LOG = LoggerFactory.getLogger(GoldRefresh.class);

    private GoldRefresh() {
    }

    /** The gold tables rebuilt (none when silver has not changed since their last build). */
    public static List<LakeTable> refresh(LakeCatalog lake, Config config) {
        String builtFrom = "built from " + version(lake, LakeTable.SILVER_CONVERSATIONS) + ", "
                + version(lake, LakeTable.SILVER_SIGNALS);
        List<LakeTable> stale = TABLES.stream().filter(table -> !builtFrom.equals(lastBuild(lake, table))).toList();
        for (LakeTable table : stale) {
            lake.spark().sql(query(table, config)).write().format("delta").mode("overwrite")
                    .option("overwriteSchema", "true").option("userMetadata", builtFrom)
                    .save(lake.location(table));
            lake.register(table);
            LOG.info("refreshed {} ({})", table.qualifiedName(), builtFrom);
        }
        return stale;
    }

    static String query(LakeTable table, Config config) {
        return SqlFile.load("gold/" + table.table() + ".sql")
                .replace("{{pivot_signals}}", quoted(config.get(SinkSettings.GOLD_PIVOT_SIGNALS)))
                .replace("{{risk_signals}}", quoted(config.get(SinkSettings.GOLD_RISK_SIGNALS)));
    }

    private static String version(LakeCatalog lake, LakeTable table) {
        long version = DeltaTable.forPath(lake.spark(), lake.location(table)).history(1).head().getLong(0);
        return table.qualifiedName() + "@" + version;
    }

    private static String lastBuild(LakeCatalog lake, LakeTable table) {
        if (!lake.exists(table)) {
            return null;
        }
        Row last = DeltaTable.forPath(lake.spark(), lake.location(table)).history(1).select("userMetadata").head();
        return last.isNullAt(0) ? null : last.getString(0);
    }

    /** Setting values are checked to be plain names, so quoting them is enough to keep the SQL whole. */
    private static String quoted(List<String> names) {
        return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    }
}

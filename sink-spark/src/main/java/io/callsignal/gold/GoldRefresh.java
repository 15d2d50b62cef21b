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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the gold tables up to date with silver (one query per table, in gold/NAME.sql), reading
 * silver at the versions it records. Each gold commit records those versions and its definition
 * (the query with the settings in it). A refresh writes nothing when neither changed; when only
 * silver did, it recomputes just the calls, deals or months silver's change feed says changed and
 * replaces those rows ({@link GoldScope}); it rebuilds the table when the definition changed, the
 * feed cannot say, or so many calls changed that a rebuild is cheaper. Every commit is a new
 * version, so earlier states stay readable by time travel.
 */
public final class GoldRefresh {

    public static final List<LakeTable> TABLES = List.of(LakeTable.GOLD_DEAL_SIGNAL_SUMMARY,
            LakeTable.GOLD_REP_MONTHLY_SCORES, LakeTable.GOLD_CALL_SIGNAL_PIVOT, LakeTable.GOLD_DEAL_FEATURES);
    private static final List<LakeTable> SILVER = List.of(LakeTable.SILVER_CONVERSATIONS, LakeTable.SILVER_SIGNALS,
            LakeTable.SILVER_DEAL_OUTCOMES);
    /**
     * Past this share of the calls changed, a rebuild is cheaper than recomputing them. Measured
     * (LakeBench, 1,000 changed calls): at 8% of the calls recomputing took 19.0 s, a rebuild 12.9 s;
     * at 0.8%, 15.2 s against 17.7 s.
     */
    static final double REBUILD_SHARE = 0.02;
    /** The silver tables a gold query names: replaced by their rows at the versions read. */
    private static final Pattern SILVER_NAME = Pattern.compile(SILVER.stream()
            .map(table -> Pattern.quote(table.qualifiedName())).collect(Collectors.joining("|", "\\b(", ")\\b")));

    /** Builds checked without a commit, by table location: see {@link #lastBuild(LakeCatalog, LakeTable)}. */
    private static final Map<String, GoldBuild> CHECKED = new ConcurrentHashMap<>();

    private static final Logger LOG = LoggerFactory.getLogger(GoldRefresh.class);

    private GoldRefresh() {
    }

    /**
     * The gold tables written: those whose silver versions or definition changed since their last
     * build. The tables are independent and refreshed {@link SideBySide}.
     */
    public static List<LakeTable> refresh(LakeCatalog lake, Config config) {
        Map<LakeTable, Long> silver = new LinkedHashMap<>();
        SILVER.forEach(table -> silver.put(table, lake.version(table)));
        Function<Map<LakeTable, Long>, Optional<SilverChanges>> changes = memo(from -> changesSince(lake, from, silver));
        List<Boolean> written = SideBySide.map(TABLES, table -> refresh(lake, config, table, silver, changes));
        List<LakeTable> refreshed = new ArrayList<>();
        for (int i = 0; i < TABLES.size(); i++) {
            if (written.get(i)) {
                lake.register(TABLES.get(i));
                refreshed.add(TABLES.get(i));
            }
        }
        return refreshed;
    }

    private static boolean refresh(LakeCatalog lake, Config config, LakeTable table, Map<LakeTable, Long> silver,
            Function<Map<LakeTable, Long>, Optional<SilverChanges>> changesSince) {
        String query = query(table, config);
        GoldBuild build = new GoldBuild(silver, definition(query));
        Optional<GoldBuild> last = lastBuild(lake, table);
        if (last.filter(build::equals).isPresent()) {
            return false;
        }
        Optional<SilverChanges> changes = last.filter(l -> l.definition().equals(build.definition())
                && l.silver().keySet().equals(silver.keySet())).flatMap(l -> changesSince.apply(l.silver()));
        if (changes.isPresent() && scope(table).untouched(changes.get())) {
            CHECKED.put(lake.location(table), build);
            return false;
        }
        var writer = changes.isPresent()
                ? lake.spark().sql(readingSilver(query, name -> scope(table).silverRows(name, silver, changes.get())))
                        .write().mode("overwrite").option("replaceWhere", scope(table).goldRows(changes.get()))
                : lake.spark().sql(readingSilver(query, name -> SilverChanges.at(name, silver)))
                        .write().mode("overwrite").option("overwriteSchema", "true");
        long before = changes.isPresent() ? lake.version(table) : -1;
        writer.format("delta").option("userMetadata", build.userMetadata()).save(lake.location(table));
        if (changes.isPresent() && lake.version(table) == before) {
            // The changed keys had no row before and have none now: Delta commits no such write.
            CHECKED.put(lake.location(table), build);
            return false;
        }
        CHECKED.remove(lake.location(table));
        LOG.info("{} {} ({})", changes.isPresent() ? "refreshed" : "rebuilt", table.qualifiedName(),
                changes.map(c -> c.calls().size() + " calls, " + c.deals().size() + " deals, " + c.months().size()
                        + " months changed; ").orElse("") + build.userMetadata());
        return true;
    }

    /**
     * The table's last build: its newest write's, or a newer one this process checked and had
     * nothing to write for (on the same definition, so not a stale one if another writer rebuilt it).
     */
    private static Optional<GoldBuild> lastBuild(LakeCatalog lake, LakeTable table) {
        Optional<GoldBuild> committed = lake.lastBuild(table).flatMap(GoldBuild::parse);
        GoldBuild checked = CHECKED.get(lake.location(table));
        return checked != null && committed.filter(c -> c.definition().equals(checked.definition())).isPresent()
                ? Optional.of(checked) : committed;
    }

    /** Silver's changes since {@code from}, if its change feed says and few enough calls changed. */
    private static Optional<SilverChanges> changesSince(LakeCatalog lake, Map<LakeTable, Long> from,
            Map<LakeTable, Long> to) {
        try {
            long calls = lake.spark().sql("SELECT count(*) FROM " + SilverChanges.at(LakeTable.SILVER_CONVERSATIONS, to))
                    .head().getLong(0);
            Optional<SilverChanges> changes = SilverChanges.between(lake.spark(), from, to, (long) (calls * REBUILD_SHARE));
            if (changes.isEmpty()) {
                LOG.info("over {} of the calls changed since {}: gold is rebuilt", REBUILD_SHARE, GoldBuild.versions(from));
            }
            return changes;
        } catch (Exception e) {
            // Not recorded for those versions (a lake from before the feed was on) or vacuumed away.
            LOG.warn("silver's change feed cannot say what changed since {} ({}): gold is rebuilt",
                    GoldBuild.versions(from), e.getMessage().lines().findFirst().orElse(""));
            return Optional.empty();
        }
    }

    private static GoldScope scope(LakeTable table) {
        return switch (table) {
            case GOLD_CALL_SIGNAL_PIVOT -> GoldScope.CALLS;
            case GOLD_REP_MONTHLY_SCORES -> GoldScope.MONTHS;
            case GOLD_DEAL_SIGNAL_SUMMARY, GOLD_DEAL_FEATURES -> GoldScope.DEALS;
            default -> throw new IllegalArgumentException("not a gold table: " + table);
        };
    }

    /** The gold query with each silver table it names read as {@code rows} gives it. */
    private static String readingSilver(String query, Function<LakeTable, String> rows) {
        Matcher name = SILVER_NAME.matcher(query);
        return name.replaceAll(match -> Matcher.quoteReplacement(rows.apply(LakeTable.byName(match.group(1)).orElseThrow())));
    }

    /** One computation per distinct argument, shared by the threads that ask for it. */
    private static <K, V> Function<K, V> memo(Function<K, V> compute) {
        Map<K, V> done = new LinkedHashMap<>();
        return key -> {
            synchronized (done) {
                return done.computeIfAbsent(key, compute);
            }
        };
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

    /** Setting values are checked to be plain names, so quoting them is enough to keep the SQL whole. */
    private static String quoted(List<String> names) {
        return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    }
}

package io.callsignal.gold;

import io.callsignal.catalog.LakeTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a gold table's commit was built from, as its userMetadata records it: the silver versions
 * read and the definition (a digest of the query with its settings).
 */
record GoldBuild(Map<LakeTable, Long> silver, String definition) {

    private static final Pattern VERSION = Pattern.compile("(\\w+\\.\\w+)@(\\d+)");
    private static final Pattern DEFINITION = Pattern.compile("by definition (\\w+)$");

    /** The build a commit's userMetadata describes; empty for one this format does not describe. */
    static Optional<GoldBuild> parse(String userMetadata) {
        Matcher definition = DEFINITION.matcher(userMetadata);
        if (!userMetadata.startsWith("built from ") || !definition.find()) {
            return Optional.empty();
        }
        Map<LakeTable, Long> silver = new LinkedHashMap<>();
        Matcher version = VERSION.matcher(userMetadata);
        while (version.find()) {
            Optional<LakeTable> table = LakeTable.byName(version.group(1));
            if (table.isEmpty()) {
                return Optional.empty();
            }
            silver.put(table.get(), Long.parseLong(version.group(2)));
        }
        return Optional.of(new GoldBuild(silver, definition.group(1)));
    }

    String userMetadata() {
        return "built from " + versions(silver) + " by definition " + definition;
    }

    /** Silver tables' versions as a build names them: {@code silver.conversations@12, ...}. */
    static String versions(Map<LakeTable, Long> silver) {
        return silver.entrySet().stream().map(e -> e.getKey().qualifiedName() + "@" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}

package io.callsignal.lineage;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;

/**
 * The path from a silver row back to what a producer sent: the row, the raw record's topic
 * coordinates (its {@code _source}), and the bronze row holding the raw payload at those coordinates.
 */
public final class Lineage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Lineage() {
    }

    public static Optional<ObjectNode> ofSignal(LakeCatalog lake, String signalId) {
        return trace(lake, LakeTable.SILVER_SIGNALS, col("signal_id").equalTo(signalId), LakeTable.BRONZE_SIGNALS);
    }

    public static Optional<ObjectNode> ofCall(LakeCatalog lake, String callId) {
        return trace(lake, LakeTable.SILVER_CONVERSATIONS, col("call_id").equalTo(callId),
                LakeTable.BRONZE_CONVERSATIONS);
    }

    /** A deal's row back to the CRM change its lineage names: the newest applied to it. */
    public static Optional<ObjectNode> ofDeal(LakeCatalog lake, String dealId) {
        return trace(lake, LakeTable.SILVER_DEAL_OUTCOMES, col("deal_id").equalTo(dealId), LakeTable.BRONZE_DEALS);
    }

    private static Optional<ObjectNode> trace(LakeCatalog lake, LakeTable silver, Column key, LakeTable bronze) {
        return firstRow(lake, silver, key).map(silverRow -> {
            JsonNode source = silverRow.path("_source");
            String sourceFile = "kafka://" + source.path("topic").asText() + "/" + source.path("partition").asInt()
                    + "/" + source.path("offset").asLong();
            ObjectNode path = JSON.createObjectNode();
            path.putObject("silver").put("table", silver.qualifiedName()).set("row", silverRow);
            path.putObject("source").put("source_file", sourceFile).setAll((ObjectNode) source);
            path.putObject("bronze").put("table", bronze.qualifiedName())
                    .set("row", firstRow(lake, bronze, col("source_file").equalTo(sourceFile)).orElse(null));
            return path;
        });
    }

    private static Optional<JsonNode> firstRow(LakeCatalog lake, LakeTable table, Column condition) {
        List<String> rows = lake.spark().table(table.qualifiedName()).where(condition).limit(1).toJSON()
                .collectAsList();
        return rows.stream().findFirst().map(Lineage::parse);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.callsignal.stream;

import io.callsignal.catalog.LakeTable;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.config.Setting;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sink's flows: each lands one topic in one table, whose name also names the flow's checkpoint. */
public final class SinkFlows {

    private static final Map<LakeTable, Setting<String>> TOPICS = new LinkedHashMap<>();

    static {
        TOPICS.put(LakeTable.BRONZE_CONVERSATIONS, CommonSettings.TOPIC_CONVERSATIONS_RAW);
        TOPICS.put(LakeTable.BRONZE_SIGNALS, CommonSettings.TOPIC_SIGNALS_RAW);
        TOPICS.put(LakeTable.BRONZE_DEALS, CommonSettings.TOPIC_DEALS_RAW);
        TOPICS.put(LakeTable.SILVER_CONVERSATIONS, CommonSettings.TOPIC_CONVERSATIONS_VALID);
        TOPICS.put(LakeTable.SILVER_SIGNALS, CommonSettings.TOPIC_SIGNALS_VALID);
        TOPICS.put(LakeTable.SILVER_DEAL_OUTCOMES, CommonSettings.TOPIC_DEALS_VALID);
        TOPICS.put(LakeTable.SILVER_QUARANTINE, CommonSettings.TOPIC_QUARANTINE);
    }

    private SinkFlows() {
    }

    /** Each flow's table and the topic it reads, in the order the sink starts them. */
    public static Map<LakeTable, String> topics(Config config) {
        Map<LakeTable, String> topics = new LinkedHashMap<>();
        TOPICS.forEach((table, topic) -> topics.put(table, config.get(topic)));
        return topics;
    }
}

package io.callsignal.codec;

import io.callsignal.schema.Conversation;
import io.callsignal.schema.Deal;
import io.callsignal.schema.Signal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every released version of each event schema, so that a reader resolves whichever version a
 * record was written with by the fingerprint in its single-object header.
 *
 * <p>Versions live as {@code history/<Name>.v<N>.avsc} resources, numbered from 1 without gaps;
 * the newest must be the schema the code is generated from (a test enforces it).
 */
public final class SchemaHistory implements SchemaStore {

    static final String RESOURCE_ROOT = "/io/callsignal/schema/history/";

    /** The event contracts whose versions are kept. */
    public static final List<Schema> CONTRACTS =
            List.of(Conversation.getClassSchema(), Signal.getClassSchema(), Deal.getClassSchema());

    private final Map<String, List<Schema>> versionsByName;
    private final Map<Long, Schema> byFingerprint = new HashMap<>();

    private SchemaHistory(Map<String, List<Schema>> versionsByName) {
        this.versionsByName = versionsByName;
        versionsByName.values().forEach(versions -> versions.forEach(
                schema -> byFingerprint.put(fingerprint(schema), schema)));
    }

    /** The history shipped with this build. */
    public static SchemaHistory bundled() {
        Map<String, List<Schema>> versions = new LinkedHashMap<>();
        for (Schema contract : CONTRACTS) {
            versions.put(contract.getFullName(), loadVersions(contract.getName()));
        }
        return of(versions);
    }

    /** A history of the given versions, by full schema name, oldest first. */
    public static SchemaHistory of(Map<String, List<Schema>> versionsByName) {
        Map<String, List<Schema>> copy = new LinkedHashMap<>();
        versionsByName.forEach((name, versions) -> copy.put(name, List.copyOf(versions)));
        return new SchemaHistory(copy);
    }

    /** Released versions of a contract, oldest first. */
    public List<Schema> versions(String fullName) {
        List<Schema> versions = versionsByName.get(fullName);
        if (versions == null) {
            throw new IllegalArgumentException("no schema history for " + fullName);
        }
        return versions;
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    /** The CRC-64-AVRO fingerprint of the schema's parsing canonical form, as single-object encoding writes it. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static List<Schema> loadVersions(String name) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String path = RESOURCE_ROOT + name + ".v" + version + ".avsc";
            try (InputStream in = SchemaHistory.class.getResourceAsStream(path)) {
                if (in == null) {
                    break;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no released version of " + name + " under " + RESOURCE_ROOT);
        }
        return List.copyOf(versions);
    }
}

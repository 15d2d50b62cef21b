package io.callsignal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.callsignal.codec.SchemaHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The build's gate on schema changes: the schema the code is generated from must be released (kept
 * in the history) and must read data written with every version ever released.
 */
class SchemaCompatibilityTest {

    private final SchemaHistory history = SchemaHistory.bundled();

    @TestFactory
    Stream<DynamicTest> currentSchemaIsTheLatestReleasedVersion() {
        return SchemaHistory.CONTRACTS.stream().map(current -> DynamicTest.dynamicTest(current.getName(), () -> {
            List<Schema> released = history.versions(current.getFullName());
            assertFalse(released.isEmpty());
            Schema latest = released.get(released.size() - 1);
            assertEquals(SchemaHistory.fingerprint(latest), SchemaHistory.fingerprint(current),
                    () -> current.getName() + " changed since its last release; keep the old version and add "
                            + "schemas/src/main/resources/io/callsignal/schema/history/" + current.getName() + ".v"
                            + (released.size() + 1) + ".avsc with:\n" + current.toString(true));
        }));
    }

    @TestFactory
    Stream<DynamicTest> currentSchemaReadsEveryReleasedVersion() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Schema current : SchemaHistory.CONTRACTS) {
            List<Schema> released = history.versions(current.getFullName());
            for (int i = 0; i < released.size(); i++) {
                Schema writer = released.get(i);
                tests.add(DynamicTest.dynamicTest(current.getName() + " reads v" + (i + 1), () -> {
                    var result = SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
                    assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(),
                            () -> "not backward compatible: " + result.getResult().getIncompatibilities());
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> theCompatibilityCheckRejectsABreakingChange() {
        return SchemaHistory.CONTRACTS.stream().map(current -> DynamicTest.dynamicTest(current.getName(), () -> {
            Schema breaking = withNewRequiredField(current);
            var result = SchemaCompatibility.checkReaderWriterCompatibility(breaking, current);
            assertEquals(SchemaCompatibilityType.INCOMPATIBLE, result.getType());
        }));
    }

    private static Schema withNewRequiredField(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field("added_without_default", Schema.create(Schema.Type.STRING)));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}

package io.callsignal.silver;

import io.callsignal.codec.SchemaHistory;
import java.io.Serializable;
import java.util.function.Supplier;

/** Where the executors find the schema versions to decode with; serializable so it ships with the tasks. */
@FunctionalInterface
public interface SchemaSource extends Supplier<SchemaHistory>, Serializable {

    /** Every released version of every contract, as bundled in the schemas jar. */
    static SchemaSource bundled() {
        return SchemaHistory::bundled;
    }
}

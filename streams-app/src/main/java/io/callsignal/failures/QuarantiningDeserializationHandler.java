package io.callsignal.failures;

import io.callsignal.rejection.Reason;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record on an internal typed topic that cannot be decoded (a schema this instance does not know,
 * during a rolling upgrade, say) is quarantined as UNDECODABLE_EVENT instead of stopping the app.
 */
public final class QuarantiningDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QuarantiningDeserializationHandler.class);

    private QuarantineFailures failures;

    @Override
    public void configure(Map<String, ?> configs) {
        failures = QuarantineFailures.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        LOG.warn("cannot decode {}/{}/{}; quarantined as {}: {}", record.topic(), record.partition(), record.offset(),
                Reason.UNDECODABLE_EVENT, exception.getMessage());
        return Response.resume(failures.record(context, Reason.UNDECODABLE_EVENT, exception));
    }
}

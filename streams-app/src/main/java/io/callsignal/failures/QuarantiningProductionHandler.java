package io.callsignal.failures;

import io.callsignal.rejection.Reason;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output the broker refuses as too large, or one that cannot be serialized, is quarantined
 * instead of stopping the app. Any other send failure fails the task, so that exactly-once
 * retries it rather than losing it.
 */
public final class QuarantiningProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QuarantiningProductionHandler.class);

    private QuarantineFailures failures;

    @Override
    public void configure(Map<String, ?> configs) {
        failures = QuarantineFailures.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RecordTooLargeException) {
            LOG.warn("output to {} too large for {}/{}/{}; quarantined", record.topic(), context.topic(),
                    context.partition(), context.offset());
            return Response.resume(failures.record(context, Reason.PAYLOAD_TOO_LARGE, exception));
        }
        return Response.fail(List.of());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        LOG.error("cannot serialize output for {}/{}/{}; quarantined", context.topic(), context.partition(),
                context.offset(), exception);
        return Response.resume(failures.record(context, Reason.PROCESSING_ERROR, exception));
    }
}

package io.callsignal.failures;

import io.callsignal.rejection.Reason;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An unexpected exception in a processor (KIP-1033) quarantines its record as PROCESSING_ERROR and processing goes on. */
public final class QuarantiningProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QuarantiningProcessingHandler.class);

    private QuarantineFailures failures;

    @Override
    public void configure(Map<String, ?> configs) {
        failures = QuarantineFailures.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.error("processing failed at {}/{}/{} in {}; quarantined as {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), Reason.PROCESSING_ERROR, exception);
        return Response.resume(failures.record(context, Reason.PROCESSING_ERROR, exception));
    }
}

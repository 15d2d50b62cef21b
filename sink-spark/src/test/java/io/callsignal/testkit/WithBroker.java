package io.callsignal.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** {@code @ExtendWith(WithBroker.class)}: a {@link BrokerProcess} parameter gets the module's shared broker. */
public final class WithBroker implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BrokerProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return BrokerProcess.shared(context);
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not start", e);
        }
    }
}

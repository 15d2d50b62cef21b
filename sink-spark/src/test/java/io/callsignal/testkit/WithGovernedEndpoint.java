package io.callsignal.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** {@code @ExtendWith(WithGovernedEndpoint.class)}: a {@link GovernedEndpoint} parameter gets the run's, served. */
public final class WithGovernedEndpoint implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == GovernedEndpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return GovernedEndpoint.shared(context);
        } catch (Exception e) {
            throw new IllegalStateException("the governed endpoint did not start", e);
        }
    }
}

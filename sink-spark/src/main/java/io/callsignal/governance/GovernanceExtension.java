package io.callsignal.governance;

import org.apache.spark.sql.SparkSessionExtensions;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/** Installs {@link Enforcement} in every session (spark.sql.extensions); it acts only where a policy is enforced. */
public final class GovernanceExtension extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectPostHocResolutionRule(Enforcement::new);
        return BoxedUnit.UNIT;
    }
}

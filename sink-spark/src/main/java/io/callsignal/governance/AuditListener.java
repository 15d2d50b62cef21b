package io.callsignal.governance;

import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;

/**
 * Hands each finished statement to the enforced policy's audit log. Spark makes one per session from
 * {@code spark.sql.queryExecutionListeners} (which LakeSession sets), so the sessions the SQL
 * endpoint opens per connection and the dashboard's are heard too, not only the session that
 * opened the log; a process that enforces nothing records nothing.
 */
public final class AuditListener implements QueryExecutionListener {

    @Override
    public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
        Governance.enforced().map(Governance.Enforced::audit).ifPresent(audit -> audit.succeeded(qe));
    }

    @Override
    public void onFailure(String funcName, QueryExecution qe, Exception exception) {
        Governance.enforced().map(Governance.Enforced::audit).ifPresent(audit -> audit.failed(qe, exception));
    }
}

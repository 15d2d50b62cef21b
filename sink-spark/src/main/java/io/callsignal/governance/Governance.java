package io.callsignal.governance;

import io.callsignal.catalog.LakeTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivilegedAction;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * The policy a process enforces, and who is asking. A process that serves a way in (the {@code sql}
 * command, the SQL endpoint) enforces its lake's policy; every statement of a user runs inside
 * Hadoop's {@code doAs} for that user, which the SQL endpoint does for each session and which
 * carries over to the threads a statement starts. What the process does as itself (the sink's
 * writes, registering tables, the audit log) runs as its login user: the service principal, which
 * governance does not restrict. Identity is never a setting, so no SET or connection property can
 * change it.
 */
public final class Governance {

    /** The enforced policy of a lake, the lake's table locations, and the way in that serves it. */
    record Enforced(Policy policy, Map<String, LakeTable> tablesByLocation, String wayIn, AuditLog audit) {
    }

    private static volatile Enforced enforced;
    private static final ThreadLocal<Boolean> POLICY_EXPRESSION = ThreadLocal.withInitial(() -> false);

    private Governance() {
    }

    /** From now on, statements of users in this process are checked against the policy and audited. */
    public static void enforce(Policy policy, Function<LakeTable, String> location, String wayIn, AuditLog audit) {
        Map<String, LakeTable> byLocation = Arrays.stream(LakeTable.values())
                .collect(Collectors.toMap(t -> pathOf(location.apply(t)), t -> t));
        enforced = new Enforced(policy, byLocation, wayIn, audit);
    }

    /** Stops enforcing (a process that opens another lake, which has no policy). */
    public static void stop() {
        enforced = null;
    }

    static Optional<Enforced> enforced() {
        return Optional.ofNullable(enforced);
    }

    public static Optional<Policy> policy() {
        return enforced().map(Enforced::policy);
    }

    /** Runs the work as the user: every statement in it is checked against the policy and audited. */
    public static <T> T as(String user, Supplier<T> work) {
        return UserGroupInformation.createRemoteUser(user).doAs((PrivilegedAction<T>) work::get);
    }

    /** The user a statement runs for, or empty for the process itself (the service principal). */
    static Optional<String> user() {
        try {
            UserGroupInformation current = UserGroupInformation.getCurrentUser();
            return current.equals(UserGroupInformation.getLoginUser()) ? Optional.empty()
                    : Optional.of(current.getShortUserName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell who is asking", e);
        }
    }

    /**
     * Runs the analysis of a row filter or mask: the tables its subqueries read (team membership,
     * say) are read on the policy's behalf, as a Unity Catalog row filter function runs as its owner.
     */
    static <T> T inPolicyExpression(Supplier<T> analysis) {
        boolean outer = POLICY_EXPRESSION.get();
        POLICY_EXPRESSION.set(true);
        try {
            return analysis.get();
        } finally {
            POLICY_EXPRESSION.set(outer);
        }
    }

    static boolean inPolicyExpression() {
        return POLICY_EXPRESSION.get();
    }

    /** The path part of a location, so {@code file:/lake/x}, {@code file:///lake/x} and {@code /lake/x} compare equal. */
    static String pathOf(String location) {
        String path = new Path(location).toUri().getPath();
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }
}

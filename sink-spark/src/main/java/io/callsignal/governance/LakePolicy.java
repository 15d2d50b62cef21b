package io.callsignal.governance;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeFile;
import io.callsignal.config.Config;
import io.callsignal.config.SinkSettings;
import java.util.Optional;

/** Where a lake's policy lives (with the lake, unless GOVERNANCE_POLICY says elsewhere), and turning it on. */
public final class LakePolicy {

    private LakePolicy() {
    }

    private static final String IN_LAKE = "_governance/policy.yaml";

    public static String location(Config config) {
        return LakeFile.location(config, SinkSettings.GOVERNANCE_POLICY, IN_LAKE);
    }

    /** The lake's policy, or empty where its file does not exist; a file that is there must be valid. */
    public static Optional<Policy> read(LakeCatalog catalog, Config config) {
        return LakeFile.read(catalog.spark().sessionState().newHadoopConf(), config, SinkSettings.GOVERNANCE_POLICY,
                IN_LAKE).map(yaml -> Policy.parse(yaml, location(config)));
    }

    /**
     * Enforces the lake's policy in this process for a way in, auditing to system.audit; empty (and
     * nothing enforced) where the lake has no policy.
     */
    public static Optional<AuditLog> enforce(LakeCatalog catalog, Config config, String wayIn) {
        Optional<Policy> policy = read(catalog, config);
        if (policy.isEmpty()) {
            Governance.stop();
            return Optional.empty();
        }
        AuditLog audit = AuditLog.open(catalog);
        Governance.enforce(policy.get(), catalog::location, wayIn, audit);
        return Optional.of(audit);
    }
}

package io.callsignal.governance;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.config.Config;
import io.callsignal.config.ConfigException;
import io.callsignal.config.SinkSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Where a lake's policy lives (with the lake, unless GOVERNANCE_POLICY says elsewhere), and turning it on. */
public final class LakePolicy {

    private LakePolicy() {
    }

    public static String location(Config config) {
        return config.get(SinkSettings.GOVERNANCE_POLICY).orElse(LakeCatalog.root(config) + "/_governance/policy.yaml");
    }

    /** The lake's policy, or empty where its file does not exist; a file that is there must be valid. */
    public static Optional<Policy> read(LakeCatalog catalog, Config config) {
        Path path = new Path(location(config));
        try {
            FileSystem fs = path.getFileSystem(catalog.spark().sessionState().newHadoopConf());
            if (!fs.exists(path)) {
                if (config.isSet(SinkSettings.GOVERNANCE_POLICY)) {
                    throw new ConfigException("GOVERNANCE_POLICY " + path + " does not exist");
                }
                return Optional.empty();
            }
            try (InputStream in = fs.open(path)) {
                return Optional.of(Policy.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the governance policy " + path, e);
        }
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

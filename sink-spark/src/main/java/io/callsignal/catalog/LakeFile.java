package io.callsignal.catalog;

import io.callsignal.config.Config;
import io.callsignal.config.ConfigException;
import io.callsignal.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A text file kept with the lake (the governance policy, the alert rules), on whatever file system
 * the lake is: its place is under LAKE_ROOT unless a setting names another.
 */
public final class LakeFile {

    private LakeFile() {
    }

    /** Where the file is: the setting's value, or {@code pathInLake} under LAKE_ROOT. */
    public static String location(Config config, Setting<Optional<String>> setting, String pathInLake) {
        return config.get(setting).orElse(LakeCatalog.root(config) + "/" + pathInLake);
    }

    /** The file's text, or empty where it does not exist; a file the setting names must exist. */
    public static Optional<String> read(Configuration hadoop, Config config, Setting<Optional<String>> setting,
            String pathInLake) {
        Path path = new Path(location(config, setting, pathInLake));
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                if (config.isSet(setting)) {
                    throw new ConfigException(setting.env() + " " + path + " does not exist");
                }
                return Optional.empty();
            }
            try (InputStream in = fs.open(path)) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}

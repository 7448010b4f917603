package dev.omniarchitect.local.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Which build this is: a client of one build never uses an engine of another. */
public final class BuildId {

    private static final String RESOURCE = "/omni-build.properties";
    private static final String CURRENT = load();

    private BuildId() {
    }

    /** This build's id: its build time, written into the jar by Maven. */
    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = BuildId.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unpackaged";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("build.id", "unpackaged");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

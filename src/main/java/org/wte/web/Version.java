package org.wte.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version (filtered into version.properties by Maven), shown in the footer and by the CLI. */
public final class Version {
    private static final String VERSION = load();

    private Version() {}

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/org/wte/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}

package org.wte.cli;

import java.nio.file.Path;

import org.wte.config.Settings;
import org.wte.config.SettingsLoader;

/** The INI file a command runs on; without one, the embedded defaults (H2 under ./data). */
final class ConfigOption {
    private ConfigOption() {}

    static Settings load(Path file) {
        Settings settings = file == null ? SettingsLoader.embeddedDefaults() : SettingsLoader.load(file);
        LogSetup.apply(settings.logging());
        return settings;
    }
}

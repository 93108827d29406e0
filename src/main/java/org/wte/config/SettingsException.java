package org.wte.config;

/** A configuration problem, with a one-line message naming file, section, key and the problem. */
public class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}

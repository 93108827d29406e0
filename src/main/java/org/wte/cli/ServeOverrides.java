package org.wte.cli;

import org.wte.config.Settings;
import org.wte.config.SettingsException;

/** `wte serve --port/--ajp-port` take precedence over the INI's [server] section. */
final class ServeOverrides {
    private ServeOverrides() {}

    static Settings apply(Settings s, Integer port, Integer ajpPort) {
        Settings.Server server = s.server();
        int http = port == null ? server.httpPort() : check("--port", port);
        int ajp = ajpPort == null ? server.ajpPort() : check("--ajp-port", ajpPort);
        if (ajp > 0 && server.ajpSecret().isEmpty()) {
            throw new SettingsException(s.source() + ": [server] ajp_secret: is required when AJP is on: Tomcat must "
                    + "not open AJP without a secret");
        }
        Settings.App app = s.app();
        if (port != null && s.source().equals("embedded defaults")) {
            app = new Settings.App("http://localhost:" + http + server.contextPath(), app.secret(), app.timezone(),
                    app.title(), app.adminEmail());
        }
        return new Settings(s.source(), app, new Settings.Server(server.host(), http, ajp, server.ajpSecret(),
                server.contextPath(), server.jvmRoute()), s.database(), s.registration(), s.uploads(), s.email(),
                s.timedTasks(), s.logging(), s.workspace());
    }

    private static int check(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new SettingsException(option + ": must be between 0 and 65535, not " + port);
        }
        return port;
    }
}

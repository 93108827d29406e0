package org.wte.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.wte.config.Settings;
import org.wte.server.EmbeddedServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run WTE on an embedded Tomcat (default: http://localhost:8080/wte, H2 under ./data).")
final class ServeCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "CONFIG", description = "INI file; without it, the embedded defaults")
    Path config;

    @Option(names = "--port", description = "HTTP port (overrides [server] http_port)")
    Integer port;

    @Option(names = "--ajp-port", description = "AJP port on 127.0.0.1 (overrides [server] ajp_port; needs ajp_secret)")
    Integer ajpPort;

    @Override
    public Integer call() throws Exception {
        // Tomcat logs through java.util.logging; route it to the same place as everything else.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        Settings settings = ServeOverrides.apply(ConfigOption.load(config), port, ajpPort);
        EmbeddedServer server = new EmbeddedServer(settings, EmbeddedServer.locateWebapp());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wte-shutdown"));
        Settings.Server s = settings.server();
        System.out.println("WTE is running at " + (s.httpPort() > 0
                ? "http://" + s.host() + ":" + server.httpPort() + (s.contextPath().isEmpty() ? "/" : s.contextPath())
                : "(no HTTP)")
                + (s.ajpPort() > 0 ? " and AJP 127.0.0.1:" + s.ajpPort() : "") + "  (Ctrl+C stops it)");
        server.await();
        return 0;
    }
}

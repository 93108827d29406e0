package org.wte.server;

import org.apache.catalina.connector.Connector;

/** The AJP connector for Apache's mod_proxy_ajp: loopback only, secret required, big enough packets. */
public final class AjpConnectors {
    /** Large enough for big cookies and headers; Apache needs the same ProxyIOBufferSize. */
    public static final int PACKET_SIZE = 65536;

    private AjpConnectors() {}

    public static Connector create(int port, String secret, long maxPostSize) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("AJP needs a secret ([server] ajp_secret)");
        }
        Connector ajp = new Connector("AJP/1.3");
        ajp.setPort(port);
        // 127.0.0.1, not "localhost": that may resolve to ::1 while Apache connects to 127.0.0.1.
        ajp.setProperty("address", "127.0.0.1");
        ajp.setProperty("secretRequired", "true");
        ajp.setProperty("secret", secret);
        ajp.setProperty("packetSize", String.valueOf(PACKET_SIZE));
        ajp.setMaxPostSize((int) Math.min(Integer.MAX_VALUE, maxPostSize));
        ajp.setURIEncoding("UTF-8");
        return ajp;
    }
}

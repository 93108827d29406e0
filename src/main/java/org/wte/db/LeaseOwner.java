package org.wte.db;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Who holds a lease: "host:pid:random", unique per process and start, so that a finishing UPDATE can check
 * that the lease is still its own (fencing) and a history can say which runner did what.
 */
public record LeaseOwner(String host, long pid, String id) {
    private static final int MAX = 120;

    public static LeaseOwner ofThisProcess() {
        String host = hostName();
        long pid = ProcessHandle.current().pid();
        String id = host + ":" + pid + ":" + UUID.randomUUID();
        return new LeaseOwner(host.length() > 255 ? host.substring(0, 255) : host, pid,
                id.length() > MAX ? id.substring(id.length() - MAX) : id);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}

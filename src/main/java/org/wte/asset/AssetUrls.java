package org.wte.asset;

import java.nio.charset.StandardCharsets;

/** The paths of assets below the context path, with the file name percent-encoded as one path segment. */
public final class AssetUrls {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AssetUrls() {}

    /** The management page of a part's assets or templates: /parts/{id}/assets. */
    public static String list(long partId, AssetKind kind) {
        return "/parts/" + partId + "/" + kind.segment();
    }

    /** The file itself: /parts/{id}/assets/{name}. */
    public static String file(long partId, AssetKind kind, String filename) {
        return list(partId, kind) + "/" + segment(filename);
    }

    /** One path segment: everything but RFC 3986's unreserved characters is percent-encoded (UTF-8). */
    public static String segment(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}

package org.wte.asset;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * File types: the MIME type from the name's extension, the magic bytes of the raster images a browser
 * shows (PNG, JPEG, GIF, WebP), which types are text, which are images, and which are "active": types a
 * browser would run script in if it opened them on WTE's origin (HTML, SVG, XML, JavaScript…).
 */
public final class FileTypes {
    public static final String UNKNOWN = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            // images
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("jpe", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("svg", "image/svg+xml"), Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("bmp", "image/bmp"), Map.entry("avif", "image/avif"), Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"),
            // documents
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"), Map.entry("text", "text/plain"),
            Map.entry("md", "text/markdown"), Map.entry("markdown", "text/markdown"), Map.entry("rst", "text/x-rst"),
            Map.entry("csv", "text/csv"), Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("odp", "application/vnd.oasis.opendocument.presentation"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("doc", "application/msword"), Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            // web
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("xhtml", "application/xhtml+xml"),
            Map.entry("css", "text/css"), Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"),
            Map.entry("json", "application/json"), Map.entry("xml", "application/xml"),
            Map.entry("xsl", "application/xml"), Map.entry("xslt", "application/xslt+xml"),
            Map.entry("map", "application/json"), Map.entry("wasm", "application/wasm"),
            // code and data as text
            Map.entry("py", "text/x-python"), Map.entry("java", "text/x-java"), Map.entry("c", "text/x-c"),
            Map.entry("h", "text/x-c"), Map.entry("cpp", "text/x-c++"), Map.entry("ts", "text/plain"),
            Map.entry("sql", "text/plain"), Map.entry("sh", "text/plain"), Map.entry("yaml", "text/plain"),
            Map.entry("yml", "text/plain"), Map.entry("ini", "text/plain"), Map.entry("log", "text/plain"),
            Map.entry("gitignore", "text/plain"),
            // media and fonts
            Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"), Map.entry("ogg", "audio/ogg"),
            Map.entry("oga", "audio/ogg"), Map.entry("m4a", "audio/mp4"), Map.entry("mp4", "video/mp4"),
            Map.entry("m4v", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("ogv", "video/ogg"),
            Map.entry("vtt", "text/vtt"), Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"), Map.entry("otf", "font/otf"),
            // archives
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"), Map.entry("tar", "application/x-tar"));

    /** Shown inline (in an img tag, or opened in a tab) without any way to run script on WTE's origin. */
    private static final Set<String> PASSIVE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp",
            "image/vnd.microsoft.icon", "image/bmp", "image/avif", "application/pdf", "text/plain", "text/markdown",
            "text/x-rst", "text/csv", "text/tab-separated-values", "text/css", "application/json", "text/vtt",
            "text/x-python", "text/x-java", "text/x-c", "text/x-c++", "audio/mpeg", "audio/wav", "audio/ogg",
            "audio/mp4", "video/mp4", "video/webm", "video/ogg", "font/woff", "font/woff2", "font/ttf", "font/otf");

    private static final Set<String> TEXT_APPLICATIONS = Set.of("application/json", "application/xml",
            "application/xhtml+xml", "application/xslt+xml", "image/svg+xml", "application/javascript");

    /** The raster types whose content is checked against the name at upload. */
    private static final Set<String> CHECKED_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    private FileTypes() {}

    /** The MIME type for a file name, from its extension; application/octet-stream when unknown. */
    public static String fromName(String name) {
        String ext = FileNames.extension(name);
        if (ext.isEmpty() && name.startsWith(".") && name.length() > 1) {
            ext = name.substring(1).toLowerCase(java.util.Locale.ROOT);   // ".gitignore"
        }
        return BY_EXTENSION.getOrDefault(ext, UNKNOWN);
    }

    public static boolean isImage(String mimeType) {
        return mimeType.startsWith("image/");
    }

    public static boolean isText(String mimeType) {
        return mimeType.startsWith("text/") || TEXT_APPLICATIONS.contains(mimeType);
    }

    /**
     * Whether a browser opening the file on WTE's origin could run script in it, or the type is not known
     * to be harmless: such files are served as attachments in a CSP sandbox.
     */
    public static boolean isActive(String mimeType) {
        return !PASSIVE.contains(mimeType);
    }

    /** The image type the bytes begin with (PNG, JPEG, GIF or WebP), if any. */
    public static Optional<String> sniffImage(byte[] data) {
        if (startsWith(data, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (startsWith(data, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(data, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(data, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of("image/gif");
        }
        if (startsWith(data, 0, 'R', 'I', 'F', 'F') && startsWith(data, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    /**
     * For a name whose type is a checked image (PNG, JPEG, GIF, WebP) or SVG: what is wrong with the content,
     * or empty if it is what the name says. Other types are not checked.
     */
    public static Optional<String> contentProblem(String name, String mimeType, byte[] data) {
        if (CHECKED_IMAGES.contains(mimeType)) {
            Optional<String> actual = sniffImage(data);
            if (actual.isEmpty()) {
                return Optional.of("“" + name + "” is named as a " + shortName(mimeType)
                        + " image, but its content is not an image of that type.");
            }
            if (!actual.get().equals(mimeType)) {
                return Optional.of("“" + name + "” is named as a " + shortName(mimeType) + " image, but its content is a "
                        + shortName(actual.get()) + " image: rename it to end in ." + extensionOf(actual.get()) + ".");
            }
        } else if (mimeType.equals("image/svg+xml")) {
            Optional<String> text = utf8(data);
            if (text.isEmpty() || !text.get().contains("<svg")) {
                return Optional.of("“" + name + "” is named as an SVG image, but its content is not SVG.");
            }
        }
        return Optional.empty();
    }

    /** The bytes as text if they are valid UTF-8 without NUL characters (an optional BOM is kept). */
    public static Optional<String> utf8(byte[] data) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
            return text.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String shortName(String mimeType) {
        return switch (mimeType) {
            case "image/png" -> "PNG";
            case "image/jpeg" -> "JPEG";
            case "image/gif" -> "GIF";
            case "image/webp" -> "WebP";
            default -> mimeType;
        };
    }

    private static String extensionOf(String mimeType) {
        return switch (mimeType) {
            case "image/jpeg" -> "jpg";
            default -> mimeType.substring(mimeType.indexOf('/') + 1);
        };
    }

    private static boolean startsWith(byte[] data, int offset, int... prefix) {
        if (data.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[offset + i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

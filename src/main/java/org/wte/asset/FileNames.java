package org.wte.asset;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for the name of an asset or template. A name is one path segment that works in a URL, in a
 * Content-Disposition header and on the file systems students copy templates to:
 * not empty, at most 255 characters, no / or \ (no folders), no "..", no control or bidirectional
 * formatting characters, none of {@code < > : " | ? *}, no space at either end, no dot at the end.
 * A leading dot is allowed (".gitignore", ".eslintrc.json" are legitimate starter files, and the original
 * WTE's exports may contain them). Names are unique per part and kind ignoring case, so that
 * "Logo.png" and "logo.png" never sit side by side (they would collide on Windows and macOS).
 */
public final class FileNames {
    public static final int MAX_LENGTH = 255;
    private static final String RESERVED = "<>:\"|?*";

    private FileNames() {}

    /** What is wrong with the name, or empty if it is a valid file name. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty() || name.isBlank()) {
            return Optional.of("Enter a file name.");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("A file name can have at most " + MAX_LENGTH + " characters; this one has "
                    + name.length() + ".");
        }
        if (name.equals(".") || name.contains("..")) {
            return Optional.of("A file name cannot be \".\" or contain \"..\".");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of("A file name cannot contain / or \\: files cannot be put in folders.");
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || c == 0x2028 || c == 0x2029) {
                return Optional.of("A file name cannot contain control or invisible formatting characters.");
            }
            if (RESERVED.indexOf(c) >= 0) {
                return Optional.of("A file name cannot contain any of < > : \" | ? *.");
            }
            i += Character.charCount(c);
        }
        if (Character.isWhitespace(name.charAt(0)) || Character.isWhitespace(name.charAt(name.length() - 1))
                || Character.isSpaceChar(name.charAt(0)) || Character.isSpaceChar(name.charAt(name.length() - 1))) {
            return Optional.of("A file name cannot begin or end with a space.");
        }
        if (name.endsWith(".")) {
            return Optional.of("A file name cannot end with a dot.");
        }
        return Optional.empty();
    }

    /** The key under which two names count as the same in one part: Unicode NFC, lower case. */
    public static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /**
     * The name a browser sent with an uploaded file, reduced to its last path element (old browsers send
     * "C:\Users\…\photo.png") and trimmed; the result still goes through {@link #problem}.
     */
    public static String fromUpload(String submitted) {
        if (submitted == null) {
            return "";
        }
        String name = submitted;
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (cut >= 0) {
            name = name.substring(cut + 1);
        }
        return Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
    }

    /** The extension after the last dot, lower case, or "" (".gitignore" has none). */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

package org.wte.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold secrets (the INI, the embedded secret): created with their permissions, never readable first. */
public final class PrivateFiles {
    private PrivateFiles() {}

    /**
     * Creates a new file (it must not exist) with these POSIX permissions (e.g. "rw-------") from the start,
     * where the file system has them, and writes the text.
     */
    public static void create(Path file, String text, String permissions) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

package org.avfusion.runtime.output.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Output files a command writes at its end (a replay's {@code --report}) or as it goes ({@code --decisions}): checked
 * before the work starts, so a path that cannot be written fails at once with the reason, not after a whole replay.
 * Stateless.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Fails, naming {@code option}, the path and why, when {@code file} cannot be written: a folder, a missing
     * folder, no permission, a file system that refuses it ({@code /proc}). Opens the file for appending to find out
     * (its content is left as it is) and removes it again if this call created it.
     *
     * @throws IllegalArgumentException when it cannot be written (a bad argument: exit code 2)
     */
    public static void requireWritable(String option, Path file) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + ": is a folder, not a file");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(option + " " + file + ": its folder " + parent + " does not exist");
        }
        boolean existed = Files.exists(file);
        try (OutputStream o = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            o.flush();
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot be written: " + why(e), e);
        }
        if (!existed) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left empty: the command writes it anyway
            }
        }
    }

    /** Why an I/O operation on a file failed, in words (the JDK's messages of these are the path alone). */
    public static String why(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}

package org.avfusion.fleet.drive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The drives of a fleet replay, read on the driver before any task runs.
 *
 * <ul>
 *   <li>A <b>list file</b>: one drive a line; blank lines and {@code #} comments skipped. A line is a recording path
 *   (relative paths are relative to the list file's folder), {@code scenario:NAME} for a built-in scenario, or
 *   {@code scenario:FILE.yaml}.</li>
 *   <li>A <b>folder</b>: each entry, sorted by name, is one drive: a recording (folder or file), or a scenario if it
 *   ends in {@code .yaml}/{@code .yml}. Hidden entries are skipped.</li>
 * </ul>
 * Whether each recording exists and is of a supported format is checked by its task, so that one bad drive gives one
 * failed row instead of stopping the fleet; an input that is missing, unreadable or lists no drive, or that lists one
 * drive twice, fails here with a message naming it.
 */
public final class DriveList {
    private DriveList() {
    }

    /**
     * @throws IllegalArgumentException naming {@code input} when it does not exist, cannot be read, has no drive, or
     *                                  names one drive twice
     */
    public static List<DriveTask> read(Path input) {
        if (!Files.exists(input)) {
            throw new IllegalArgumentException("drive list " + input + " not found: give a list file (one recording "
                    + "or scenario:NAME a line) or a folder of recordings");
        }
        List<String[]> entries = new ArrayList<>(); // id, input
        try {
            if (Files.isDirectory(input)) {
                try (Stream<Path> children = Files.list(input)) {
                    for (Path p : children.sorted().toList()) {
                        String name = p.getFileName().toString();
                        if (name.startsWith(".")) {
                            continue;
                        }
                        String lower = name.toLowerCase(Locale.ROOT);
                        boolean scenario = Files.isRegularFile(p) && (lower.endsWith(".yaml") || lower.endsWith(".yml"));
                        entries.add(new String[] {name, (scenario ? DriveTask.SCENARIO_PREFIX : "")
                                + p.toAbsolutePath().normalize()});
                    }
                }
            } else {
                Path base = input.toAbsolutePath().getParent();
                int lineNo = 0;
                for (String raw : Files.readAllLines(input)) {
                    lineNo++;
                    String line = raw.strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    if (line.startsWith(DriveTask.SCENARIO_PREFIX)) {
                        String what = line.substring(DriveTask.SCENARIO_PREFIX.length()).strip();
                        if (what.isEmpty()) {
                            throw new IllegalArgumentException(input + " line " + lineNo + ": 'scenario:' without a "
                                    + "name or file");
                        }
                        boolean file = what.contains("/") || what.endsWith(".yaml") || what.endsWith(".yml");
                        entries.add(new String[] {line, DriveTask.SCENARIO_PREFIX
                                + (file ? base.resolve(what).normalize().toString() : what)});
                    } else {
                        entries.add(new String[] {line, base.resolve(line).normalize().toString()});
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read drive list " + input + ": " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("drive list " + input + " names no drive: " + (Files.isDirectory(input)
                    ? "the folder is empty" : "every line is blank or a # comment"));
        }
        Set<String> seen = new HashSet<>();
        List<DriveTask> tasks = new ArrayList<>();
        for (String[] e : entries) {
            if (!seen.add(e[0])) {
                throw new IllegalArgumentException("drive list " + input + " names drive '" + e[0] + "' twice");
            }
            tasks.add(new DriveTask(tasks.size(), e[0], e[1]));
        }
        return List.copyOf(tasks);
    }
}

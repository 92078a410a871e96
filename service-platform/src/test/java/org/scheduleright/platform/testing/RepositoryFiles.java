package org.scheduleright.platform.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository from a test running in any module directory. */
public final class RepositoryFiles {

    private RepositoryFiles() {}

    /** The file at {@code relativePath} from the repository root, searching upwards from the working directory. */
    public static Path find(String relativePath) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relativePath);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                relativePath + " not found above " + Path.of("").toAbsolutePath());
    }
}

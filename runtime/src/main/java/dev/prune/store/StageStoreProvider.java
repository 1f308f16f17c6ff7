package dev.prune.store;

import java.io.IOException;
import java.net.URI;

/**
 * Opens stores on URI schemes the core does not know ({@code hdfs}, {@code s3a}, ...). Found with
 * {@link java.util.ServiceLoader}, so that a module with heavier dependencies (the Spark module's Hadoop
 * file systems) adds schemes only when it is on the classpath.
 */
public interface StageStoreProvider {

    boolean accepts(URI location);

    StageStore open(URI location) throws IOException;
}

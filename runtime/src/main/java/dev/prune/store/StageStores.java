package dev.prune.store;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ServiceLoader;

/** Opens a store from what the user wrote after {@code --store}: a {@code file:} URI, a plain path, or another scheme a provider knows. */
public final class StageStores {

    private StageStores() {
    }

    public static StageStore open(String location) throws IOException {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null) {
            return new LocalStageStore(Path.of(location));
        }
        if (uri.getScheme().equals("file")) {
            return new LocalStageStore(Path.of(uri));
        }
        for (StageStoreProvider provider : ServiceLoader.load(StageStoreProvider.class)) {
            if (provider.accepts(uri)) {
                return provider.open(uri);
            }
        }
        throw new IOException("no store for '" + location + "': this installation knows file: URIs and plain paths; "
                + uri.getScheme() + ": stores come with the Spark module (./prune adds it with --master, or put prune-spark and"
                + " the file system's jars on the classpath)");
    }
}

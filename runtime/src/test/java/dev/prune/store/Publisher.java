package dev.prune.store;

import java.nio.file.Path;

/**
 * A publisher in its own process, for the tests: {@code Publisher FACTORY ROOT KEY FOLDER [stall]}, where
 * FACTORY names a {@link StoreFactory}. With {@code stall} it copies the stage aside, prints {@code ASIDE}
 * and waits forever before the commit, to be killed there. Otherwise it prints {@code WON} or {@code LOST}.
 */
public final class Publisher {

    public static void main(String[] args) throws Exception {
        StoreFactory factory = (StoreFactory) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        boolean stall = args.length > 4 && args[4].equals("stall");
        StageStore store = factory.open(Path.of(args[1]), () -> {
            if (stall) {
                System.out.println("ASIDE");
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        System.out.println(store.publish(args[2], Path.of(args[3])) ? "WON" : "LOST");
    }
}

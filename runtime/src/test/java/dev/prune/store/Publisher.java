package dev.prune.store;

import java.nio.file.Path;

/**
 * A publisher in its own process, for the tests: {@code Publisher ROOT KEY FOLDER [stall]}. With
 * {@code stall} it copies the stage aside, prints {@code ASIDE} and waits forever before the commit, to be
 * killed there. Otherwise it prints {@code WON} or {@code LOST}.
 */
public final class Publisher {

    public static void main(String[] args) throws Exception {
        boolean stall = args.length > 3 && args[3].equals("stall");
        LocalStageStore store = new LocalStageStore(Path.of(args[0]), () -> {
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
        System.out.println(store.publish(args[1], Path.of(args[2])) ? "WON" : "LOST");
    }
}

package org.newswatch.launcher;

/** The one way the launcher waits between two polls. */
final class Pause {

    private Pause() {
    }

    /** Sleeps {@code millis}; returns false, with the thread's interrupt flag set again, when interrupted. */
    static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

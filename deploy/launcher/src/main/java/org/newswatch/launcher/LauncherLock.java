package org.newswatch.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One up or down at a time per checkout: two launchers starting the same broker or database would each see
 * the other's half-started process as "ours". An OS file lock, so a crashed launcher never leaves it held.
 */
final class LauncherLock implements AutoCloseable {

    private final FileChannel channel;
    private FileLock lock;

    private LauncherLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@code patience} for the lock; null when another launcher still holds it. */
    static LauncherLock tryAcquire(StateDirectory state, Duration patience) {
        try {
            FileChannel channel = FileChannel.open(state.lockFile(), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + patience.toNanos();
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new LauncherLock(channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    return null;
                }
                if (!Pause.sleep(200)) {
                    channel.close();
                    return null;
                }
            }
        } catch (IOException e) {
            throw new LaunchFailure("cannot lock " + state.lockFile() + ": " + e.getMessage(), e);
        }
    }

    /** Lets a later up or down proceed (the foreground up keeps running but no longer changes anything). */
    @Override
    public synchronized void close() {
        try {
            if (lock != null) {
                lock.release();
                lock = null;
            }
            channel.close();
        } catch (IOException e) {
            // The lock goes with the process anyway.
        }
    }
}
